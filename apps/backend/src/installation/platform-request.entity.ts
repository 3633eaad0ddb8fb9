import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * A platform-signed request (install, uninstall) already accepted, by its `webhook-id`: a
 * captured request replayed within the signature tolerance is refused. Rows older than the
 * tolerance are useless (the signature check refuses them anyway) and get pruned.
 */
@Entity({ tableName: 'platform_request' })
export class PlatformRequest {
  @PrimaryKey({ type: 'string', length: 200 })
  messageId!: string;

  @Index()
  @Property({ type: 'datetime' })
  receivedAt: Date = new Date();
}

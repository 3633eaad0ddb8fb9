import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Tenant } from '../installation/tenant.entity.js';

/**
 * The `jti` of a host JWT already exchanged for a panel session: a JWT opens one session only, so
 * a token that leaked from the panel URL (history, logs, referrers) is useless afterwards. Kept
 * until the token's own expiry, then pruned by AuthCleanupJob.
 */
@Entity({ tableName: 'used_token' })
@Unique({ properties: ['tenant', 'jti'] })
export class UsedToken {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @ManyToOne(() => Tenant, { deleteRule: 'cascade', updateRule: 'cascade' })
  tenant!: Tenant;

  @Property({ type: 'string', length: 200 })
  jti!: string;

  @Index()
  @Property({ type: 'datetime' })
  expiresAt!: Date;
}

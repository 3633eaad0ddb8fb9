import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * A host tenant that has the plugin installed. Its id is the host's tenant (department) id, as a
 * string. Every tenant-owned table references it with ON DELETE CASCADE, so uninstall is one delete.
 */
@Entity({ tableName: 'tenant' })
export class Tenant {
  @PrimaryKey({ type: 'string', length: 64 })
  id!: string;

  @Property({ type: 'string', length: 200, nullable: true })
  name: string | null = null;

  /** e.g. https://host.example/api/v1 — where Switchboard calls the host. */
  @Property({ type: 'text' })
  hostApiBaseUrl!: string;

  /** Licence flags the host reports (e.g. 'phone.callerIdSelection', 'av'). */
  @Property({ type: 'json' })
  entitlements: string[] = [];

  /** Extension capabilities of the host (e.g. 'signedWebhooks', 'settingsWebhook'); empty = v1 only. */
  @Property({ type: 'json' })
  capabilities: string[] = [];

  /** IANA zone for schedules (anonymization window, offline callback hours). */
  @Property({ type: 'string', length: 64 })
  timeZone = 'Europe/Prague';

  /** The tenant's default language for texts people read. */
  @Property({ type: 'string', length: 2 })
  locale: 'cs' | 'en' = 'cs';

  @Property({ type: 'datetime' })
  installedAt: Date = new Date();

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}

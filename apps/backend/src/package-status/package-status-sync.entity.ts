import { Entity, ManyToOne, PrimaryKeyProp, Property } from '@mikro-orm/core';
import { Tenant } from '../installation/tenant.entity.js';

/** When a tenant's routing and operator states were last read from the host, and how it went. */
@Entity({ tableName: 'package_status_sync' })
export class PackageStatusSync {
  [PrimaryKeyProp]?: 'tenant';

  @ManyToOne({ entity: () => Tenant, primary: true, deleteRule: 'cascade', updateRule: 'cascade' })
  tenant!: Tenant;

  /** `extension`: package status through the extension; `v1`: the chat-button fallback. */
  @Property({ type: 'string', length: 16 })
  mode = 'extension';

  @Property({ type: 'datetime', nullable: true })
  syncedAt: Date | null = null;

  @Property({ type: 'text', nullable: true })
  lastError: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  lastErrorAt: Date | null = null;
}

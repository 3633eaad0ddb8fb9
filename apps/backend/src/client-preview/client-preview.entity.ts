import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import type { DeviceType } from './device-detection.js';
import { Tenant } from '../installation/tenant.entity.js';

/**
 * The waiting-client preview derived for a session: every field, whatever the setting selects
 * today (the selection is applied when it is served, so a change applies to the next read). The
 * IP address it was derived from is never stored.
 */
@Entity({ tableName: 'client_preview' })
@Unique({ properties: ['tenant', 'sessionId'] })
export class ClientPreview {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => Tenant, { deleteRule: 'cascade', updateRule: 'cascade' })
  tenant!: Tenant;

  @Property({ type: 'string', length: 64 })
  sessionId!: string;

  @Property({ type: 'string', length: 16 })
  deviceType!: DeviceType;

  @Property({ type: 'string', length: 64, nullable: true })
  os: string | null = null;

  @Property({ type: 'string', length: 64, nullable: true })
  browser: string | null = null;

  /** ISO 3166-1 alpha-2, or `unknown`. */
  @Property({ type: 'string', length: 8 })
  country!: string;

  @Property({ type: 'string', length: 35, nullable: true })
  language: string | null = null;

  @Property({ type: 'datetime' })
  derivedAt: Date = new Date();
}

import { Entity, ManyToOne, PrimaryKeyProp, Property } from '@mikro-orm/core';
import { Tenant } from '../installation/tenant.entity.js';
import type { SettingsDocument } from './settings-document.js';

/**
 * A tenant's stored settings: only the overrides (defaults live in code, in
 * @switchboard/settings-model). A tenant without a row is at version 0 with an empty document.
 * `version` is the optimistic-concurrency token: writers update `WHERE version = <expected>`.
 */
@Entity({ tableName: 'tenant_settings' })
export class TenantSettings {
  [PrimaryKeyProp]?: 'tenant';

  @ManyToOne({ entity: () => Tenant, primary: true, deleteRule: 'cascade', updateRule: 'cascade' })
  tenant!: Tenant;

  @Property({ type: 'json' })
  document!: SettingsDocument;

  @Property({ type: 'integer' })
  version!: number;

  @Property({ type: 'datetime' })
  updatedAt: Date = new Date();

  /** The host user id of whoever made the last change. */
  @Property({ type: 'string', length: 200, nullable: true })
  updatedBy: string | null = null;
}

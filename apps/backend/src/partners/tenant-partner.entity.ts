import { Entity, ManyToOne, Property } from '@mikro-orm/core';
import { Tenant } from '../installation/tenant.entity.js';
import { Partner } from './partner.entity.js';

/**
 * Which partner an installation belongs to (none: no row). Removed with the tenant on uninstall;
 * a partner cannot be deleted while installations still belong to it (no cascade on that side).
 */
@Entity({ tableName: 'tenant_partner' })
export class TenantPartner {
  @ManyToOne({ entity: () => Tenant, primary: true, deleteRule: 'cascade', updateRule: 'cascade' })
  tenant!: Tenant;

  @ManyToOne({ entity: () => Partner, updateRule: 'cascade' })
  partner!: Partner;

  @Property({ type: 'datetime' })
  assignedAt: Date = new Date();
}

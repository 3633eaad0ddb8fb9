import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import type { PartnerTheme } from './partner-theme.js';

/**
 * A reseller who sells Switchboard under its own brand. Platform-level (not owned by a tenant):
 * the platform operator manages partners and says which installation belongs to which.
 */
@Entity({ tableName: 'partner' })
export class Partner {
  @PrimaryKey({ type: 'string', length: 40 })
  id!: string;

  @Property({ type: 'string', length: 120 })
  name!: string;

  @Property({ type: 'json' })
  theme: PartnerTheme = {};

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}

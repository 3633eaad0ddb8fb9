import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Tenant } from '../installation/tenant.entity.js';

/**
 * One operator a package routes to (through one of its groups or directly), as last read from
 * the host. The (tenant, user) index answers "which packages does this operator count for?" for
 * every status change without touching any other package.
 */
@Entity({ tableName: 'package_route' })
@Unique({ properties: ['tenant', 'packageId', 'userId'] })
@Index({ properties: ['tenant', 'userId'] })
export class PackageRoute {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => Tenant, { deleteRule: 'cascade', updateRule: 'cascade' })
  tenant!: Tenant;

  @Property({ type: 'integer' })
  packageId!: number;

  @Property({ type: 'integer' })
  userId!: number;
}

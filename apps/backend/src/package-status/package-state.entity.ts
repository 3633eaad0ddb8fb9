import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import type { PackageStatus } from '@switchboard/host-contract';
import { Tenant } from '../installation/tenant.entity.js';

/**
 * A package's running counts of routed operators by presence, and the status decided from them.
 * A status change of one operator adds and subtracts on the rows of that operator's packages
 * only; nothing is ever recounted by scanning, except when the routing itself is re-read.
 * `pushed` is what the host last confirmed (the status, or `shown`/`hidden` for the chat button of
 * a v1 host); a row whose `pushed` differs from what its status needs still has to be sent.
 */
@Entity({ tableName: 'package_state' })
@Unique({ properties: ['tenant', 'packageId'] })
export class PackageState {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => Tenant, { deleteRule: 'cascade', updateRule: 'cascade' })
  tenant!: Tenant;

  @Property({ type: 'integer' })
  packageId!: number;

  @Property({ type: 'string', length: 200, nullable: true })
  name: string | null = null;

  @Property({ type: 'integer' })
  routedCount = 0;

  @Property({ type: 'integer' })
  availableCount = 0;

  @Property({ type: 'integer' })
  awayCount = 0;

  /**
   * The package's effective `chat.statusWhenAllAway`, kept here (by the sync and on every change
   * of the setting) so a status change decides from the row alone.
   */
  @Property({ type: 'string', length: 16 })
  whenAllAway: 'busy' | 'offline' = 'busy';

  @Property({ type: 'string', length: 16 })
  status: PackageStatus = 'offline';

  /** A PACKAGE_STATUS_REASONS code. */
  @Property({ type: 'string', length: 64 })
  reason = 'no_operators_online';

  /** Which absence reasons made everyone away, for people. */
  @Property({ type: 'text', nullable: true })
  note: string | null = null;

  @Property({ type: 'datetime' })
  changedAt: Date = new Date();

  @Property({ type: 'string', length: 16, nullable: true })
  pushed: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  pushedAt: Date | null = null;

  @Property({ type: 'text', nullable: true })
  pushError: string | null = null;
}

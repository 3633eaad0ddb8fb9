import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Tenant } from '../installation/tenant.entity.js';

export const ROUTING_ACTIONS = ['offered', 'accepted', 'expired', 'left_queue'] as const;
export type RoutingAction = (typeof ROUTING_ACTIONS)[number];

export const ROUTING_TARGETS = ['operator', 'group'] as const;
export type RoutingTarget = (typeof ROUTING_TARGETS)[number];

/**
 * One step of a waiting session's routing: offered to an operator or a group, accepted, or the
 * offer expired. From the host's routing timeline (`source = timeline`, replaced whole on every
 * refresh) or, on a v1-only host, from SessionForwarded and SessionOperatorJoined events
 * (`source = events`). `stepKey` makes a redelivered event a no-op.
 */
@Entity({ tableName: 'routing_step' })
@Unique({ properties: ['tenant', 'sessionId', 'stepKey'] })
export class RoutingStep {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => Tenant, { deleteRule: 'cascade', updateRule: 'cascade' })
  tenant!: Tenant;

  @Property({ type: 'string', length: 64 })
  sessionId!: string;

  @Property({ type: 'string', length: 200 })
  stepKey!: string;

  @Property({ type: 'string', length: 16 })
  source!: 'timeline' | 'events';

  @Property({ type: 'datetime' })
  at!: Date;

  @Property({ type: 'string', length: 16 })
  action!: RoutingAction;

  @Property({ type: 'string', length: 16 })
  targetKind!: RoutingTarget;

  @Property({ type: 'string', length: 64 })
  targetId!: string;

  /** The operator's or group's name as the host gave it then. */
  @Property({ type: 'string', length: 200, nullable: true })
  targetName: string | null = null;
}

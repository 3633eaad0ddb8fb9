import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

export const AUDIT_ACTOR_TYPES = ['user', 'host', 'system'] as const;
export type AuditActorType = (typeof AUDIT_ACTOR_TYPES)[number];
export const AUDIT_OUTCOMES = ['success', 'denied', 'failed'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/**
 * One audited event. `tenantId` is a plain column, not a foreign key: entries are written for
 * requests whose tenant may not exist (a refused install), and uninstall deletes them explicitly.
 */
@Entity({ tableName: 'audit_entry' })
@Index({ properties: ['tenantId', 'occurredAt'] })
export class AuditEntry {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'string', length: 64 })
  tenantId!: string;

  @Property({ type: 'string', length: 16 })
  actorType!: AuditActorType;

  @Property({ type: 'string', length: 200 })
  actorId!: string;

  @Property({ type: 'string', length: 200, nullable: true })
  actorName: string | null = null;

  /** Dotted, e.g. 'settings.updated', 'installation.installed', 'auth.role_denied'. */
  @Index()
  @Property({ type: 'string', length: 100 })
  action!: string;

  @Property({ type: 'string', length: 100, nullable: true })
  targetType: string | null = null;

  @Property({ type: 'string', length: 200, nullable: true })
  targetId: string | null = null;

  @Property({ type: 'json', nullable: true })
  before: unknown = null;

  @Property({ type: 'json', nullable: true })
  after: unknown = null;

  @Property({ type: 'string', length: 16 })
  outcome: AuditOutcome = 'success';

  @Property({ type: 'json', nullable: true })
  details: Record<string, unknown> | null = null;

  @Property({ type: 'string', length: 128, nullable: true })
  requestId: string | null = null;

  @Property({ type: 'datetime' })
  occurredAt: Date = new Date();
}

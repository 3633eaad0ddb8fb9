import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Tenant } from '../installation/tenant.entity.js';
import type { DocumentChange, SettingsDocument } from './settings-document.js';

export const REVISION_KINDS = ['update', 'package_override', 'rollback', 'import'] as const;
export type RevisionKind = (typeof REVISION_KINDS)[number];

/**
 * One accepted settings write. `number` equals the version it produced; the unique
 * (tenant, number) pair is the second guard (after the conditional version update) that two
 * concurrent writers cannot both commit the same version.
 */
@Entity({ tableName: 'settings_revision' })
@Unique({ properties: ['tenant', 'number'] })
export class SettingsRevision {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne({ entity: () => Tenant, deleteRule: 'cascade', updateRule: 'cascade' })
  tenant!: Tenant;

  @Property({ type: 'integer' })
  number!: number;

  @Property({ type: 'string', length: 32 })
  kind!: RevisionKind;

  /** The full document after this revision. */
  @Property({ type: 'json' })
  document!: SettingsDocument;

  @Property({ type: 'json' })
  changes!: DocumentChange[];

  @Property({ type: 'string', length: 200 })
  actorId!: string;

  @Property({ type: 'string', length: 200, nullable: true })
  actorName: string | null = null;

  /** For a rollback: the revision whose document was restored. */
  @Property({ type: 'integer', nullable: true })
  rolledBackTo: number | null = null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}

import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { Tenant } from '../installation/tenant.entity.js';
import type { BanKind } from './channel-identity.js';

/**
 * A banned device or channel identity of a tenant's clients. A ban applies while it is neither
 * revoked nor past its expiry: both are read at query time, so an expired ban stops applying by
 * itself and stays listed as expired. Admission looks bans up by `(tenant, identityKey)`, an
 * index that leaves at most a handful of rows per identity however many bans the tenant has.
 */
@Entity({ tableName: 'ban' })
@Index({ properties: ['tenant', 'identityKey'] })
@Index({ properties: ['tenant', 'createdAt'] })
export class Ban {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => Tenant, { deleteRule: 'cascade', updateRule: 'cascade' })
  tenant!: Tenant;

  @Property({ type: 'string', length: 16 })
  kind!: BanKind;

  /** Canonical spelling (E.164, lower-cased e-mail, the host's tracking id or messenger id). */
  @Property({ type: 'string', length: 200 })
  value!: string;

  /** `<kind>:<value>`, the admission lookup key. */
  @Property({ type: 'string', length: 220 })
  identityKey!: string;

  @Property({ type: 'string', length: 500 })
  reason!: string;

  /** The offered duration it was made with (`1h`, `permanent`...), or `custom` for a set expiry. */
  @Property({ type: 'string', length: 16 })
  duration!: string;

  @Property({ type: 'datetime', nullable: true })
  expiresAt: Date | null = null;

  /** The session whose client was banned; cleared when that session is anonymized. */
  @Property({ type: 'string', length: 64, nullable: true })
  sessionId: string | null = null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'string', length: 200 })
  createdById!: string;

  @Property({ type: 'string', length: 200, nullable: true })
  createdByName: string | null = null;

  /** The role the ban was made under (operator, supervisor, admin). */
  @Property({ type: 'string', length: 16 })
  createdByRole!: string;

  @Property({ type: 'datetime', nullable: true })
  revokedAt: Date | null = null;

  @Property({ type: 'string', length: 200, nullable: true })
  revokedById: string | null = null;

  @Property({ type: 'string', length: 200, nullable: true })
  revokedByName: string | null = null;

  @Property({ type: 'string', length: 500, nullable: true })
  revokeNote: string | null = null;
}

import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { Tenant } from '../installation/tenant.entity.js';
import type { Role } from './principal.js';

/**
 * A panel session, opened by exchanging a host JWT. The opaque token is only known to the
 * client; the table keeps its SHA-256, so a database leak does not hand out live sessions.
 */
@Entity({ tableName: 'panel_session' })
export class PanelSession {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @ManyToOne(() => Tenant, { deleteRule: 'cascade', updateRule: 'cascade' })
  tenant!: Tenant;

  /** hex SHA-256 of the session token. */
  @Property({ type: 'string', length: 64, unique: true })
  tokenHash!: string;

  @Property({ type: 'string', length: 200 })
  userId!: string;

  @Property({ type: 'string', length: 200, nullable: true })
  userName: string | null = null;

  @Property({ type: 'json' })
  roles!: Role[];

  @Property({ type: 'string', length: 2 })
  locale!: 'cs' | 'en';

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Index()
  @Property({ type: 'datetime' })
  expiresAt!: Date;
}

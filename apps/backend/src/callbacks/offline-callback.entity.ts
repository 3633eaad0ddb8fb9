import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Tenant } from '../installation/tenant.entity.js';

/**
 * A session kept in the queue after its client left, within the package's offline-callback
 * hours: the contact details the client gave, for the operator who takes it (`takenById`).
 */
@Entity({ tableName: 'offline_callback' })
@Unique({ properties: ['tenant', 'sessionId'] })
export class OfflineCallback {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => Tenant, { deleteRule: 'cascade', updateRule: 'cascade' })
  tenant!: Tenant;

  @Property({ type: 'string', length: 64 })
  sessionId!: string;

  @Property({ type: 'string', length: 64, nullable: true })
  packageId: string | null = null;

  @Property({ type: 'string', length: 200, nullable: true })
  name: string | null = null;

  /** E.164 when the number parses in the tenant's region, else as the client wrote it. */
  @Property({ type: 'string', length: 64, nullable: true })
  phone: string | null = null;

  @Property({ type: 'string', length: 200, nullable: true })
  email: string | null = null;

  @Property({ type: 'datetime' })
  leftAt!: Date;

  @Property({ type: 'string', length: 32 })
  cause!: string;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'string', length: 200, nullable: true })
  takenById: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  takenAt: Date | null = null;
}

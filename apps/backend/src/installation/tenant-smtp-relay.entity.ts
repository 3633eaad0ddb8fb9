import { Entity, ManyToOne, Property } from '@mikro-orm/core';
import { Tenant } from './tenant.entity.js';

/**
 * The tenant's own SMTP relay, as the host platform sent it with /install (no row: the service's
 * SMTP_* relay). Its AUTH credentials are tenant secrets (`smtpUser`, `smtpPassword`), encrypted
 * and rotated with the others; this row keeps only what is not secret. Removed with the tenant.
 */
@Entity({ tableName: 'tenant_smtp_relay' })
export class TenantSmtpRelay {
  @ManyToOne({ entity: () => Tenant, primary: true, deleteRule: 'cascade', updateRule: 'cascade' })
  tenant!: Tenant;

  @Property({ type: 'string', length: 255 })
  host!: string;

  @Property({ type: 'integer' })
  port!: number;

  /** Implicit TLS (port 465); false: STARTTLS when offered. */
  @Property({ type: 'boolean' })
  secure!: boolean;

  /** Refuse to send without STARTTLS. */
  @Property({ type: 'boolean' })
  requireTls!: boolean;

  /** The sender: `help@acme.example` or `Acme <help@acme.example>`. */
  @Property({ type: 'string', length: 400 })
  fromAddress!: string;

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}

import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Tenant } from './tenant.entity.js';

/** The host credentials every installation has. */
export const TENANT_SECRET_NAMES = [
  'clientId',
  'clientSecret',
  'webhookSecret',
  'panelTokenSecret',
] as const;
/** The AUTH credentials of the tenant's own SMTP relay (tenant-smtp-relay.entity.ts), when it has one. */
export const SMTP_SECRET_NAMES = ['smtpUser', 'smtpPassword'] as const;
export type HostSecretName = (typeof TENANT_SECRET_NAMES)[number];
export type SmtpSecretName = (typeof SMTP_SECRET_NAMES)[number];
export type TenantSecretName = HostSecretName | SmtpSecretName;

/**
 * One credential the host handed over at install, encrypted with the key named by `keyId`
 * (see common/crypto/secret-box.ts). Only ciphertext is stored.
 */
@Entity({ tableName: 'tenant_secret' })
@Unique({ properties: ['tenant', 'name'] })
export class TenantSecret {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => Tenant, { deleteRule: 'cascade', updateRule: 'cascade' })
  tenant!: Tenant;

  @Property({ type: 'string', length: 32 })
  name!: TenantSecretName;

  /** base64 of iv ‖ auth tag ‖ ciphertext (AES-256-GCM). */
  @Property({ type: 'text' })
  ciphertext!: string;

  @Property({ type: 'string', length: 64 })
  keyId!: string;

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}

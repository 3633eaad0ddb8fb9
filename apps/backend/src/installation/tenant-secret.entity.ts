import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Tenant } from './tenant.entity.js';

export const TENANT_SECRET_NAMES = [
  'clientId',
  'clientSecret',
  'webhookSecret',
  'panelTokenSecret',
] as const;
export type TenantSecretName = (typeof TENANT_SECRET_NAMES)[number];

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

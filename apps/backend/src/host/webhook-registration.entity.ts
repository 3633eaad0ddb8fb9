import { Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { Tenant } from '../installation/tenant.entity.js';

export const WEBHOOK_REGISTRATION_STATES = ['pending', 'registered', 'failed'] as const;
export type WebhookRegistrationState = (typeof WEBHOOK_REGISTRATION_STATES)[number];

/**
 * Where Switchboard's webhook registration on the host stands for a tenant. Install succeeds
 * whatever happens here; a failed registration is recorded and retried (see
 * WebhookRegistrationService). The callback URL is stored without its credentials.
 */
@Entity({ tableName: 'host_webhook_registration' })
export class WebhookRegistration {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => Tenant, { deleteRule: 'cascade', updateRule: 'cascade', unique: true })
  tenant!: Tenant;

  @Property({ type: 'string', length: 16 })
  state: WebhookRegistrationState = 'pending';

  /** The registration's id on the host, once known. */
  @Property({ type: 'integer', nullable: true })
  hostWebhookId: number | null = null;

  @Property({ type: 'text' })
  callbackUrl!: string;

  @Property({ type: 'json' })
  eventTypes: string[] = [];

  @Property({ type: 'integer' })
  attempts = 0;

  @Property({ type: 'text', nullable: true })
  lastError: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  registeredAt: Date | null = null;

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}

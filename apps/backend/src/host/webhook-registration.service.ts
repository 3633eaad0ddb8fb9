import type { AddressInfo } from 'node:net';
import { EntityManager } from '@mikro-orm/core';
import {
  type BeforeApplicationShutdown,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { OnEvent } from '@nestjs/event-emitter';
import {
  ALL_WEBHOOK_EVENT_TYPES,
  EXTENSION_PATHS,
  fillPath,
  hasCapability,
  WEBHOOK_EVENT_TYPES,
} from '@switchboard/host-contract';
import { InjectEnv } from '../config/config.module.js';
import type { Env } from '../config/env.js';
import {
  TENANT_INSTALLED,
  TENANT_UNINSTALLED,
  type TenantInstalledEvent,
} from '../installation/installation.events.js';
import { InstallationService } from '../installation/installation.service.js';
import { Tenant } from '../installation/tenant.entity.js';
import { HostApiClientFactory } from './host-api-client.factory.js';
import { webhookBasicCredentials } from './webhook-credentials.js';
import { WebhookRegistration } from './webhook-registration.entity.js';

/** Pause before each further attempt; after the last one the registration is `failed`. */
export const REGISTRATION_RETRY_DELAYS_MS = [1_000, 5_000, 30_000, 120_000, 600_000] as const;
const MAX_ERROR_LENGTH = 2000;

function withoutCredentials(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
  } catch {
    return url;
  }
}

/**
 * Registers Switchboard's webhooks on the host after every install and reinstall, through the
 * tenant's HostApiClient: an existing registration for our callback URL is updated (found in the
 * list, or reported by the host's 409), otherwise one is created. Hosts with `signedWebhooks` get
 * every event type and a plain URL; v1 hosts get the v1 event types and Basic credentials in the
 * URL's userinfo. The install never waits for this and never fails because of it: the outcome is
 * recorded in `host_webhook_registration` and a failure is retried in-process with growing pauses
 * (and again at the next start). Durable retries across restarts belong to the jobs capability
 * (issue 5).
 */
@Injectable()
export class WebhookRegistrationService
  implements OnApplicationBootstrap, BeforeApplicationShutdown
{
  private readonly logger = new Logger(WebhookRegistrationService.name);
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Bumped on every (re)install: an attempt of an older generation does not record its outcome. */
  private readonly generations = new Map<string, number>();
  private readonly inFlight = new Set<Promise<void>>();
  private stopping = false;

  constructor(
    private readonly em: EntityManager,
    private readonly installation: InstallationService,
    private readonly clients: HostApiClientFactory,
    private readonly adapterHost: HttpAdapterHost,
    @InjectEnv() private readonly env: Env,
  ) {}

  @OnEvent(TENANT_INSTALLED)
  onInstalled(event: TenantInstalledEvent): void {
    this.generations.set(event.tenantId, (this.generations.get(event.tenantId) ?? 0) + 1);
    this.schedule(event.tenantId, 0, 0);
  }

  @OnEvent(TENANT_UNINSTALLED)
  onUninstalled(event: { tenantId: string }): void {
    this.generations.set(event.tenantId, (this.generations.get(event.tenantId) ?? 0) + 1);
    const timer = this.timers.get(event.tenantId);
    if (timer !== undefined) clearTimeout(timer);
    this.timers.delete(event.tenantId);
  }

  /** Registrations left unfinished by the previous run are tried again (after listen). */
  async onApplicationBootstrap(): Promise<void> {
    try {
      const open = await this.em
        .fork()
        .find(WebhookRegistration, { state: { $ne: 'registered' } }, { fields: ['tenant'] });
      for (const row of open) this.schedule(row.tenant.id, 0, REGISTRATION_RETRY_DELAYS_MS[0]);
    } catch (error) {
      // Before migrations (MIGRATE_ON_START=false) the table may not exist yet.
      this.logger.warn({ err: error }, 'Could not read pending webhook registrations');
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.clients.abortAll();
    await Promise.allSettled([...this.inFlight]);
  }

  private schedule(tenantId: string, attempt: number, delayMs: number): void {
    if (this.stopping) return;
    const previous = this.timers.get(tenantId);
    if (previous !== undefined) clearTimeout(previous);
    const generation = this.generations.get(tenantId) ?? 0;
    const timer = setTimeout(() => {
      this.timers.delete(tenantId);
      const run = this.attempt(tenantId, attempt, generation).finally(() =>
        this.inFlight.delete(run),
      );
      this.inFlight.add(run);
    }, delayMs);
    timer.unref();
    this.timers.set(tenantId, timer);
  }

  private async attempt(tenantId: string, attempt: number, generation: number): Promise<void> {
    const current = (): boolean =>
      !this.stopping && (this.generations.get(tenantId) ?? 0) === generation;
    let eventTypes: string[] = [];
    let callbackUrl = '';
    try {
      const tenant = await this.installation.findTenant(tenantId);
      if (tenant === null || !current()) return;
      const signed = hasCapability(tenant.capabilities, 'signedWebhooks');
      eventTypes = [...(signed ? ALL_WEBHOOK_EVENT_TYPES : WEBHOOK_EVENT_TYPES)];
      const { webhookSecret } = await this.installation.secrets(tenantId);
      callbackUrl = this.callbackUrl(tenantId, signed ? null : webhookSecret);
      await this.record(tenantId, { state: 'pending', eventTypes, callbackUrl, attempt });

      const client = await this.clients.forTenant(tenantId);
      const model = { eventTypes, callbackUrl };
      const ours = withoutCredentials(callbackUrl);
      const existing = (await client.listWebhooks()).find(
        (webhook) => withoutCredentials(webhook.callbackUrl) === ours,
      );
      let hostWebhookId: number;
      if (existing === undefined) {
        hostWebhookId = (await client.registerWebhook(model)).id;
      } else {
        await client.updateWebhook(existing.id, model);
        hostWebhookId = existing.id;
      }
      if (!current()) return;
      await this.record(tenantId, {
        state: 'registered',
        eventTypes,
        callbackUrl,
        attempt,
        hostWebhookId,
      });
      this.logger.log({ tenantId, hostWebhookId }, 'Webhooks registered on the host');
    } catch (error) {
      if (!current()) return;
      const message = (error instanceof Error ? error.message : String(error)).slice(
        0,
        MAX_ERROR_LENGTH,
      );
      const delay = REGISTRATION_RETRY_DELAYS_MS[attempt];
      this.logger.warn(
        { tenantId, attempt: attempt + 1, retryInMs: delay ?? null, error: message },
        'Webhook registration failed',
      );
      try {
        await this.record(tenantId, {
          state: delay === undefined ? 'failed' : 'pending',
          eventTypes,
          callbackUrl,
          attempt,
          lastError: message,
        });
      } catch (recordError) {
        this.logger.warn({ tenantId, err: recordError }, 'Could not record the registration');
      }
      if (delay !== undefined) this.schedule(tenantId, attempt + 1, delay);
    }
  }

  private async record(
    tenantId: string,
    outcome: {
      state: WebhookRegistration['state'];
      eventTypes: string[];
      callbackUrl: string;
      attempt: number;
      hostWebhookId?: number;
      lastError?: string;
    },
  ): Promise<void> {
    const em = this.em.fork();
    let row = await em.findOne(WebhookRegistration, { tenant: tenantId });
    if (row === null) {
      row = new WebhookRegistration();
      row.tenant = em.getReference(Tenant, tenantId);
      em.persist(row);
    }
    row.state = outcome.state;
    row.eventTypes = outcome.eventTypes;
    row.callbackUrl = withoutCredentials(outcome.callbackUrl);
    row.attempts = outcome.attempt + 1;
    row.lastError = outcome.lastError ?? null;
    if (outcome.hostWebhookId !== undefined) row.hostWebhookId = outcome.hostWebhookId;
    if (outcome.state === 'registered') row.registeredAt = new Date();
    row.updatedAt = new Date();
    await em.flush();
  }

  /** `${PUBLIC_URL}/webhooks/{tenantId}`, with Basic userinfo for a v1 host. */
  callbackUrl(tenantId: string, basicFromSecret: string | null): string {
    const url = new URL(
      `${this.publicUrl()}${fillPath(EXTENSION_PATHS.switchboard.webhooks, { tenantId })}`,
    );
    if (basicFromSecret !== null) {
      const { username, password } = webhookBasicCredentials(tenantId, basicFromSecret);
      url.username = encodeURIComponent(username);
      url.password = encodeURIComponent(password);
    }
    return url.toString();
  }

  private publicUrl(): string {
    if (this.env.PUBLIC_URL !== undefined) return this.env.PUBLIC_URL;
    const server = this.adapterHost.httpAdapter.getHttpServer() as {
      address(): AddressInfo | string | null;
    };
    const address = server.address();
    if (address === null || typeof address === 'string') {
      throw new Error('PUBLIC_URL is not set and the service is not listening yet');
    }
    const wildcard = ['0.0.0.0', '::', ''].includes(address.address);
    const host = wildcard
      ? '127.0.0.1'
      : address.family === 'IPv6'
        ? `[${address.address}]`
        : address.address;
    return `http://${host}:${address.port}`;
  }
}

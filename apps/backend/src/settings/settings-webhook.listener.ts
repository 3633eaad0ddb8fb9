import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { signedHeaders } from '@switchboard/host-contract';
import { InstallationService } from '../installation/installation.service.js';
import { SETTINGS_UPDATED, type SettingsUpdatedEvent } from './settings.events.js';

/** The host extension capability that asks for change notifications. */
export const SETTINGS_WEBHOOK_CAPABILITY = 'settingsWebhook';

/** What the host receives at `${hostApiBaseUrl}/extension/settings-updated`. */
export interface SettingsUpdatedNotification {
  type: 'settings.updated';
  tenantId: string;
  version: number;
  changedKeys: string[];
  packageIds: string[];
}

/** Delay before each retry; the first attempt goes out at once. */
export const RETRY_DELAYS_MS: readonly number[] = [250, 1_000, 4_000];
const ATTEMPT_TIMEOUT_MS = 5_000;

export function notificationFor(event: SettingsUpdatedEvent): SettingsUpdatedNotification {
  return {
    type: 'settings.updated',
    tenantId: event.tenantId,
    version: event.version,
    changedKeys: [...new Set(event.changes.map((change) => change.key))],
    packageIds: [
      ...new Set(
        event.changes.flatMap((change) =>
          change.packageId === undefined ? [] : [change.packageId],
        ),
      ),
    ].sort(),
  };
}

/**
 * Tells the host that a tenant's settings changed, when the host has the `settingsWebhook`
 * capability: a Standard Webhooks-signed POST with the new version and what changed, so the
 * host can refetch the effective settings. Retries a few times in-process with backoff; a
 * notification still failing after that is logged and dropped (the host can always poll the
 * effective settings with If-None-Match). Durable, restart-proof retries come with the jobs
 * capability (issue "durable jobs and timers"), which should take this delivery over.
 */
@Injectable()
export class SettingsWebhookListener implements OnModuleDestroy {
  private readonly logger = new Logger(SettingsWebhookListener.name);
  private readonly shutdown = new AbortController();
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly installation: InstallationService) {}

  @OnEvent(SETTINGS_UPDATED)
  onSettingsUpdated(event: SettingsUpdatedEvent): void {
    // Not awaited: the writer's response must not wait for the host.
    const delivery = this.deliver(event).catch((error: unknown) => {
      this.logger.error(
        { tenantId: event.tenantId, version: event.version, reason: describe(error) },
        'Settings notification failed',
      );
    });
    this.inFlight.add(delivery);
    void delivery.finally(() => this.inFlight.delete(delivery));
  }

  /** Resolves once every notification started so far has been delivered or given up. */
  async drain(): Promise<void> {
    await Promise.all([...this.inFlight]);
  }

  async onModuleDestroy(): Promise<void> {
    this.shutdown.abort();
    await this.drain();
  }

  private async deliver(event: SettingsUpdatedEvent): Promise<void> {
    const tenant = await this.installation.findTenant(event.tenantId);
    if (tenant === null || !tenant.capabilities.includes(SETTINGS_WEBHOOK_CAPABILITY)) return;
    const { webhookSecret } = await this.installation.secrets(event.tenantId);
    const url = `${tenant.hostApiBaseUrl.replace(/\/+$/, '')}/extension/settings-updated`;
    const body = JSON.stringify(notificationFor(event));
    // One id for every attempt, so the host can drop a duplicate delivery; unique per write,
    // since versions start over when a tenant is uninstalled and installed again.
    const messageId = `msg_settings_${event.eventId}`;
    const attempts = RETRY_DELAYS_MS.length + 1;
    for (let attempt = 1; attempt <= attempts; attempt += 1) {
      if (this.shutdown.signal.aborted) return;
      const outcome = await this.attempt(url, messageId, webhookSecret, body);
      if (outcome.ok) return;
      const delay = RETRY_DELAYS_MS[attempt - 1];
      const context = {
        tenantId: event.tenantId,
        version: event.version,
        attempt,
        host: safeOrigin(url),
        reason: outcome.reason,
      };
      if (!outcome.retryable || delay === undefined) {
        this.logger.warn(context, 'Settings notification not delivered; giving up');
        return;
      }
      this.logger.warn(context, 'Settings notification failed; retrying');
      try {
        await sleep(delay, undefined, { signal: this.shutdown.signal });
      } catch {
        return;
      }
    }
  }

  private async attempt(
    url: string,
    messageId: string,
    secret: string,
    body: string,
  ): Promise<{ ok: true } | { ok: false; retryable: boolean; reason: string }> {
    try {
      const response = await fetch(url, {
        method: 'POST',
        // Signed per attempt so the timestamp is fresh for the receiver's tolerance window.
        headers: { 'content-type': 'application/json', ...signedHeaders(secret, messageId, body) },
        body,
        redirect: 'error',
        signal: AbortSignal.any([AbortSignal.timeout(ATTEMPT_TIMEOUT_MS), this.shutdown.signal]),
      });
      await response.body?.cancel();
      if (response.ok) return { ok: true };
      const retryable =
        response.status >= 500 || response.status === 429 || response.status === 408;
      return { ok: false, retryable, reason: `HTTP ${response.status}` };
    } catch (error) {
      return { ok: false, retryable: true, reason: describe(error) };
    }
  }
}

/** Scheme, host and port only: a base URL could carry credentials or tokens in other parts. */
function safeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '(invalid url)';
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.name : 'unknown error';
}

import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { SeededRandom } from '../common/random.js';
import { sleep } from '../common/sleep.js';
import type { DeliveryRecord } from '../state/observation.model.js';
import type { StateStore } from '../state/state-store.js';
import { prepareDelivery } from './delivery-request.js';
import type { HostEvent } from './host-event.js';

/** The real host: a failed delivery is retried up to 2 more times, then dropped. */
const MAX_ATTEMPTS = 3;

/**
 * Fans host events out to registered webhooks. Each registration gets one POST per event; events
 * of one entity go out in order (a chain per registration and entity), other entities in parallel.
 * Delivery faults (drop, duplicate, shuffle) apply here.
 */
export class WebhookDispatcher {
  private readonly chains = new Map<string, Promise<void>>();
  private shuffleBuffer: DeliveryRecord[] = [];
  private shuffleTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly store: StateStore,
    private readonly log: FastifyBaseLogger,
    private readonly timeoutMs: number,
    private readonly lifetime: AbortSignal,
    /** Seeded: fault rolls and shuffled orders repeat for one seed. */
    private readonly random: SeededRandom,
  ) {}

  publish(event: HostEvent): void {
    const s = this.store.state;
    const v1Only = s.settings.v1Only;
    if (event.extensionOnly && v1Only) return;
    const data =
      v1Only || !event.extensionData ? event.data : { ...event.data, ...event.extensionData };
    const body = JSON.stringify({ eventType: event.eventType, data });
    const eventId = `msg_${randomUUID()}`;
    const targets = s.webhooks.filter(
      (w) =>
        event.tenantIds.includes(w.tenantId) &&
        w.eventTypes.some((t) => t.toLowerCase() === event.eventType.toLowerCase()),
    );
    for (const webhook of targets) {
      const signed = !v1Only && this.secretFor(webhook.tenantId) !== null;
      const record: DeliveryRecord = {
        id: this.store.nextId('delivery'),
        eventId,
        webhookId: webhook.id,
        tenantId: webhook.tenantId,
        eventType: event.eventType,
        entityKey: event.entityKey,
        url: webhook.callbackUrl,
        mode: signed ? 'signed' : 'v1',
        body,
        attempts: [],
        outcome: 'pending',
        duplicateOf: null,
        createdAt: new Date().toISOString(),
      };
      s.deliveries.push(record);
      this.route(record);
    }
    this.store.changed();
  }

  private route(record: DeliveryRecord): void {
    const faults = this.store.state.deliveryFaults;
    if (faults.drop && this.roll(faults.drop)) {
      record.outcome = 'fault_dropped';
      return;
    }
    const copies: DeliveryRecord[] = [record];
    if (faults.duplicate && this.roll(faults.duplicate)) {
      for (let i = 0; i < faults.duplicate.copies; i++) {
        const copy: DeliveryRecord = {
          ...record,
          id: this.store.nextId('delivery'),
          attempts: [],
          duplicateOf: record.id,
        };
        this.store.state.deliveries.push(copy);
        copies.push(copy);
      }
    }
    if (faults.shuffle) {
      this.shuffleBuffer.push(...copies);
      if (this.shuffleBuffer.length >= faults.shuffle.batchSize) this.flushShuffled();
      else this.shuffleTimer ??= setTimeout(() => this.flushShuffled(), faults.shuffle.windowMs);
      return;
    }
    for (const copy of copies) this.enqueue(`${copy.webhookId}|${copy.entityKey}`, copy);
  }

  /** Applies a count-or-probability fault once; a count runs down with each hit. */
  private roll(fault: { probability: number; remaining: number | null }): boolean {
    if (fault.remaining !== null && fault.remaining <= 0) return false;
    if (fault.probability < 1 && this.random.next() >= fault.probability) return false;
    if (fault.remaining !== null) fault.remaining -= 1;
    return true;
  }

  private flushShuffled(): void {
    if (this.shuffleTimer) clearTimeout(this.shuffleTimer);
    this.shuffleTimer = null;
    const batch = this.random.shuffle(this.shuffleBuffer);
    this.shuffleBuffer = [];
    for (const record of batch) this.enqueue('shuffled', record);
  }

  private enqueue(key: string, record: DeliveryRecord): void {
    const previous = this.chains.get(key) ?? Promise.resolve();
    const next = previous.then(() => this.deliver(record));
    this.chains.set(key, next);
    void next.then(() => {
      if (this.chains.get(key) === next) this.chains.delete(key);
    });
  }

  private secretFor(tenantId: number | null): string | null {
    const installation = this.store.state.installations.find(
      (i) => i.tenantId === tenantId && i.active,
    );
    return installation?.webhookSecret ?? null;
  }

  private async deliver(record: DeliveryRecord): Promise<void> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      if (this.lifetime.aborted) return;
      if (attempt > 1) await sleep(this.store.state.settings.webhookRetryDelayMs, this.lifetime);
      const secret = record.mode === 'signed' ? this.secretFor(record.tenantId) : null;
      const at = new Date().toISOString();
      try {
        const request = prepareDelivery(
          record.url,
          record.body,
          secret ? { secret, messageId: record.eventId } : null,
        );
        const response = await fetch(request.url, {
          method: 'POST',
          headers: request.headers,
          body: record.body,
          signal: AbortSignal.any([AbortSignal.timeout(this.timeoutMs), this.lifetime]),
        });
        await response.arrayBuffer().catch(() => undefined);
        record.attempts.push({ at, status: response.status, error: null });
        if (response.ok) {
          record.outcome = 'delivered';
          this.store.changed();
          return;
        }
      } catch (error) {
        record.attempts.push({
          at,
          status: null,
          error: error instanceof Error ? error.message : String(error),
        });
      }
      this.store.changed();
    }
    record.outcome = 'dropped';
    this.log.warn(
      { deliveryId: record.id, eventType: record.eventType },
      'webhook delivery dropped after retries',
    );
    this.store.changed();
  }

  /** Resolves when nothing is in flight or buffered (or after `timeoutMs`). */
  async whenIdle(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.shuffleBuffer.length === 0 && this.chains.size === 0) return true;
      await Promise.race([Promise.all(this.chains.values()), sleep(20)]);
    }
    return false;
  }

  close(): void {
    if (this.shuffleTimer) clearTimeout(this.shuffleTimer);
    this.shuffleTimer = null;
  }
}

import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import {
  dedupeKeyFor,
  parseWebhookEnvelope,
  type WebhookEnvelope,
} from '@switchboard/host-contract';
import { ApiError } from '../common/errors/api-error.js';
import { InboxProcessor } from './inbox-processor.service.js';
import { InboxMessage, type InboxState, PARK_REASONS } from './inbox-message.entity.js';

export interface IngressResult {
  id: number;
  /** `accepted`: queued for processing; `parked`: stored as a dead letter; `duplicate`: seen before. */
  status: 'accepted' | 'parked' | 'duplicate';
}

function isEnvelopeShaped(body: unknown): body is { eventType: string; data?: unknown } {
  return (
    typeof body === 'object' &&
    body !== null &&
    !Array.isArray(body) &&
    typeof (body as { eventType?: unknown }).eventType === 'string' &&
    (body as { eventType: string }).eventType.length > 0
  );
}

/**
 * Stores an authenticated delivery in the inbox, exactly once per dedupe key, and wakes the
 * processor. Nothing else happens on the request path, so the host gets its 2xx fast.
 */
@Injectable()
export class WebhookIngressService {
  constructor(
    private readonly em: EntityManager,
    private readonly processor: InboxProcessor,
  ) {}

  async receive(tenantId: string, webhookId: string | null, body: unknown): Promise<IngressResult> {
    if (!isEnvelopeShaped(body)) {
      throw new ApiError({
        status: 400,
        code: 'invalid_envelope',
        messageKey: 'host.invalid_envelope',
      });
    }
    const receivedAt = new Date();
    const parsed = parseWebhookEnvelope(body);
    let envelope: WebhookEnvelope;
    let state: InboxState = 'pending';
    let lastError: string | null = null;
    if (parsed.success) {
      envelope = parsed.data;
      if (envelope.eventType === 'UNKNOWN') {
        state = 'dead';
        lastError = PARK_REASONS.unknownEvent;
      }
    } else {
      // A known event whose payload breaks the contract: retrying cannot fix it, so it is kept
      // for people to look at rather than refused and lost.
      envelope = { eventType: 'UNKNOWN', rawEventType: body.eventType, data: body.data };
      state = 'dead';
      const issue = parsed.error.issues[0];
      lastError =
        `${PARK_REASONS.invalidPayload}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim();
    }
    const eventType = (
      envelope.eventType === 'UNKNOWN' ? envelope.rawEventType : envelope.eventType
    ).slice(0, 100);
    const dedupeKey = dedupeKeyFor(envelope, { webhookId, receivedAt });
    const em = this.em.fork();
    try {
      const id = await em.insert(InboxMessage, {
        tenant: tenantId,
        dedupeKey,
        eventType,
        payload: body,
        receivedAt,
        state,
        attempts: 0,
        lastError,
        availableAt: receivedAt,
        processedAt: null,
      });
      if (state === 'pending') this.processor.wake();
      return { id: Number(id), status: state === 'pending' ? 'accepted' : 'parked' };
    } catch (error) {
      if (!(error instanceof UniqueConstraintViolationException)) throw error;
      const existing = await em.findOneOrFail(
        InboxMessage,
        { tenant: tenantId, dedupeKey },
        { fields: ['id'] },
      );
      return { id: existing.id, status: 'duplicate' };
    }
  }
}

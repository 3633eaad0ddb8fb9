import { createHash } from 'node:crypto';
import { z } from 'zod';
import {
  ALL_WEBHOOK_EVENT_TYPES,
  type AnyWebhookEventType,
} from './extension/extension-event-types.js';
import {
  EXTENSION_WEBHOOK_PAYLOAD_SCHEMAS,
  type ExtensionWebhookPayloads,
} from './extension/extension-events.js';
import { parseSafeEnum } from './safe-enum.js';
import { V1_WEBHOOK_PAYLOAD_SCHEMAS, type V1WebhookPayloads } from './v1/webhook-payloads.js';

/** Payload schema of every event type a host may send (v1 and extension). */
export const WEBHOOK_PAYLOAD_SCHEMAS = {
  ...V1_WEBHOOK_PAYLOAD_SCHEMAS,
  ...EXTENSION_WEBHOOK_PAYLOAD_SCHEMAS,
} as const satisfies Record<AnyWebhookEventType, z.ZodType>;

export type WebhookPayloads = V1WebhookPayloads & ExtensionWebhookPayloads;

/** A parsed delivery of a known event type; `data` is typed by `eventType`. */
export type KnownWebhookEnvelope = {
  [K in AnyWebhookEventType]: { eventType: K; data: WebhookPayloads[K] };
}[AnyWebhookEventType];

/**
 * A delivery whose event type this version does not know. It parses instead of failing so that
 * the ingress can acknowledge and park it; `rawEventType` is the name as sent.
 */
export interface UnknownWebhookEnvelope {
  eventType: 'UNKNOWN';
  rawEventType: string;
  data: unknown;
}

export type WebhookEnvelope = KnownWebhookEnvelope | UnknownWebhookEnvelope;

export type WebhookEnvelopeOf<K extends AnyWebhookEventType> = Extract<
  KnownWebhookEnvelope,
  { eventType: K }
>;

const rawEnvelopeSchema = z.object({ eventType: z.string().min(1), data: z.unknown() });

/**
 * The `{ eventType, data }` envelope with the payload checked against its event type. The event
 * name is matched case-insensitively and returned in its canonical spelling. A known event whose
 * payload does not match fails with issues under `data`; an unknown event never fails.
 */
export const webhookEnvelopeSchema: z.ZodType<WebhookEnvelope, unknown> =
  rawEnvelopeSchema.transform((raw, ctx): WebhookEnvelope => {
    const eventType = parseSafeEnum(ALL_WEBHOOK_EVENT_TYPES, raw.eventType);
    if (eventType === 'UNKNOWN') {
      return { eventType: 'UNKNOWN', rawEventType: raw.eventType, data: raw.data };
    }
    const parsed = WEBHOOK_PAYLOAD_SCHEMAS[eventType].safeParse(raw.data);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        ctx.issues.push({ ...issue, path: ['data', ...issue.path] } as z.core.$ZodRawIssue);
      }
      return z.NEVER;
    }
    // The schema was picked by `eventType`, so the pair is consistent by construction.
    return { eventType, data: parsed.data } as KnownWebhookEnvelope;
  });

export type WebhookParseResult =
  { success: true; data: WebhookEnvelope } | { success: false; error: z.ZodError };

/** Parses an already JSON-decoded body; never throws. */
export function parseWebhookEnvelope(body: unknown): WebhookParseResult {
  const result = webhookEnvelopeSchema.safeParse(body);
  return result.success
    ? { success: true, data: result.data }
    : { success: false, error: result.error };
}

/** Narrows an envelope to one event type. */
export function isWebhookEvent<K extends AnyWebhookEventType>(
  envelope: WebhookEnvelope,
  eventType: K,
): envelope is WebhookEnvelopeOf<K> {
  return envelope.eventType === eventType;
}

/*
 * Dedupe keys for deliveries without a `webhook-id` (v1 has no event or delivery id). The key is a
 * hash of the event type and the payload fields that identify one occurrence: its ids, its time
 * fields, and the state it reports. A retry of the same delivery carries the same body, so it
 * yields the same key; key order, id encoding (number vs string) and enum spelling do not matter.
 */

const IDENTITY_FIELDS = [
  'id',
  'tenantId',
  'sessionId',
  'activityId',
  'userId',
  'operatorId',
  'operatorGroupId',
  'chatbotId',
  'packageId',
  'companyId',
  'departmentId',
  'routingRuleSetId',
  'originalFormID',
  'name',
] as const;

const TIME_FIELDS = ['time', 'started', 'ended', 'created', 'changed', 'disconnectedAt'] as const;

const STATE_FIELDS = [
  'status',
  'availabilityStatus',
  'availabilityStatusReason',
  'absenceReason',
  'response',
  'result',
  'outcome',
] as const;

/**
 * Events that can legitimately repeat with an identical body because they carry no time field
 * (e.g. two parameter updates of one session). For them, when `receivedAt` is given, the key also
 * holds the receipt time bucket, so a later real change is not mistaken for a retry. Processing an
 * extra copy is harmless: these events only trigger a re-fetch.
 */
export const TIMELESS_REPEATABLE_EVENTS: ReadonlySet<string> = new Set<AnyWebhookEventType>([
  'SessionCallParamsUpdated',
  'SessionRecordingPostProcessingCompleted',
  'EmailThreadParamsUpdated',
  'GuestIdentityUpdated',
  'UserStatusChanged',
  'ApplicationSettingChanged',
]);

export const DEFAULT_DEDUPE_WINDOW_SECONDS = 30;

export interface DedupeKeyOptions {
  /** The Standard Webhooks `webhook-id` header when the delivery was signed: it wins. */
  webhookId?: string | null;
  /** When the delivery arrived; only used for timeless repeatable events. */
  receivedAt?: Date | number;
  /** Bucket width for timeless repeatable events, default 30 s. */
  windowSeconds?: number;
}

function canonical(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 40);
}

/**
 * A stable dedupe key for a delivery: `wh:<webhook-id>` for signed deliveries, else
 * `v1:<EventType>:<hash>` derived from the payload (see above), or `raw:<hash>` of the whole body
 * for an unknown event type.
 */
export function dedupeKeyFor(envelope: WebhookEnvelope, options: DedupeKeyOptions = {}): string {
  if (options.webhookId) return `wh:${options.webhookId}`;
  if (envelope.eventType === 'UNKNOWN') {
    return `raw:${hash(canonical({ eventType: envelope.rawEventType, data: envelope.data }))}`;
  }
  const data = envelope.data as Record<string, unknown>;
  const parts: Record<string, unknown> = {};
  for (const field of [...IDENTITY_FIELDS, ...TIME_FIELDS, ...STATE_FIELDS]) {
    const value = data[field];
    if (value !== undefined && value !== null) parts[field] = value;
  }
  const hasTime = TIME_FIELDS.some((field) => parts[field] !== undefined);
  if (
    !hasTime &&
    TIMELESS_REPEATABLE_EVENTS.has(envelope.eventType) &&
    options.receivedAt !== undefined
  ) {
    const receivedMs =
      typeof options.receivedAt === 'number' ? options.receivedAt : options.receivedAt.getTime();
    const window = (options.windowSeconds ?? DEFAULT_DEDUPE_WINDOW_SECONDS) * 1000;
    parts['#bucket'] = Math.floor(receivedMs / window);
  }
  if (envelope.eventType.startsWith('SessionActivity') && parts['activityId'] === undefined) {
    // Activity payloads without an activity id (A/V, hero-card submission) are told apart by
    // everything they carry.
    parts['#data'] = data;
  }
  return `v1:${envelope.eventType}:${hash(canonical(parts))}`;
}

/**
 * The id of the session a delivery is about, or null (operator status, e-mail threads, settings).
 * Session* events name it `id`, activity and extension events `sessionId`. Read from the raw data
 * as well, so that a parked delivery (unknown event, payload off the contract) is still found when
 * that session is anonymized.
 */
export function sessionIdOfDelivery(eventType: string, data: unknown): string | null {
  if (typeof data !== 'object' || data === null) return null;
  const fields = data as { sessionId?: unknown; id?: unknown };
  const id = fields.sessionId ?? (/^session(?!activity)/i.test(eventType) ? fields.id : undefined);
  if (typeof id === 'string' && id.length > 0 && id.length <= 64) return id;
  if (typeof id === 'number' && Number.isSafeInteger(id)) return String(id);
  return null;
}

import { z } from 'zod';
import { safeEnum } from '../safe-enum.js';
import {
  guestBrowserTypeSchema,
  guestOsTypeSchema,
  sessionChannelSchema,
  sessionSourceSchema,
} from '../v1/enums.js';
import { dateTimeSchema, e164Schema, id32Schema, id64Schema } from '../v1/primitives.js';
import { EXTENSION_PATHS } from './paths.js';
import { tenantIdSchema } from './tenant.js';

/*
 * Decision hooks (capability `decisionHooks`): at a decision point the host POSTs the request to
 * `{switchboard}/hooks/<name>`, signed with Standard Webhooks headers over the tenant's webhook
 * secret, waits at most the hook's time budget, and obeys the answer. On a timeout, a non-2xx
 * answer, a bad signature or a body that does not parse, the host applies the hook's safe default:
 * what the host does without the plugin, so an outage of Switchboard never stops conversations.
 */

const hookRequestBase = {
  tenantId: tenantIdSchema,
  /** When the host asked; Switchboard logs how much of the budget the call used. */
  requestedAt: dateTimeSchema,
};

// ---- session admission -------------------------------------------------------------------------

/** Admission: before a new session enters the queue. Ban check (setting 3) and preview (setting 1). */
export const sessionAdmissionRequestSchema = z.object({
  ...hookRequestBase,
  sessionId: id64Schema,
  packageId: id32Schema.nullish(),
  channel: sessionChannelSchema,
  source: sessionSourceSchema,
  guest: z.object({
    ipAddress: z.string().nullish(),
    /** Per-browser tracking id (cookie GUID): the device key for bans. */
    trackedId: z.string().nullish(),
    /** Phone number, e-mail or messenger id, depending on the channel. */
    channelIdentity: z.string().nullish(),
    /** Contact-directory id, if the guest is known. */
    identity: z.string().nullish(),
    os: guestOsTypeSchema.nullish(),
    browser: guestBrowserTypeSchema.nullish(),
    language: z.string().nullish(),
    userAgent: z.string().nullish(),
  }),
});
export type SessionAdmissionRequest = z.output<typeof sessionAdmissionRequestSchema>;

export const DEVICE_TYPES = ['desktop', 'mobile', 'tablet', 'unknown'] as const;

/** What an operator sees about a waiting client; only the fields the tenant enabled are present. */
export const clientPreviewSchema = z.object({
  deviceType: z.enum(DEVICE_TYPES).optional(),
  os: z.string().optional(),
  browser: z.string().optional(),
  /**
   * ISO 3166-1 alpha-2, derived from the IP (the IP itself is never shown); `unknown` for a
   * private, reserved or unlisted address.
   */
  country: z.union([z.string().length(2), z.literal('unknown')]).optional(),
  language: z.string().optional(),
});
export type ClientPreview = z.output<typeof clientPreviewSchema>;

export const sessionAdmissionResponseSchema = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('admit'), preview: clientPreviewSchema.nullable() }),
  z.object({
    decision: z.literal('refuse'),
    reason: z.enum(['banned']),
    /** Text the host may show the client; never who banned them or why. */
    message: z.string().max(500).optional(),
    /** When the ban expires; absent for permanent bans. */
    retryAt: dateTimeSchema.optional(),
  }),
]);
export type SessionAdmissionResponse = z.output<typeof sessionAdmissionResponseSchema>;

// ---- client file upload ------------------------------------------------------------------------

/** Before a file sent in a session is accepted (setting 11). */
export const fileUploadRequestSchema = z.object({
  ...hookRequestBase,
  sessionId: id64Schema,
  packageId: id32Schema.nullish(),
  uploader: z.enum(['guest', 'operator']),
  operatorUserId: id32Schema.nullish(),
  fileName: z.string().min(1).max(500),
  contentType: z.string().max(200).nullish(),
  sizeBytes: z.number().int().nonnegative(),
});
export type FileUploadRequest = z.output<typeof fileUploadRequestSchema>;

export const FILE_UPLOAD_REFUSAL_REASONS = [
  'client_file_sending_disabled',
  'file_type_not_allowed',
  'file_too_large',
] as const;

export const fileUploadResponseSchema = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('allow') }),
  z.object({
    decision: z.literal('refuse'),
    reason: z.enum(FILE_UPLOAD_REFUSAL_REASONS),
    /** Localised text for the uploader. */
    message: z.string().max(500).optional(),
  }),
]);
export type FileUploadResponse = z.output<typeof fileUploadResponseSchema>;

// ---- callback request --------------------------------------------------------------------------

/** A client asks to be called back (setting 10, same-number blocking). */
export const callbackRequestRequestSchema = z.object({
  ...hookRequestBase,
  sessionId: id64Schema.nullish(),
  packageId: id32Schema.nullish(),
  /** As the client typed it; Switchboard normalises to E.164. */
  phoneNumber: z.string().min(1).max(64),
});
export type CallbackRequestRequest = z.output<typeof callbackRequestRequestSchema>;

export const callbackRequestResponseSchema = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('accept'), normalizedNumber: e164Schema.optional() }),
  z.discriminatedUnion('reason', [
    z.object({
      decision: z.literal('refuse'),
      reason: z.literal('number_blocked'),
      /** When the same number will be accepted again. */
      retryAt: dateTimeSchema,
      normalizedNumber: e164Schema,
    }),
    z.object({ decision: z.literal('refuse'), reason: z.literal('invalid_number') }),
  ]),
]);
export type CallbackRequestResponse = z.output<typeof callbackRequestResponseSchema>;

// ---- client left while queued ------------------------------------------------------------------

/** A queued client closed the page, ended the session or lost connectivity (setting 9). */
export const clientLeftQueueRequestSchema = z.object({
  ...hookRequestBase,
  sessionId: id64Schema,
  packageId: id32Schema.nullish(),
  leftAt: dateTimeSchema,
  cause: safeEnum(['PageClosed', 'EndedByClient', 'ConnectionLost']),
  /** Contact details the client gave before entering the queue. */
  contact: z.object({
    name: z.string().nullish(),
    phoneNumber: z.string().nullish(),
    email: z.string().nullish(),
  }),
});
export type ClientLeftQueueRequest = z.output<typeof clientLeftQueueRequestSchema>;

export const clientLeftQueueResponseSchema = z.object({
  decision: z.enum(['keep_offline_callback', 'drop']),
});
export type ClientLeftQueueResponse = z.output<typeof clientLeftQueueResponseSchema>;

// ---- outbound call -----------------------------------------------------------------------------

/** An operator starts a call; which number will the callee see (setting 5)? */
export const outboundCallRequestSchema = z.object({
  ...hookRequestBase,
  operatorUserId: id32Schema,
  sessionId: id64Schema.nullish(),
  phoneNumber: z.string().min(1).max(64),
  /** The caller ID the operator picked, if any. */
  requestedCallerId: z.string().nullish(),
});
export type OutboundCallRequest = z.output<typeof outboundCallRequestSchema>;

export const outboundCallResponseSchema = z.discriminatedUnion('decision', [
  /** Call with the requested caller ID. */
  z.object({ decision: z.literal('chosen'), callerId: e164Schema }),
  /** Call with this caller ID instead (the tenant's default, or none was requested). */
  z.object({ decision: z.literal('substituted'), callerId: e164Schema }),
  /** Use the host's own default caller ID (the setting is off or not entitled). */
  z.object({ decision: z.literal('host_default') }),
  z.object({
    decision: z.literal('refused'),
    reason: z.enum(['caller_id_not_allowed', 'invalid_number']),
    message: z.string().max(500).optional(),
  }),
]);
export type OutboundCallResponse = z.output<typeof outboundCallResponseSchema>;

// ---- AV start ----------------------------------------------------------------------------------

/** An audio/video session (or an upgrade to AV) starts: record it (setting 6)? */
export const avStartRequestSchema = z.object({
  ...hookRequestBase,
  sessionId: id64Schema,
  packageId: id32Schema.nullish(),
  channel: sessionChannelSchema,
  source: sessionSourceSchema,
  operatorUserId: id32Schema.nullish(),
});
export type AvStartRequest = z.output<typeof avStartRequestSchema>;

export const avStartResponseSchema = z.object({ record: z.boolean() });
export type AvStartResponse = z.output<typeof avStartResponseSchema>;

// ---- next e-mail -------------------------------------------------------------------------------

/** An operator is ready for the next queued e-mail (setting 15). */
export const nextEmailRequestSchema = z.object({
  ...hookRequestBase,
  operatorUserId: id32Schema,
});
export type NextEmailRequest = z.output<typeof nextEmailRequestSchema>;

/**
 * `threadId` is already claimed for this operator (no other operator can get it); the host assigns
 * it. `null`: nothing to offer now.
 */
export const nextEmailResponseSchema = z.object({ threadId: id64Schema.nullable() });
export type NextEmailResponse = z.output<typeof nextEmailResponseSchema>;

// ---- the catalogue -----------------------------------------------------------------------------

export const DEFAULT_HOOK_BUDGET_MS = 300;

export type HookName = keyof typeof EXTENSION_PATHS.switchboard.hooks;

interface HookDescriptor<Req extends z.ZodType, Res extends z.ZodType> {
  path: string;
  /** The host waits at most this long for the answer. */
  budgetMs: number;
  request: Req;
  response: Res;
  /** What the host does when the hook cannot answer in time, as an answer. */
  safeDefault: z.input<Res> | null;
  /** The safe default, in words. */
  safeDefaultText: string;
  summary: string;
}

function hook<Req extends z.ZodType, Res extends z.ZodType>(
  descriptor: HookDescriptor<Req, Res>,
): HookDescriptor<Req, Res> {
  return descriptor;
}

const paths = EXTENSION_PATHS.switchboard.hooks;

/**
 * Every decision hook: path, time budget, schemas and safe default. The host side (the sandbox)
 * uses the budget and the default; Switchboard answers well inside the budget.
 */
export const DECISION_HOOKS = {
  sessionAdmission: hook({
    path: paths.sessionAdmission,
    budgetMs: DEFAULT_HOOK_BUDGET_MS,
    request: sessionAdmissionRequestSchema,
    response: sessionAdmissionResponseSchema,
    safeDefault: { decision: 'admit', preview: null },
    safeDefaultText: 'Admit the session without a preview.',
    summary: 'Admit or refuse a new session (ban check) and supply the waiting-client preview.',
  }),
  fileUpload: hook({
    path: paths.fileUpload,
    budgetMs: DEFAULT_HOOK_BUDGET_MS,
    request: fileUploadRequestSchema,
    response: fileUploadResponseSchema,
    safeDefault: { decision: 'allow' },
    safeDefaultText: "Allow the file (the host's own type and size limits still apply).",
    summary: 'Allow or refuse a file sent in a session, with the reason.',
  }),
  callbackRequest: hook({
    path: paths.callbackRequest,
    budgetMs: DEFAULT_HOOK_BUDGET_MS,
    request: callbackRequestRequestSchema,
    response: callbackRequestResponseSchema,
    safeDefault: { decision: 'accept' },
    safeDefaultText: 'Accept the callback request.',
    summary: 'Accept a callback request or refuse it with the time it will be accepted again.',
  }),
  clientLeftQueue: hook({
    path: paths.clientLeftQueue,
    budgetMs: DEFAULT_HOOK_BUDGET_MS,
    request: clientLeftQueueRequestSchema,
    response: clientLeftQueueResponseSchema,
    safeDefault: { decision: 'drop' },
    safeDefaultText: 'Drop the session from the queue (v1 behaviour).',
    summary: 'Keep a session whose client left the queue as an offline callback, or drop it.',
  }),
  outboundCall: hook({
    path: paths.outboundCall,
    budgetMs: DEFAULT_HOOK_BUDGET_MS,
    request: outboundCallRequestSchema,
    response: outboundCallResponseSchema,
    safeDefault: { decision: 'host_default' },
    safeDefaultText: "Place the call with the host's default caller ID.",
    summary: 'Choose, substitute or refuse the caller ID of an outbound call.',
  }),
  avStart: hook({
    path: paths.avStart,
    budgetMs: DEFAULT_HOOK_BUDGET_MS,
    request: avStartRequestSchema,
    response: avStartResponseSchema,
    safeDefault: { record: false },
    safeDefaultText: 'Do not record: nothing is recorded without a positive answer.',
    summary: 'Decide whether an audio/video session is recorded.',
  }),
  nextEmail: hook({
    path: paths.nextEmail,
    budgetMs: DEFAULT_HOOK_BUDGET_MS,
    request: nextEmailRequestSchema,
    response: nextEmailResponseSchema,
    safeDefault: null,
    safeDefaultText: "Offer the next e-mail by the host's own queue order.",
    summary: 'Pick (and claim) the next queued e-mail thread for an operator, or none.',
  }),
} as const satisfies Record<HookName, HookDescriptor<z.ZodType, z.ZodType>>;

export const HOOK_NAMES = Object.keys(DECISION_HOOKS) as HookName[];

export type HookRequest<N extends HookName> = z.output<(typeof DECISION_HOOKS)[N]['request']>;
export type HookResponse<N extends HookName> = z.output<(typeof DECISION_HOOKS)[N]['response']>;

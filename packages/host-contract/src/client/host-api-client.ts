import { randomUUID } from 'node:crypto';
import { type z } from 'zod';
import { type SettingsUpdatedNotification } from '../extension/tenant.js';
import {
  entitlementsResponseSchema,
  settingsUpdatedNotificationSchema,
  type EntitlementsResponse,
} from '../extension/tenant.js';
import {
  packageListSchema,
  packageStatusResponseSchema,
  setPackageStatusRequestSchema,
  type PackageModel,
  type PackageStatusResponse,
  type SetPackageStatusRequest,
} from '../extension/packages.js';
import { EXTENSION_PATHS, V1_PATHS, fillPath } from '../extension/paths.js';
import {
  anonymizeSessionResponseSchema,
  deleteFilesResponseSchema,
  endSessionResponseSchema,
  routingTimelineResponseSchema,
  type AnonymizationCategory,
  type AnonymizeSessionResponse,
  type DeleteFilesResponse,
  type EndSessionRequest,
  type EndSessionResponse,
  type RoutingTimelineResponse,
} from '../extension/session-actions.js';
import {
  absenceReasonListSchema,
  assignEmailThreadResponseSchema,
  callerIdListSchema,
  emailThreadAlreadyAssignedSchema,
  type AbsenceReason,
  type AssignEmailThreadResponse,
  type CallerId,
} from '../extension/tenant-resources.js';
import { signedHeaders } from '../signing/standard-webhooks.js';
import { TOKEN_PATH } from '../v1/auth.js';
import {
  emailThreadListSchema,
  emailThreadModelSchema,
  type EmailThreadModel,
} from '../v1/email-threads.js';
import {
  toHostQuery,
  type EmailThreadListFilter,
  type SessionListFilter,
} from '../v1/list-filters.js';
import {
  callParamsModelSchema,
  deleteSessionFilesResponseSchema,
  sessionFilesOf,
  sessionListSchema,
  sessionModelSchema,
  type CallParam,
  type SessionActivity,
  type SessionFileRef,
  type SessionFileRemoval,
  type SessionModel,
} from '../v1/sessions.js';
import {
  operatorGroupListSchema,
  operatorStatesResponseSchema,
  updateChatButtonModelSchema,
  userListSchema,
  widgetPresetListSchema,
  type WidgetPresetModel,
  userModelSchema,
  type OperatorGroupModel,
  type OperatorStateModel,
  type UserModel,
} from '../v1/users.js';
import {
  webhookIdResponseSchema,
  webhookListSchema,
  webhookModelSchema,
  type WebhookAddEditModel,
  type WebhookModel,
} from '../v1/webhooks.js';
import { CircuitBreaker, type CircuitState } from './circuit-breaker.js';
import { HostApiError, type HostApiErrorKind } from './host-api-error.js';
import { backoffDelayMs, parseRetryAfterMs } from './retry-policy.js';
import { Semaphore } from './semaphore.js';
import { TokenProvider } from './token-provider.js';

export interface HostApiLimits {
  /** Requests in flight at once for this tenant. */
  maxConcurrency: number;
  /** Attempts per logical call, the first included (a 401 refresh-and-retry comes on top). */
  maxAttempts: number;
  baseDelayMs: number;
  /** Cap of one backoff delay (a Retry-After may ask for more, within `maxTotalDelayMs`). */
  maxDelayMs: number;
  /** Cap of all delays of one logical call together; a retry that would exceed it is not made. */
  maxTotalDelayMs: number;
  attemptTimeoutMs: number;
  /** Refresh the token this long before it expires. */
  tokenRefreshMarginMs: number;
  circuitFailureThreshold: number;
  circuitCooldownMs: number;
}

export const DEFAULT_HOST_API_LIMITS: HostApiLimits = {
  maxConcurrency: 4,
  maxAttempts: 4,
  baseDelayMs: 200,
  maxDelayMs: 5_000,
  maxTotalDelayMs: 15_000,
  attemptTimeoutMs: 10_000,
  tokenRefreshMarginMs: 60_000,
  circuitFailureThreshold: 5,
  circuitCooldownMs: 30_000,
};

export type HostApiOutcome = 'ok' | HostApiErrorKind;

/** One log entry per logical call. It never holds a token, a secret or a body. */
export interface HostApiCallLog {
  tenantId: string | null;
  method: string;
  /** The path template (`/Sessions/{sessionId}`), not the filled path. */
  path: string;
  status: number | null;
  attempts: number;
  latencyMs: number;
  outcome: HostApiOutcome;
  idempotencyKey: string | null;
}

/** Pino-style: fields first, message second. */
export interface HostApiLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

export interface HostApiClientOptions {
  /** The tenant's `hostApiBaseUrl`, version prefix included: `https://host.example/api/v1`. */
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  /** Default: `/login/connect/token` on the origin of `baseUrl`. */
  tokenUrl?: string;
  /** OAuth2 scope; the host accepts requests with or without it. */
  scope?: string;
  /** Signs `notifySettingsUpdated` (the tenant's webhook secret). */
  webhookSecret?: string;
  /** For log entries. */
  tenantId?: string;
  fetch?: typeof fetch;
  logger?: HostApiLogger;
  limits?: Partial<HostApiLimits>;
  /** Clock and sleep, injectable so tests need not wait. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

interface CallSpec<T> {
  method: Method;
  template: string;
  params?: Record<string, string | number>;
  query?: URLSearchParams;
  body?: unknown;
  /** Extra non-2xx statuses handed to `read` instead of failing (e.g. 409). */
  accept?: readonly number[];
  /** Parses a 2xx (or accepted) answer; throwing a ZodError marks the response invalid. */
  read: (status: number, body: unknown) => T;
  /** Extra headers (e.g. a signature); never logged. */
  headers?: (bodyText: string | undefined) => Record<string, string>;
  /** false: no bearer token (the call authenticates otherwise, by its signature). */
  bearer?: boolean;
}

export interface NotifySettingsUpdatedOptions {
  /**
   * The webhook-id, the same on every retry. Default `msg_settings_<tenantId>_<version>`; versions
   * restart after an uninstall and reinstall, so a sender that can tell changes apart passes its
   * own unique id.
   */
  messageId?: string;
  /**
   * Also send a bearer token (default true). The signature alone authenticates the notification;
   * without the token it does not depend on the host's token endpoint.
   */
  bearerToken?: boolean;
}

interface AttemptResult {
  status: number;
  retryAfter: string | null;
  text: string;
}

const MUTATING: ReadonlySet<Method> = new Set(['POST', 'PUT', 'DELETE']);

const noopLogger: HostApiLogger = { info: () => undefined, warn: () => undefined };

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function parseWith<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  return schema.parse(body);
}

/**
 * The host API for one tenant. Keep one instance per tenant for the life of the process: the token
 * cache, the concurrency limit and the circuit breaker live in it.
 *
 * Every call: waits for a concurrency slot per attempt; sends a bearer token fetched with client
 * credentials and refreshed before expiry (a 401 triggers one refresh and retry); times each
 * attempt out; retries network errors, timeouts, 5xx and 429 with full-jitter exponential backoff
 * or the host's Retry-After, within `maxAttempts` and `maxTotalDelayMs`; fails fast while the
 * tenant's circuit is open; sends one `Idempotency-Key` per logical mutating call, the same on
 * every retry; logs one entry with method, path template, status, attempts, latency and outcome.
 */
export class HostApiClient {
  readonly limits: HostApiLimits;
  private readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch;
  private readonly logger: HostApiLogger;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly tenantId: string | null;
  private readonly webhookSecret: string | undefined;
  private readonly semaphore: Semaphore;
  private readonly breaker: CircuitBreaker;
  private readonly tokens: TokenProvider;

  constructor(options: HostApiClientOptions) {
    this.limits = { ...DEFAULT_HOST_API_LIMITS, ...options.limits };
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.fetchImpl = options.fetch ?? globalThis.fetch;
    this.logger = options.logger ?? noopLogger;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.random = options.random ?? Math.random;
    this.tenantId = options.tenantId ?? null;
    this.webhookSecret = options.webhookSecret;
    this.semaphore = new Semaphore(this.limits.maxConcurrency);
    this.breaker = new CircuitBreaker({
      failureThreshold: this.limits.circuitFailureThreshold,
      cooldownMs: this.limits.circuitCooldownMs,
      now: this.now,
      onStateChange: (from, to) =>
        this.logger.warn({ tenantId: this.tenantId, from, to }, 'host API circuit changed state'),
    });
    this.tokens = new TokenProvider({
      tokenUrl: options.tokenUrl ?? new URL(TOKEN_PATH, this.baseUrl).toString(),
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      ...(options.scope === undefined ? {} : { scope: options.scope }),
      fetch: this.fetchImpl,
      now: this.now,
      timeoutMs: this.limits.attemptTimeoutMs,
      refreshMarginMs: this.limits.tokenRefreshMarginMs,
    });
  }

  get circuitState(): CircuitState {
    return this.breaker.state;
  }

  /** Token requests made so far. */
  get tokenFetches(): number {
    return this.tokens.fetches;
  }

  // ---- v1: sessions -------------------------------------------------------------------------

  async getSession(sessionId: string): Promise<SessionModel> {
    return this.call({
      method: 'GET',
      template: V1_PATHS.session,
      params: { sessionId },
      read: (_, body) => parseWith(sessionModelSchema, body),
    });
  }

  /**
   * The session, or null when the host does not know it (404): for event listeners, a session
   * that is gone is nothing to act on, and retrying would not bring it back.
   */
  async findSession(sessionId: string): Promise<SessionModel | null> {
    try {
      return await this.getSession(sessionId);
    } catch (error) {
      if (error instanceof HostApiError && error.status === 404) return null;
      throw error;
    }
  }

  /** One page; a page shorter than `limit` is the last (v1 has no total count). */
  async listSessions(filter: SessionListFilter = {}): Promise<SessionModel[]> {
    return this.call({
      method: 'GET',
      template: V1_PATHS.sessions,
      query: toHostQuery(filter),
      read: (_, body) => parseWith(sessionListSchema, body),
    });
  }

  /** v1 has no activity endpoint: the activities come with the session. */
  async getSessionActivities(sessionId: string): Promise<SessionActivity[]> {
    const session = await this.getSession(sessionId);
    return session.activities ?? [];
  }

  /** Shared files and recordings of a session, derived from the session. */
  async listSessionFiles(sessionId: string): Promise<SessionFileRef[]> {
    return sessionFilesOf(await this.getSession(sessionId));
  }

  async getSessionCallParams(sessionId: string): Promise<CallParam[]> {
    return this.call({
      method: 'GET',
      template: V1_PATHS.sessionCallParams,
      params: { sessionId },
      read: (_, body) => parseWith(callParamsModelSchema, body).callParams,
    });
  }

  /** v1 `DELETE /Sessions/{id}/files`: per-file REMOVED, ALREADY_REMOVED or INACCESSIBLE. */
  async deleteSessionFiles(
    sessionId: string,
    fileIds: readonly number[],
  ): Promise<SessionFileRemoval[]> {
    return this.call({
      method: 'DELETE',
      template: V1_PATHS.sessionFiles,
      params: { sessionId },
      body: { fileIds },
      read: (_, body) => parseWith(deleteSessionFilesResponseSchema, body),
    });
  }

  async deleteSessionFile(sessionId: string, fileId: number): Promise<SessionFileRemoval> {
    const results = await this.deleteSessionFiles(sessionId, [fileId]);
    const result = results.find((item) => item.fileId === fileId);
    if (!result) {
      throw new HostApiError({
        kind: 'invalid_response',
        method: 'DELETE',
        path: V1_PATHS.sessionFiles,
        status: 200,
        message: `no removal result for file ${fileId}`,
      });
    }
    return result;
  }

  /** Extension `deleteFiles`: every file of the session (or the given ones), verified per file. */
  async deleteAllSessionFiles(
    sessionId: string,
    fileIds?: readonly number[],
  ): Promise<DeleteFilesResponse> {
    return this.call({
      method: 'POST',
      template: EXTENSION_PATHS.host.deleteSessionFiles,
      params: { sessionId },
      body: fileIds ? { fileIds } : {},
      read: (_, body) => parseWith(deleteFilesResponseSchema, body),
    });
  }

  /** v1 whole-session anonymization (`POST /Sessions/{id}/anonymize`). */
  async anonymizeSession(sessionId: string): Promise<void> {
    await this.call({
      method: 'POST',
      template: V1_PATHS.sessionAnonymize,
      params: { sessionId },
      read: () => undefined,
    });
  }

  /** Extension `anonymizeByCategory`: one result per category. */
  async anonymizeSessionCategories(
    sessionId: string,
    categories: readonly AnonymizationCategory[],
  ): Promise<AnonymizeSessionResponse> {
    return this.call({
      method: 'POST',
      template: EXTENSION_PATHS.host.anonymizeSession,
      params: { sessionId },
      body: { categories },
      read: (_, body) => parseWith(anonymizeSessionResponseSchema, body),
    });
  }

  /** Extension `endSession`; idempotent (`ALREADY_ENDED`). */
  async endSession(sessionId: string, request: EndSessionRequest): Promise<EndSessionResponse> {
    return this.call({
      method: 'POST',
      template: EXTENSION_PATHS.host.endSession,
      params: { sessionId },
      body: request,
      read: (_, body) => parseWith(endSessionResponseSchema, body),
    });
  }

  /**
   * v1 `POST /Sessions/{id}/end` (the host records `SessionApiCall`): how a v1-only host's session
   * is ended, where the extension's `endSession` with a reason is missing.
   */
  async endSessionV1(sessionId: string): Promise<void> {
    await this.call({
      method: 'POST',
      template: V1_PATHS.sessionEnd,
      params: { sessionId },
      read: () => undefined,
    });
  }

  /** Extension `routingTimeline`. */
  async getRoutingTimeline(sessionId: string): Promise<RoutingTimelineResponse> {
    return this.call({
      method: 'GET',
      template: EXTENSION_PATHS.host.routingTimeline,
      params: { sessionId },
      read: (_, body) => parseWith(routingTimelineResponseSchema, body),
    });
  }

  // ---- extension: packages, phones, operators ------------------------------------------------

  async listPackages(): Promise<PackageModel[]> {
    return this.call({
      method: 'GET',
      template: EXTENSION_PATHS.host.packages,
      read: (_, body) => parseWith(packageListSchema, body),
    });
  }

  async setPackageStatus(
    packageId: number,
    request: SetPackageStatusRequest,
  ): Promise<PackageStatusResponse> {
    return this.call({
      method: 'PUT',
      template: EXTENSION_PATHS.host.packageStatus,
      params: { packageId },
      body: setPackageStatusRequestSchema.parse(request),
      read: (_, body) => parseWith(packageStatusResponseSchema, body),
    });
  }

  async listCallerIds(): Promise<CallerId[]> {
    return this.call({
      method: 'GET',
      template: EXTENSION_PATHS.host.callerIds,
      read: (_, body) => parseWith(callerIdListSchema, body),
    });
  }

  async listAbsenceReasons(): Promise<AbsenceReason[]> {
    return this.call({
      method: 'GET',
      template: EXTENSION_PATHS.host.absenceReasons,
      read: (_, body) => parseWith(absenceReasonListSchema, body),
    });
  }

  // ---- v1: users and groups -------------------------------------------------------------------

  async listUsers(): Promise<UserModel[]> {
    return this.call({
      method: 'GET',
      template: V1_PATHS.users,
      read: (_, body) => parseWith(userListSchema, body),
    });
  }

  async getUser(userId: number): Promise<UserModel> {
    return this.call({
      method: 'GET',
      template: V1_PATHS.user,
      params: { userId },
      read: (_, body) => parseWith(userModelSchema, body),
    });
  }

  async getOperatorStates(): Promise<OperatorStateModel[]> {
    return this.call({
      method: 'GET',
      template: V1_PATHS.operatorStates,
      read: (_, body) => parseWith(operatorStatesResponseSchema, body),
    });
  }

  async listOperatorGroups(): Promise<OperatorGroupModel[]> {
    return this.call({
      method: 'GET',
      template: V1_PATHS.groups,
      read: (_, body) => parseWith(operatorGroupListSchema, body),
    });
  }

  /** v1 widget presets (the v1 stand-in for packages). */
  async listWidgets(): Promise<WidgetPresetModel[]> {
    return this.call({
      method: 'GET',
      template: V1_PATHS.widgets,
      read: (_, body) => parseWith(widgetPresetListSchema, body),
    });
  }

  /** v1: shows or hides a widget's chat button (what a v1 host can do instead of a status). */
  async setChatButton(widgetId: number, displayButton: boolean): Promise<void> {
    await this.call({
      method: 'PUT',
      template: V1_PATHS.widgetChatButton,
      params: { widgetId },
      body: updateChatButtonModelSchema.parse({ displayButton }),
      read: () => undefined,
    });
  }

  // ---- e-mail threads ---------------------------------------------------------------------------

  async getEmailThread(threadId: string): Promise<EmailThreadModel> {
    return this.call({
      method: 'GET',
      template: V1_PATHS.emailThread,
      params: { threadId },
      read: (_, body) => parseWith(emailThreadModelSchema, body),
    });
  }

  async listEmailThreads(filter: EmailThreadListFilter = {}): Promise<EmailThreadModel[]> {
    return this.call({
      method: 'GET',
      template: V1_PATHS.emailThreads,
      query: toHostQuery(filter),
      read: (_, body) => parseWith(emailThreadListSchema, body),
    });
  }

  /**
   * Extension `emailAssignment`. With `onlyIfUnassigned` (default) a thread another operator holds
   * answers `{ assigned: false, heldBy }` instead of failing.
   */
  async assignEmailThread(
    threadId: string,
    userId: number,
    options: { onlyIfUnassigned?: boolean } = {},
  ): Promise<
    | ({ assigned: true } & AssignEmailThreadResponse)
    | { assigned: false; threadId: string; heldBy: number }
  > {
    return this.call({
      method: 'POST',
      template: EXTENSION_PATHS.host.assignEmailThread,
      params: { threadId },
      body: { userId, onlyIfUnassigned: options.onlyIfUnassigned ?? true },
      accept: [409],
      read: (status, body) => {
        if (status === 409) {
          const held = parseWith(emailThreadAlreadyAssignedSchema, body);
          return { assigned: false as const, threadId: held.threadId, heldBy: held.userId };
        }
        return { assigned: true as const, ...parseWith(assignEmailThreadResponseSchema, body) };
      },
    });
  }

  // ---- webhooks ---------------------------------------------------------------------------------

  async listWebhooks(): Promise<WebhookModel[]> {
    return this.call({
      method: 'GET',
      template: V1_PATHS.webhooks,
      read: (_, body) => parseWith(webhookListSchema, body),
    });
  }

  async getWebhook(webhookId: number): Promise<WebhookModel> {
    return this.call({
      method: 'GET',
      template: V1_PATHS.webhook,
      params: { webhookId },
      read: (_, body) => parseWith(webhookModelSchema, body),
    });
  }

  /**
   * Registers a webhook. When the host answers 409 with the id of an existing registration, that
   * registration is replaced (PUT) with this event list and URL, as the host's own sample does.
   */
  async registerWebhook(model: WebhookAddEditModel): Promise<{ id: number; created: boolean }> {
    const first = await this.call({
      method: 'POST',
      template: V1_PATHS.webhooks,
      body: model,
      accept: [409],
      read: (status, body) => ({ status, id: parseWith(webhookIdResponseSchema, body) }),
    });
    if (first.status !== 409) return { id: first.id, created: true };
    await this.updateWebhook(first.id, model);
    return { id: first.id, created: false };
  }

  async updateWebhook(webhookId: number, model: WebhookAddEditModel): Promise<void> {
    await this.call({
      method: 'PUT',
      template: V1_PATHS.webhook,
      params: { webhookId },
      body: model,
      read: () => undefined,
    });
  }

  /** Deleting a webhook that is already gone (404) counts as done. */
  async deleteWebhook(webhookId: number): Promise<void> {
    await this.call({
      method: 'DELETE',
      template: V1_PATHS.webhook,
      params: { webhookId },
      accept: [404],
      read: () => undefined,
    });
  }

  // ---- tenant -------------------------------------------------------------------------------

  async getEntitlements(): Promise<EntitlementsResponse> {
    return this.call({
      method: 'GET',
      template: EXTENSION_PATHS.host.entitlements,
      read: (_, body) => parseWith(entitlementsResponseSchema, body),
    });
  }

  /**
   * Extension `settingsWebhook`: tells the host a tenant's settings changed. Signed with the
   * tenant's webhook secret (Standard Webhooks headers, webhook-id `msg_settings_<tenant>_<version>`
   * unless `options.messageId` says otherwise).
   */
  async notifySettingsUpdated(
    notification: SettingsUpdatedNotification,
    options: NotifySettingsUpdatedOptions = {},
  ): Promise<void> {
    const body = settingsUpdatedNotificationSchema.parse(notification);
    const secret = this.webhookSecret;
    // One message id per tenant and version unless given, so the host drops a repeated notification.
    const messageId = options.messageId ?? `msg_settings_${body.tenantId}_${body.version}`;
    await this.call({
      method: 'POST',
      template: EXTENSION_PATHS.host.settingsUpdated,
      body,
      read: () => undefined,
      ...(options.bearerToken === false ? { bearer: false } : {}),
      ...(secret === undefined
        ? {}
        : {
            headers: (text: string | undefined) => signedHeaders(secret, messageId, text ?? ''),
          }),
    });
  }

  // ---- the engine -------------------------------------------------------------------------------

  private async call<T>(spec: CallSpec<T>): Promise<T> {
    const started = this.now();
    const idempotencyKey = MUTATING.has(spec.method) ? randomUUID() : null;
    const bodyText = spec.body === undefined ? undefined : JSON.stringify(spec.body);
    const extraHeaders = spec.headers?.(bodyText) ?? {};
    const url = this.urlFor(spec);
    let attempts = 0;
    let retries = 0;
    let delayed = 0;
    let refreshedAfter401 = false;
    let lastStatus: number | null = null;

    const finish = (outcome: HostApiOutcome): HostApiCallLog => {
      const entry: HostApiCallLog = {
        tenantId: this.tenantId,
        method: spec.method,
        path: spec.template,
        status: lastStatus,
        attempts,
        latencyMs: this.now() - started,
        outcome,
        idempotencyKey,
      };
      if (outcome === 'ok') this.logger.info(entry, 'host API call');
      else this.logger.warn(entry, 'host API call failed');
      return entry;
    };
    const fail = (
      kind: HostApiErrorKind,
      message: string,
      extra: { body?: unknown; cause?: unknown; retryAt?: number } = {},
    ): HostApiError => {
      finish(kind);
      return new HostApiError({
        kind,
        method: spec.method,
        path: spec.template,
        status: lastStatus,
        attempts,
        message,
        ...extra,
      });
    };
    /** Waits before the next retry, or returns false when the retry budget is spent. */
    const backOff = async (retryAfterMs: number | null): Promise<boolean> => {
      if (attempts - (refreshedAfter401 ? 1 : 0) >= this.limits.maxAttempts) return false;
      retries += 1;
      const delay =
        retryAfterMs ??
        backoffDelayMs(retries, this.limits.baseDelayMs, this.limits.maxDelayMs, this.random);
      if (delayed + delay > this.limits.maxTotalDelayMs) return false;
      delayed += delay;
      await this.sleep(delay);
      return true;
    };

    for (;;) {
      const permit = this.breaker.tryAcquire();
      if (permit === null) {
        throw fail('circuit_open', 'host API circuit is open for this tenant', {
          retryAt: this.breaker.retryAt,
        });
      }
      attempts += 1;
      let token = '';
      let result: AttemptResult;
      try {
        result = await this.semaphore.run(async () => {
          token = spec.bearer === false ? '' : await this.tokens.getToken();
          return this.attempt(spec, url, token, bodyText, idempotencyKey, extraHeaders);
        });
      } catch (error) {
        const failure =
          error instanceof HostApiError
            ? error
            : new HostApiError({
                kind: 'network',
                method: spec.method,
                path: spec.template,
                message: 'request failed',
                cause: error,
              });
        if (failure.kind === 'auth' || failure.kind === 'invalid_response') {
          this.breaker.onNeutral(permit);
          lastStatus = failure.status;
          throw fail(failure.kind, failure.message, { cause: failure });
        }
        this.breaker.onFailure(permit);
        lastStatus = failure.status;
        if (await backOff(null)) continue;
        throw fail(failure.kind, failure.message, { cause: failure.cause ?? failure });
      }

      lastStatus = result.status;
      const ok = result.status >= 200 && result.status < 300;
      if (ok || spec.accept?.includes(result.status)) {
        this.breaker.onSuccess(permit);
        const body = parseJson(result.text);
        try {
          const value = spec.read(result.status, body);
          finish('ok');
          return value;
        } catch (cause) {
          throw fail('invalid_response', 'host answer does not match the contract', { cause });
        }
      }
      if (result.status === 401 && !refreshedAfter401 && spec.bearer !== false) {
        this.breaker.onNeutral(permit);
        refreshedAfter401 = true;
        this.tokens.invalidate(token);
        continue;
      }
      if (result.status === 429) {
        // Throttling says the host is alive: it does not count towards opening the circuit.
        this.breaker.onNeutral(permit);
        if (await backOff(parseRetryAfterMs(result.retryAfter, this.now()))) continue;
      } else if (result.status >= 500) {
        this.breaker.onFailure(permit);
        const retryAfter = parseRetryAfterMs(result.retryAfter, this.now());
        if (await backOff(retryAfter)) continue;
      } else {
        this.breaker.onNeutral(permit);
      }
      throw fail('http', `host answered ${result.status}`, { body: parseJson(result.text) });
    }
  }

  private urlFor(spec: CallSpec<unknown>): string {
    const path = fillPath(spec.template, spec.params);
    const query = spec.query?.toString();
    return `${this.baseUrl}${path}${query ? `?${query}` : ''}`;
  }

  private async attempt(
    spec: CallSpec<unknown>,
    url: string,
    token: string,
    bodyText: string | undefined,
    idempotencyKey: string | null,
    extraHeaders: Record<string, string>,
  ): Promise<AttemptResult> {
    const headers: Record<string, string> = {
      ...extraHeaders,
      accept: 'application/json',
      ...(token === '' ? {} : { authorization: `Bearer ${token}` }),
    };
    if (bodyText !== undefined) headers['content-type'] = 'application/json';
    if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.limits.attemptTimeoutMs);
    try {
      const response = await this.fetchImpl(url, {
        method: spec.method,
        headers,
        ...(bodyText === undefined ? {} : { body: bodyText }),
        signal: controller.signal,
      });
      const text = await response.text();
      return { status: response.status, retryAfter: response.headers.get('retry-after'), text };
    } catch (cause) {
      const timedOut = controller.signal.aborted;
      throw new HostApiError({
        kind: timedOut ? 'timeout' : 'network',
        method: spec.method,
        path: spec.template,
        message: timedOut
          ? `no answer within ${this.limits.attemptTimeoutMs} ms`
          : 'connection failed',
        cause,
      });
    } finally {
      clearTimeout(timer);
    }
  }
}

/**
 * Why a host API call failed:
 * - http: the host answered a status the call does not accept (4xx other than 401/429, or 5xx/429
 *   after the retries ran out)
 * - network: connection refused or reset, DNS, TLS
 * - timeout: an attempt exceeded `attemptTimeoutMs`
 * - circuit_open: the tenant's circuit breaker is open; nothing was sent
 * - invalid_response: a 2xx body that is not JSON or does not match the contract
 * - auth: the token endpoint refused the client credentials
 */
export type HostApiErrorKind =
  'http' | 'network' | 'timeout' | 'circuit_open' | 'invalid_response' | 'auth';

export class HostApiError extends Error {
  override readonly name = 'HostApiError';
  readonly kind: HostApiErrorKind;
  /** `GET /Sessions/{sessionId}`: the template, never the filled path. */
  readonly method: string;
  readonly path: string;
  readonly status: number | null;
  readonly attempts: number;
  /** The parsed error body of an `http` failure, when it was JSON. */
  readonly body: unknown;
  /** For `circuit_open`: when the breaker will let a probe through (epoch ms). */
  readonly retryAt: number | null;

  constructor(init: {
    kind: HostApiErrorKind;
    method: string;
    path: string;
    message: string;
    status?: number | null;
    attempts?: number;
    body?: unknown;
    retryAt?: number | null;
    cause?: unknown;
  }) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.method = init.method;
    this.path = init.path;
    this.status = init.status ?? null;
    this.attempts = init.attempts ?? 0;
    this.body = init.body;
    this.retryAt = init.retryAt ?? null;
  }
}

export function isHostApiError(error: unknown, kind?: HostApiErrorKind): error is HostApiError {
  return error instanceof HostApiError && (kind === undefined || error.kind === kind);
}

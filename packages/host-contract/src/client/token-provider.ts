import { tokenResponseSchema } from '../v1/auth.js';
import { HostApiError } from './host-api-error.js';

export interface TokenProviderOptions {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  scope?: string;
  fetch: typeof fetch;
  now: () => number;
  timeoutMs: number;
  /** Refresh this long before `expires_in` runs out (capped at half the token's lifetime). */
  refreshMarginMs: number;
}

interface CachedToken {
  value: string;
  refreshAt: number;
}

const TOKEN_PATH_LABEL = 'POST {tokenUrl}';

/**
 * OAuth2 client credentials with a cached token. Concurrent callers share one refresh
 * (single-flight); a token is refreshed `refreshMarginMs` before it expires, and on demand after
 * the API answered 401 for it.
 */
export class TokenProvider {
  private cached: CachedToken | null = null;
  private inFlight: Promise<string> | null = null;
  private fetchCount = 0;

  constructor(private readonly options: TokenProviderOptions) {}

  /** How many token requests were made; for metrics and tests. */
  get fetches(): number {
    return this.fetchCount;
  }

  async getToken(): Promise<string> {
    if (this.cached && this.options.now() < this.cached.refreshAt) return this.cached.value;
    this.inFlight ??= this.fetchToken().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  /** Forgets `token` if it is still the cached one (another caller may have refreshed already). */
  invalidate(token: string): void {
    if (this.cached?.value === token) this.cached = null;
  }

  private async fetchToken(): Promise<string> {
    this.fetchCount += 1;
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: this.options.clientId,
      client_secret: this.options.clientSecret,
    });
    if (this.options.scope) form.set('scope', this.options.scope);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.options.timeoutMs);
    let status: number;
    let text: string;
    try {
      const response = await this.options.fetch(this.options.tokenUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body: form.toString(),
        signal: controller.signal,
      });
      status = response.status;
      text = await response.text();
    } catch (cause) {
      const timedOut = controller.signal.aborted;
      throw new HostApiError({
        kind: timedOut ? 'timeout' : 'network',
        method: 'POST',
        path: TOKEN_PATH_LABEL,
        message: timedOut ? 'token request timed out' : 'token request failed',
        cause,
      });
    } finally {
      clearTimeout(timer);
    }
    if (status >= 500 || status === 429) {
      throw new HostApiError({
        kind: 'http',
        method: 'POST',
        path: TOKEN_PATH_LABEL,
        status,
        message: `token endpoint answered ${status}`,
      });
    }
    if (status < 200 || status >= 300) {
      throw new HostApiError({
        kind: 'auth',
        method: 'POST',
        path: TOKEN_PATH_LABEL,
        status,
        message: `token endpoint refused the client credentials (${status})`,
      });
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    const parsed = tokenResponseSchema.safeParse(body);
    if (!parsed.success) {
      throw new HostApiError({
        kind: 'invalid_response',
        method: 'POST',
        path: TOKEN_PATH_LABEL,
        status,
        message: 'token response does not match the contract',
      });
    }
    const lifetimeMs = parsed.data.expires_in * 1000;
    const margin = Math.min(this.options.refreshMarginMs, lifetimeMs / 2);
    this.cached = {
      value: parsed.data.access_token,
      refreshAt: this.options.now() + lifetimeMs - margin,
    };
    return parsed.data.access_token;
  }
}

import { ApiProblem } from './ApiProblem.js';
import type { SessionStore } from './sessionStore.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  method?: HttpMethod;
  query?: Record<string, string | number | boolean | undefined>;
  /** Sent as JSON. */
  body?: unknown;
  /** The settings version being edited; sent as `If-Match: "<version>"`. */
  ifMatch?: number;
  /** Calls made before a session exists (the token exchange) carry no Authorization. */
  anonymous?: boolean;
  signal?: AbortSignal;
}

export interface ApiResponse<T> {
  status: number;
  headers: Headers;
  data: T;
}

export interface Download {
  blob: Blob;
  fileName: string | undefined;
}

/** What ra-data-simple-rest expects of its `httpClient`. */
export interface RaHttpResult {
  status: number;
  headers: Headers;
  body: string;
  json: unknown;
}

export interface ApiClientOptions {
  /** Where the API lives; same-origin `/api` when the backend serves the panel. */
  baseUrl?: string;
  fetch?: typeof globalThis.fetch;
  session: SessionStore;
  /** The panel's current language, sent as Accept-Language so error messages come back in it. */
  getLocale: () => string;
}

/** `"12"` or `W/"12"` → 12. */
export function versionFromEtag(etag: string | null): number | undefined {
  if (etag === null) return undefined;
  const match = /^\s*(?:W\/)?"?(\d+)(?:-[^"]*)?"?\s*$/.exec(etag);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

export const versionTag = (version: number): string => `"${version}"`;

function fileNameOf(disposition: string | null): string | undefined {
  if (disposition === null) return undefined;
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  if (encoded !== undefined) return decodeURIComponent(encoded);
  return /filename="?([^";]+)"?/i.exec(disposition)?.[1];
}

async function readPayload(response: Response): Promise<{ text: string; json: unknown }> {
  const text = await response.text();
  if (text === '') return { text, json: undefined };
  try {
    return { text, json: JSON.parse(text) as unknown };
  } catch {
    return { text, json: undefined };
  }
}

/**
 * The only place that knows how to talk to the backend: base URL, Authorization, Accept-Language,
 * If-Match, and turning every failure into an {@link ApiProblem}.
 */
export class ApiClient {
  readonly baseUrl: string;
  private readonly fetchImpl: typeof globalThis.fetch;
  private unauthorizedListeners = new Set<() => void>();
  private gate: (() => Promise<void>) | undefined;

  constructor(private readonly options: ApiClientOptions) {
    this.baseUrl = (options.baseUrl ?? '/api').replace(/\/+$/, '');
    // Bound: window.fetch refuses to run with another `this`.
    this.fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  }

  /** Called after any 401: the session is gone, whoever made the call. */
  onUnauthorized(listener: () => void): () => void {
    this.unauthorizedListeners.add(listener);
    return () => this.unauthorizedListeners.delete(listener);
  }

  /**
   * Something every authenticated call waits for first: the host-token exchange, so a page that
   * loads before react-admin's auth check finishes still sends the new session.
   */
  waitBeforeRequests(gate: () => Promise<void>): void {
    this.gate = gate;
  }

  url(path: string, query?: RequestOptions['query']): string {
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(query ?? {})) {
      if (value !== undefined) search.set(name, String(value));
    }
    const suffix = search.size > 0 ? `?${search.toString()}` : '';
    return `${this.baseUrl}${path.startsWith('/') ? path : `/${path}`}${suffix}`;
  }

  headers(
    options: Pick<RequestOptions, 'ifMatch' | 'anonymous'> = {},
    base?: HeadersInit,
  ): Headers {
    const headers = new Headers(base);
    if (!headers.has('Accept')) headers.set('Accept', 'application/json');
    headers.set('Accept-Language', this.options.getLocale());
    const token = options.anonymous ? undefined : this.options.session.token();
    if (token !== undefined) headers.set('Authorization', `Bearer ${token}`);
    if (options.ifMatch !== undefined) headers.set('If-Match', versionTag(options.ifMatch));
    return headers;
  }

  async request<T>(path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    const response = await this.send(this.url(path, options.query), options);
    const { json } = await readPayload(response);
    return { status: response.status, headers: response.headers, data: json as T };
  }

  /** A file the API serves (export, CSV), fetched with the session so no token goes in a URL. */
  async download(path: string, options: RequestOptions = {}): Promise<Download> {
    const response = await this.send(this.url(path, options.query), options, '*/*');
    return {
      blob: await response.blob(),
      fileName: fileNameOf(response.headers.get('Content-Disposition')),
    };
  }

  /** ra-data-simple-rest's httpClient: same headers and errors as every other call. */
  readonly httpClient = async (
    url: string,
    init: { method?: string; body?: BodyInit | null; headers?: HeadersInit } = {},
  ): Promise<RaHttpResult> => {
    await this.gate?.().catch(() => undefined);
    const headers = this.headers({}, init.headers);
    if (init.body !== undefined && init.body !== null && !headers.has('Content-Type')) {
      headers.set('Content-Type', 'application/json');
    }
    const response = await this.fetchOrProblem(url, {
      method: init.method ?? 'GET',
      headers,
      body: init.body ?? null,
    });
    const { text, json } = await readPayload(response);
    if (!response.ok) throw this.problem(response, json);
    return { status: response.status, headers: response.headers, body: text, json };
  };

  private async send(url: string, options: RequestOptions, accept?: string): Promise<Response> {
    // The gate may fail (a refused token): the call then goes out without a session and gets 401.
    if (!options.anonymous) await this.gate?.().catch(() => undefined);
    const headers = this.headers(options, accept ? { Accept: accept } : undefined);
    let body: string | null = null;
    if (options.body !== undefined) {
      headers.set('Content-Type', 'application/json');
      body = JSON.stringify(options.body);
    }
    const response = await this.fetchOrProblem(url, {
      method: options.method ?? 'GET',
      headers,
      body,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    if (!response.ok) throw this.problem(response, (await readPayload(response)).json);
    return response;
  }

  private async fetchOrProblem(url: string, init: RequestInit): Promise<Response> {
    try {
      return await this.fetchImpl(url, init);
    } catch (cause) {
      throw ApiProblem.network(cause);
    }
  }

  private problem(response: Response, payload: unknown): ApiProblem {
    const problem = ApiProblem.fromBody(response.status, response.statusText, payload);
    if (problem.isUnauthorized) {
      this.options.session.clear();
      for (const listener of this.unauthorizedListeners) listener();
    }
    return problem;
  }
}

export interface RecordedRequest {
  url: string;
  method: string;
  headers: Headers;
  body: unknown;
}

export interface FakeReply {
  status?: number;
  body?: unknown;
  /** Sent as is (not JSON-encoded) when given. */
  text?: string;
  headers?: Record<string, string>;
}

type Route = (request: RecordedRequest) => FakeReply | undefined;

/**
 * A fetch that answers from a list of routes (first match wins) and records every request, so a
 * test can assert what the panel sent.
 */
export function fakeFetch(...routes: Route[]) {
  const requests: RecordedRequest[] = [];
  const fetch = (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = input instanceof Request ? input.url : input.toString();
    const raw = init.body;
    let body: unknown = raw;
    if (typeof raw === 'string') {
      try {
        body = JSON.parse(raw) as unknown;
      } catch {
        body = raw;
      }
    }
    const request: RecordedRequest = {
      url,
      method: init.method ?? 'GET',
      headers: new Headers(init.headers),
      body,
    };
    requests.push(request);
    for (const route of routes) {
      const reply = route(request);
      if (reply) {
        const text = reply.text ?? (reply.body === undefined ? '' : JSON.stringify(reply.body));
        return Promise.resolve(
          new Response(reply.status === 204 ? null : text, {
            status: reply.status ?? 200,
            headers: { 'Content-Type': 'application/json', ...reply.headers },
          }),
        );
      }
    }
    return Promise.resolve(
      new Response(
        JSON.stringify({
          statusCode: 404,
          code: 'not_found',
          message: `no route ${request.method} ${url}`,
        }),
        {
          status: 404,
        },
      ),
    );
  };
  return { fetch, requests };
}

/** A route matching method and path (query string ignored unless `path` has one). */
export const on =
  (
    method: string,
    path: string,
    reply: FakeReply | ((request: RecordedRequest) => FakeReply),
  ): Route =>
  (request) => {
    const url = new URL(request.url, 'http://panel.test');
    const target = path.includes('?') ? `${url.pathname}${url.search}` : url.pathname;
    if (request.method !== method || target !== path) return undefined;
    return typeof reply === 'function' ? reply(request) : reply;
  };

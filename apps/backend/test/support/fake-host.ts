import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeHostCall {
  method: string;
  path: string;
  body: unknown;
}

export interface FakeHost {
  /** `http://127.0.0.1:<port>/api/v1`, the tenant's hostApiBaseUrl. */
  apiBaseUrl: string;
  calls: FakeHostCall[];
  webhooks: Map<number, { eventTypes: string[]; callbackUrl: string }>;
  /** Answer the next n POST /Webhooks with 503. */
  failRegistrations(times: number): void;
  /** Leave registrations out of GET /Webhooks, so an existing one is met as a 409. */
  hideFromList(hidden: boolean): void;
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * The few host endpoints webhook registration needs (token, list/create/update webhooks), with
 * v1 semantics: POST answers 201 with the id, or 409 with the id registered for the same URL.
 */
export async function startFakeHost(): Promise<FakeHost> {
  const calls: FakeHostCall[] = [];
  const webhooks = new Map<number, { eventTypes: string[]; callbackUrl: string }>();
  let failures = 0;
  let hidden = false;
  let nextId = 1;
  const server: Server = createServer((request, response) => {
    void (async () => {
      const body = await readBody(request);
      const path = (request.url ?? '').split('?')[0] ?? '';
      calls.push({ method: request.method ?? '', path, body });
      const send = (status: number, payload?: unknown): void => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(payload === undefined ? undefined : JSON.stringify(payload));
      };
      if (request.method === 'POST' && path === '/login/connect/token') {
        send(200, { access_token: 'fake-token', expires_in: 3600, token_type: 'Bearer' });
        return;
      }
      if (request.headers.authorization !== 'Bearer fake-token') {
        send(401, { code: 'unauthorized' });
        return;
      }
      if (request.method === 'GET' && path === '/api/v1/Webhooks') {
        send(200, hidden ? [] : [...webhooks].map(([id, w]) => ({ id, ...w })));
        return;
      }
      if (request.method === 'POST' && path === '/api/v1/Webhooks') {
        if (failures > 0) {
          failures -= 1;
          send(503, { code: 'unavailable' });
          return;
        }
        const model = body as { eventTypes: string[]; callbackUrl: string };
        const existing = [...webhooks].find(([, w]) => w.callbackUrl === model.callbackUrl);
        if (existing !== undefined) {
          send(409, existing[0]);
          return;
        }
        const id = nextId++;
        webhooks.set(id, model);
        send(201, id);
        return;
      }
      const match = /^\/api\/v1\/Webhooks\/(\d+)$/.exec(path);
      if (request.method === 'PUT' && match?.[1] !== undefined) {
        const id = Number(match[1]);
        if (!webhooks.has(id)) {
          send(404, { code: 'not_found' });
          return;
        }
        webhooks.set(id, body as { eventTypes: string[]; callbackUrl: string });
        send(204);
        return;
      }
      send(404, { code: 'not_found' });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiBaseUrl: `http://127.0.0.1:${port}/api/v1`,
    calls,
    webhooks,
    failRegistrations: (times) => {
      failures = times;
    },
    hideFromList: (value) => {
      hidden = value;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

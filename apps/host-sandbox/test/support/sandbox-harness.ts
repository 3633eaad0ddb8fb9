import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadEnv } from '../../src/config/env.js';
import { createSandboxServer } from '../../src/sandbox-server.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- responses are asserted structurally by the tests
export type Json = any;

export interface Sandbox {
  app: FastifyInstance;
  baseUrl: string;
  apiUrl: string;
  dataDir: string;
  /** JSON call to /control; answers status and parsed body. */
  control<T = Json>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }>;
  /** JSON call to /api/v1 with a bearer token. */
  api<T = Json>(
    method: string,
    path: string,
    token: string | null,
    body?: unknown,
  ): Promise<{ status: number; body: T; headers: Headers }>;
  token(clientId?: string, clientSecret?: string): Promise<string>;
  close(): Promise<void>;
  /** Closes and deletes the data dir. */
  destroy(): Promise<void>;
}

export const DEMO_TENANT_ID = 101;

export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'host-sandbox-test-'));
}

async function readBody(response: Response): Promise<Json> {
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Boots the sandbox on a random port with fast retries and a temp data dir (or the given one). */
export async function startSandbox(
  overrides: Record<string, string> = {},
  dataDir = tempDataDir(),
): Promise<Sandbox> {
  const env = loadEnv({
    LOG_LEVEL: 'silent',
    SANDBOX_DATA_DIR: dataDir,
    SANDBOX_PERSIST_DEBOUNCE_MS: '5',
    SANDBOX_WEBHOOK_RETRY_DELAY_MS: '10',
    SANDBOX_WEBHOOK_TIMEOUT_MS: '1000',
    ...overrides,
  });
  const app = createSandboxServer(env);
  const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  const controlToken = overrides.SANDBOX_CONTROL_TOKEN;
  const sandbox: Sandbox = {
    app,
    baseUrl,
    apiUrl: `${baseUrl}/api/v1`,
    dataDir,
    async control(method, path, body) {
      const response = await fetch(`${baseUrl}/control${path}`, {
        method,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(controlToken ? { authorization: `Bearer ${controlToken}` } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, body: await readBody(response) };
    },
    async api(method, path, token, body) {
      const response = await fetch(`${baseUrl}/api/v1${path}`, {
        method,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, body: await readBody(response), headers: response.headers };
    },
    async token(clientId = 'demo-client', clientSecret = 'demo-secret') {
      const response = await fetch(`${baseUrl}/login/connect/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: clientId,
          client_secret: clientSecret,
        }).toString(),
      });
      const body = (await response.json()) as { access_token: string };
      if (response.status !== 200) throw new Error(`token request failed: ${response.status}`);
      return body.access_token;
    },
    async close() {
      await app.close();
    },
    async destroy() {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return sandbox;
}

/** Polls until `check` returns a truthy value (or fails the test after `timeoutMs`). */
export async function waitFor<T>(
  check: () => Promise<T | null | undefined | false> | T | null | undefined | false,
  timeoutMs = 3000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
}

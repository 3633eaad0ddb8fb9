import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/core';
import { signedHeaders } from '@switchboard/host-contract';
import type { TestApp } from './test-app.js';

/** Runs SQL on the app's database (placeholders `?`). */
export async function sql(
  t: TestApp,
  query: string,
  params: unknown[] = [],
): Promise<Record<string, unknown>[]> {
  return (await t.app.get(MikroORM).em.getConnection().execute(query, params)) as Record<
    string,
    unknown
  >[];
}

export interface DeliveryOptions {
  /** Signs with this secret; omit (with `authorization`) for a v1 delivery. */
  secret?: string;
  webhookId?: string;
  timestamp?: number;
  authorization?: string;
  headers?: Record<string, string>;
}

/** POSTs a webhook delivery to `/webhooks/{tenantId}` as a host does. */
export function deliver(
  t: TestApp,
  tenantId: string,
  body: unknown,
  options: DeliveryOptions = {},
): Promise<Response> {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  const signed =
    options.secret === undefined
      ? {}
      : signedHeaders(
          options.secret,
          options.webhookId ?? `msg_${randomUUID()}`,
          raw,
          options.timestamp,
        );
  return fetch(`${t.baseUrl}/webhooks/${encodeURIComponent(tenantId)}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...signed,
      ...(options.authorization === undefined ? {} : { authorization: options.authorization }),
      ...options.headers,
    },
    body: raw,
  });
}

/** POSTs a decision-hook call signed with the tenant's webhook secret. */
export function callHook(
  t: TestApp,
  path: string,
  body: unknown,
  secret: string,
  options: { timestamp?: number } = {},
): Promise<Response> {
  const raw = JSON.stringify(body);
  return fetch(`${t.baseUrl}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...signedHeaders(secret, `hook_${randomUUID()}`, raw, options.timestamp),
    },
    body: raw,
  });
}

/** A SessionActivityChatMessage delivery body: a client's message, personal data included. */
export function chatMessageDelivery(
  sessionId: number | string,
  activityId: number,
  text = 'Volejte mi na +420 777 123 456',
): unknown {
  return {
    eventType: 'SessionActivityChatMessage',
    data: { sessionId, activityId, time: new Date().toISOString(), type: 'ChatMessage', text },
  };
}

/** A SessionCreated delivery body for a session id. */
export function sessionCreated(sessionId: number | string, tenantId = 101): unknown {
  return {
    eventType: 'SessionCreated',
    data: { id: sessionId, tenantId, channel: 'Chat', source: 'Default' },
  };
}

/** Polls until `check` returns a value other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `timed out waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

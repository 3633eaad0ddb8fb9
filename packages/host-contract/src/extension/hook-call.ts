import { randomUUID } from 'node:crypto';
import { type z } from 'zod';
import { signedHeaders } from '../signing/standard-webhooks.js';
import { DECISION_HOOKS, type HookName, type HookResponse } from './decision-hooks.js';

export type HookFallbackReason = 'timeout' | 'network' | 'http_error' | 'invalid_response';

export type HookCallOutcome<N extends HookName> =
  | { decidedBy: 'hook'; response: HookResponse<N>; latencyMs: number }
  | {
      decidedBy: 'safe_default';
      /** The hook's safe default; null means the host decides on its own. */
      response: HookResponse<N> | null;
      reason: HookFallbackReason;
      status: number | null;
      latencyMs: number;
    };

export interface HookCallOptions<N extends HookName> {
  /** Switchboard's public base URL. */
  baseUrl: string;
  hook: N;
  /** The tenant's webhook secret: hook calls are signed like webhooks. */
  secret: string;
  request: z.input<(typeof DECISION_HOOKS)[N]['request']>;
  budgetMs?: number;
  fetch?: typeof fetch;
}

/**
 * The host side of a decision hook: POST the signed request, wait at most the budget, and fall
 * back to the safe default on a timeout, a network error, a non-2xx status or an answer that does
 * not parse. Never throws for those; the caller records `decidedBy`.
 */
export async function callDecisionHook<N extends HookName>(
  options: HookCallOptions<N>,
): Promise<HookCallOutcome<N>> {
  const descriptor = DECISION_HOOKS[options.hook];
  const budgetMs = options.budgetMs ?? descriptor.budgetMs;
  const body = JSON.stringify(options.request);
  const started = performance.now();
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), budgetMs);
  const fallback = (reason: HookFallbackReason, status: number | null): HookCallOutcome<N> => ({
    decidedBy: 'safe_default',
    response: descriptor.safeDefault as HookResponse<N> | null,
    reason,
    status,
    latencyMs: performance.now() - started,
  });
  let status: number;
  let text: string;
  try {
    const response = await (options.fetch ?? globalThis.fetch)(
      `${options.baseUrl.replace(/\/+$/, '')}${descriptor.path}`,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...signedHeaders(options.secret, `hook_${randomUUID()}`, body),
        },
        body,
        signal: controller.signal,
      },
    );
    status = response.status;
    text = await response.text();
  } catch {
    return fallback(controller.signal.aborted ? 'timeout' : 'network', null);
  } finally {
    clearTimeout(timer);
  }
  if (status < 200 || status >= 300) return fallback('http_error', status);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return fallback('invalid_response', status);
  }
  const parsed = descriptor.response.safeParse(json);
  if (!parsed.success) return fallback('invalid_response', status);
  return {
    decidedBy: 'hook',
    response: parsed.data as HookResponse<N>,
    latencyMs: performance.now() - started,
  };
}

import { randomUUID } from 'node:crypto';
import {
  DECISION_HOOKS,
  signedHeaders,
  type HookName,
  type HookResponse,
} from '@switchboard/host-contract';
import { joinUrl } from '../common/join-url.js';
import type { HookDecisionRecord } from '../state/observation.model.js';
import type { StateStore } from '../state/state-store.js';

export interface HookOutcome<H extends HookName> {
  /** The plugin's answer, or the safe default; null only for a default that is "host order" (nextEmail). */
  decision: HookResponse<H> | null;
  usedDefault: boolean;
  record: HookDecisionRecord;
}

/**
 * Calls a decision hook synchronously within the budget, signed with the tenant's webhook secret,
 * and records what was decided. Timeout, network error, non-2xx or an unparsable answer → the
 * contract's safe default (DECISION_HOOKS[hook].safeDefault).
 */
export class HookCaller {
  constructor(private readonly store: StateStore) {}

  async decide<H extends HookName>(
    tenantId: number,
    hook: H,
    request: Record<string, unknown>,
  ): Promise<HookOutcome<H>> {
    const s = this.store.state;
    const descriptor = DECISION_HOOKS[hook];
    const installation = s.installations.find((i) => i.tenantId === tenantId && i.active);
    const body = { tenantId: String(tenantId), requestedAt: new Date().toISOString(), ...request };
    const wellFormed = descriptor.request.safeParse(body);
    if (!wellFormed.success) {
      // A sandbox bug, not a plugin failure: fail loudly rather than send what the contract forbids.
      throw new Error(`${hook} request does not match the contract: ${wellFormed.error.message}`);
    }
    const started = performance.now();
    let response: unknown = null;
    let decision = descriptor.safeDefault as HookResponse<H> | null;
    let defaultReason: HookDecisionRecord['defaultReason'] = null;

    if (s.settings.v1Only) defaultReason = 'v1_only';
    else if (!installation) defaultReason = 'not_installed';
    else {
      const text = JSON.stringify(body);
      try {
        const answer = await fetch(joinUrl(installation.switchboardUrl, descriptor.path), {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...signedHeaders(installation.webhookSecret, `hook_${randomUUID()}`, text),
          },
          body: text,
          signal: AbortSignal.timeout(s.settings.hookBudgetMs),
        });
        response = await answer.json().catch(() => null);
        if (!answer.ok) defaultReason = 'http_status';
        else {
          const parsed = descriptor.response.safeParse(response);
          if (parsed.success) decision = parsed.data as HookResponse<H>;
          else defaultReason = 'invalid_response';
        }
      } catch (error) {
        // Duck-typed: the DOMException fetch throws may come from another realm than our Error.
        const name =
          typeof error === 'object' && error !== null && 'name' in error ? error.name : null;
        defaultReason = name === 'TimeoutError' ? 'timeout' : 'error';
      }
    }

    const record: HookDecisionRecord = {
      id: this.store.nextId('hookDecision'),
      tenantId,
      hook,
      request: body,
      response,
      decision,
      usedDefault: defaultReason !== null,
      defaultReason,
      latencyMs: Math.round((performance.now() - started) * 10) / 10,
      at: new Date().toISOString(),
    };
    s.hookDecisions.push(record);
    this.store.changed();
    return { decision, usedDefault: record.usedDefault, record };
  }
}

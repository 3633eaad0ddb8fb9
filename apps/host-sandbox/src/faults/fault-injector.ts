import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SeededRandom } from '../common/random.js';
import { sleep } from '../common/sleep.js';
import type { SandboxContext } from '../sandbox-context.js';
import type { FaultRule } from '../state/fault.model.js';
import { pathMatches } from './path-pattern.js';

/** Only what a plugin calls is subject to faults: the API, the extension and the token endpoint. */
const FAULTABLE = /^\/(api|login)\//i;

/**
 * Picks the first live rule for a call and uses up one of its calls. A rule with `remaining` hits
 * exactly that many matching calls; `probability` < 1 skips some (seeded, so runs repeat).
 */
export function takeFault(
  rules: FaultRule[],
  method: string,
  url: string,
  random: SeededRandom,
): FaultRule | null {
  for (const rule of rules) {
    if (rule.remaining !== null && rule.remaining <= 0) continue;
    if (rule.method !== null && rule.method.toUpperCase() !== method.toUpperCase()) continue;
    if (!pathMatches(rule.pathPattern, url)) continue;
    if (rule.probability < 1 && random.next() >= rule.probability) continue;
    if (rule.remaining !== null) rule.remaining -= 1;
    rule.hits += 1;
    return rule;
  }
  return null;
}

async function apply(
  rule: FaultRule,
  reply: FastifyReply,
  lifetime: AbortSignal,
): Promise<FastifyReply | undefined> {
  const action = rule.action;
  switch (action.kind) {
    case 'status':
      return reply
        .code(action.status)
        .send({ code: 'injected_fault', message: `Injected ${action.status}`, ruleId: rule.id });
    case 'rate_limit':
      return reply
        .code(429)
        .header('retry-after', String(action.retryAfterSeconds))
        .send({ code: 'rate_limited', message: 'Too many requests (injected)', ruleId: rule.id });
    case 'delay':
      await sleep(action.ms, lifetime);
      return undefined;
    case 'timeout':
      // Holds the call longer than any sane client timeout, then gives up like a gateway would.
      await sleep(action.ms, lifetime);
      return reply
        .code(504)
        .send({ code: 'injected_timeout', message: 'Gateway timeout (injected)', ruleId: rule.id });
  }
}

export function registerFaultInjector(
  app: FastifyInstance,
  ctx: SandboxContext,
  random: SeededRandom,
): void {
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (!FAULTABLE.test(request.url)) return;
    const rule = takeFault(ctx.store.state.faultRules, request.method, request.url, random);
    if (!rule) return;
    ctx.store.changed();
    const answered = await apply(rule, reply, ctx.lifetime);
    return answered;
  });
}

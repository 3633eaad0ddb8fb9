import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { notFound } from '../common/http-error.js';
import { parseWith } from '../common/parse-body.js';
import type { SandboxContext } from '../sandbox-context.js';
import type { FaultRule } from '../state/fault.model.js';

const actionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('status'), status: z.number().int().min(400).max(599).default(503) }),
  z.object({
    kind: z.literal('rate_limit'),
    retryAfterSeconds: z.number().int().min(0).max(3600).default(1),
  }),
  z.object({ kind: z.literal('delay'), ms: z.number().int().min(0).max(120_000) }),
  z.object({
    kind: z.literal('timeout'),
    ms: z.number().int().min(1).max(300_000).default(30_000),
  }),
]);

const ruleBody = z.object({
  method: z.string().min(1).nullish(),
  /** `/api/v1/Sessions/*`, `/api/v1/**`, `/login/connect/token` … */
  path: z.string().startsWith('/'),
  action: actionSchema,
  /** Hit exactly this many matching calls; omitted = every matching call. */
  times: z.number().int().min(1).nullish(),
  probability: z.number().min(0).max(1).default(1),
});

const countOrChance = {
  probability: z.number().min(0).max(1).default(1),
  times: z.number().int().min(1).nullish(),
};
const deliveryBody = z.object({
  duplicate: z
    .object({ copies: z.number().int().min(1).max(10).default(1), ...countOrChance })
    .nullish(),
  shuffle: z
    .object({
      batchSize: z.number().int().min(2).max(10_000),
      windowMs: z.number().int().min(1).max(60_000).default(200),
    })
    .nullish(),
  drop: z.object(countOrChance).nullish(),
});

/** Fault injection on API calls and on webhook delivery, the v1-only switch and runtime settings. */
export function registerFaultControlRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  const s = (): typeof ctx.store.state => ctx.store.state;

  app.get('/faults', () => ({ rules: s().faultRules, delivery: s().deliveryFaults }));

  app.post('/faults/rules', (request, reply) => {
    const body = parseWith(ruleBody, request.body);
    const rule: FaultRule = {
      id: ctx.store.nextId('faultRule'),
      method: body.method?.toUpperCase() ?? null,
      pathPattern: body.path,
      action: body.action,
      remaining: body.times ?? null,
      probability: body.probability,
      hits: 0,
      createdAt: new Date().toISOString(),
    };
    s().faultRules.push(rule);
    ctx.store.changed();
    return reply.code(201).send(rule);
  });

  app.get('/faults/rules/:id', (request) => {
    const { id } = parseWith(z.object({ id: z.coerce.number().int() }), request.params);
    const rule = s().faultRules.find((r) => r.id === id);
    if (!rule) throw notFound(`Fault rule ${id}`);
    return rule;
  });

  app.delete('/faults/rules/:id', (request, reply) => {
    const { id } = parseWith(z.object({ id: z.coerce.number().int() }), request.params);
    s().faultRules = s().faultRules.filter((r) => r.id !== id);
    ctx.store.changed();
    return reply.code(204).send();
  });

  app.delete('/faults/rules', (_request, reply) => {
    s().faultRules = [];
    ctx.store.changed();
    return reply.code(204).send();
  });

  app.put('/faults/delivery', (request) => {
    const body = parseWith(deliveryBody, request.body);
    const f = s().deliveryFaults;
    if (body.duplicate !== undefined)
      f.duplicate = body.duplicate && {
        copies: body.duplicate.copies,
        probability: body.duplicate.probability,
        remaining: body.duplicate.times ?? null,
      };
    if (body.shuffle !== undefined) f.shuffle = body.shuffle ?? null;
    if (body.drop !== undefined)
      f.drop = body.drop && {
        probability: body.drop.probability,
        remaining: body.drop.times ?? null,
      };
    ctx.store.changed();
    return f;
  });

  app.delete('/faults/delivery', (_request, reply) => {
    s().deliveryFaults = { duplicate: null, shuffle: null, drop: null };
    ctx.store.changed();
    return reply.code(204).send();
  });

  app.put('/mode', (request) => {
    s().settings.v1Only = parseWith(z.object({ v1Only: z.boolean() }), request.body).v1Only;
    ctx.store.changed();
    return s().settings;
  });

  app.put('/settings', (request) => {
    const body = parseWith(
      z.object({
        hookBudgetMs: z.number().int().min(1).max(60_000).optional(),
        webhookRetryDelayMs: z.number().int().min(0).max(600_000).optional(),
      }),
      request.body,
    );
    Object.assign(s().settings, body);
    ctx.store.changed();
    return s().settings;
  });
}

import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { notFound } from '../common/http-error.js';
import { parseWith } from '../common/parse-body.js';
import type { SandboxContext } from '../sandbox-context.js';
import { seedDemoTenant } from '../state/demo-seed.js';
import { STATE_SLICES, type StateSlice } from '../state/sandbox-state.js';

const deliveryQuery = z.object({
  tenantId: z.coerce.number().int().optional(),
  eventType: z.string().optional(),
  webhookId: z.coerce.number().int().optional(),
});
const hookQuery = z.object({
  tenantId: z.coerce.number().int().optional(),
  hook: z.string().optional(),
});

/** Reading the host's state back, seeding and resetting it. */
export function registerStateControlRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  app.get('/state', () => ctx.store.state);

  app.get('/state/:slice', (request) => {
    const { slice } = parseWith(z.object({ slice: z.string() }), request.params);
    const key = STATE_SLICES.find((k) => k.toLowerCase() === slice.toLowerCase());
    if (!key) throw notFound(`State slice ${slice}`);
    return ctx.store.state[key satisfies StateSlice];
  });

  app.post('/seed', (request) => {
    const body = parseWith(z.object({ name: z.string().min(1).optional() }), request.body);
    return seedDemoTenant(ctx.store, body.name);
  });

  app.post('/reset', (request) => {
    const body = parseWith(z.object({ seed: z.boolean().default(false) }), request.body);
    ctx.store.reset();
    ctx.store.state.settings.v1Only = ctx.env.SANDBOX_V1_ONLY;
    return { reset: true, seeded: body.seed ? seedDemoTenant(ctx.store) : null };
  });

  app.post('/persist', () => {
    ctx.store.flush();
    return { flushed: true };
  });

  app.get('/deliveries', (request) => {
    const q = parseWith(deliveryQuery, request.query);
    return ctx.store.state.deliveries.filter(
      (d) =>
        (q.tenantId === undefined || d.tenantId === q.tenantId) &&
        (q.eventType === undefined || d.eventType.toLowerCase() === q.eventType.toLowerCase()) &&
        (q.webhookId === undefined || d.webhookId === q.webhookId),
    );
  });

  /** Waits until no delivery is in flight (including retries and held shuffle batches). */
  app.post('/deliveries/drain', async (request) => {
    const body = parseWith(
      z.object({ timeoutMs: z.number().int().min(1).max(60_000).default(10_000) }),
      request.body,
    );
    return { idle: await ctx.dispatcher.whenIdle(body.timeoutMs) };
  });

  app.get('/hook-decisions', (request) => {
    const q = parseWith(hookQuery, request.query);
    return ctx.store.state.hookDecisions.filter(
      (d) =>
        (q.tenantId === undefined || d.tenantId === q.tenantId) &&
        (q.hook === undefined || d.hook === q.hook),
    );
  });

  app.get('/notifications', () => ctx.store.state.notifications);
}

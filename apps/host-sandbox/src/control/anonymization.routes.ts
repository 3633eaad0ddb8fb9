import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { findSession } from '../actions/lookup.js';
import { createHistorySessions } from '../actions/session-history.actions.js';
import { notFound } from '../common/http-error.js';
import { parseWith } from '../common/parse-body.js';
import type { SandboxContext } from '../sandbox-context.js';
import { SESSION_CHANNELS, SESSION_SOURCES } from '../state/enums.js';
import { guestSchema } from './client-actions.routes.js';

const tenantParams = z.object({ tenantId: z.coerce.number().int() });

const historySession = z.object({
  channel: z.enum(SESSION_CHANNELS).default('Chat'),
  source: z.enum(SESSION_SOURCES).default('Default'),
  packageId: z
    .number()
    .int()
    .nullish()
    .transform((v) => v ?? null),
  ended: z.iso.datetime({ offset: true }),
  durationSeconds: z.number().int().min(0).max(86_400).default(300),
  operatorId: z
    .number()
    .int()
    .nullish()
    .transform((v) => v ?? null),
  guest: guestSchema,
  messages: z
    .array(z.object({ from: z.enum(['guest', 'operator']).default('guest'), text: z.string() }))
    .max(100)
    .default([]),
  files: z.array(z.string().min(1)).max(20).default([]),
  recordings: z.number().int().min(0).max(10).default(0),
  callParams: z.record(z.string(), z.string()).default({}),
  tags: z.array(z.string().min(1)).max(20).default([]),
  contactId: z
    .number()
    .int()
    .nullish()
    .transform((v) => v ?? null),
  result: z
    .string()
    .nullish()
    .transform((v) => v ?? null),
  feedback: z
    .object({ stars: z.number().int().min(1).max(5).nullish(), text: z.string().nullish() })
    .nullish()
    .transform((v) => (v ? { stars: v.stars ?? null, text: v.text ?? null } : null)),
});

const anonymizationQuery = z.object({
  tenantId: z.coerce.number().int().optional(),
  sessionId: z.coerce.number().int().optional(),
});

/** Seeding a tenant's session history and observing what plugins anonymized. */
export function registerAnonymizationControlRoutes(
  app: FastifyInstance,
  ctx: SandboxContext,
): void {
  /** Past sessions in bulk (up to 5000 a call), without events: history that predates the plugin. */
  app.post('/tenants/:tenantId/sessions/history', (request, reply) => {
    const { tenantId } = parseWith(tenantParams, request.params);
    const body = parseWith(
      z.object({ sessions: z.array(historySession).min(1).max(5000) }),
      request.body,
    );
    const ids = createHistorySessions(ctx, tenantId, body.sessions);
    return reply.code(201).send({ ids });
  });

  /** Tags a session by tag name (a legal hold placed after the session ended). */
  app.put('/sessions/:id/tags/:name', (request) => {
    const params = parseWith(
      z.object({ id: z.coerce.number().int(), name: z.string().min(1) }),
      request.params,
    );
    const session = findSession(ctx.store.state, params.id);
    const tag = ctx.store.state.tags.find(
      (t) => t.tenantId === session.tenantId && t.name.toLowerCase() === params.name.toLowerCase(),
    );
    if (!tag) throw notFound(`Tag ${params.name}`);
    if (!session.tagIds.includes(tag.id)) session.tagIds.push(tag.id);
    ctx.store.changed();
    return session;
  });

  /** Every anonymization call, oldest first; `sessionId` and `tenantId` narrow it. */
  app.get('/anonymizations', (request) => {
    const q = parseWith(anonymizationQuery, request.query);
    return ctx.store.state.anonymizations.filter(
      (a) =>
        (q.tenantId === undefined || a.tenantId === q.tenantId) &&
        (q.sessionId === undefined || a.sessionId === q.sessionId),
    );
  });
}

import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { assignThread, receiveEmail } from '../actions/email.actions.js';
import { findThread } from '../actions/lookup.js';
import { parseWith } from '../common/parse-body.js';
import type { SandboxContext } from '../sandbox-context.js';
import type { EmailThread } from '../state/email-thread.model.js';
import { QueryFilters } from './query-filters.js';

const idParams = z.object({ id: z.coerce.number().int() });

const createSchema = z.object({
  inboxId: z.number().int().nullish(),
  operatorUserId: z.number().int().nullish(),
  contactId: z.number().int().nullish(),
  clientEmail: z.email(),
  clientAdditionalEmails: z.array(z.email()).nullish(),
  subject: z.string().min(1),
  body: z.string(),
});

export function threadView(t: EmailThread): Record<string, unknown> {
  return {
    id: t.id,
    companyId: 1,
    departmentId: t.tenantId,
    tags: t.tags,
    state: t.state,
    created: t.created,
    lastClientMessage: t.lastClientMessage,
    subject: t.subject,
    clientNames: t.clientNames,
    clientEmails: t.clientEmails,
    inboxName: 'Podpora',
    inboxAddress: t.inboxAddress,
    initiator: t.messages[0]?.direction === 'out' ? 'Operator' : 'Client',
    operators: t.operators,
    messageCount: t.messages.length,
    autoReplySent: false,
    activities: t.messages.map((m) => ({
      id: m.id,
      body: m.body,
      type: 'Mail',
      userId: null,
      created: m.created,
    })),
  };
}

/** `/api/v1/EmailThreads…`: list with filters, one thread, its params, and creating a thread. */
export function registerEmailThreadRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  app.get('/EmailThreads', (request) => {
    const f = new QueryFilters(request.query);
    const found = ctx.store.state.emailThreads.filter(
      (t) =>
        t.tenantId === request.tenantId &&
        f.idIncludes('ThreadId', t.id) &&
        f.enumIncludes('State', t.state) &&
        f.inRange('Created', t.created) &&
        f.inRange('LastClientMessage', t.lastClientMessage) &&
        (f.numbers('OperatorUserId').length === 0 ||
          t.operators.some(
            (o) => o.unassigned === null && f.numbers('OperatorUserId').includes(o.userId),
          )),
    );
    return f.page(found).map(threadView);
  });

  app.get('/EmailThreads/:id', (request) => {
    const { id } = parseWith(idParams, request.params);
    return threadView(findThread(ctx.store.state, id, request.tenantId));
  });

  app.get('/EmailThreads/:id/params', (request) => {
    const { id } = parseWith(idParams, request.params);
    findThread(ctx.store.state, id, request.tenantId);
    return { params: [] };
  });

  app.post('/EmailThreads', (request, reply) => {
    const body = parseWith(createSchema, request.body);
    const thread = receiveEmail(ctx, {
      tenantId: request.tenantId,
      from: body.clientEmail,
      subject: body.subject,
      body: body.body,
    });
    const first = thread.messages[0];
    if (first) first.direction = 'out';
    if (body.operatorUserId != null) assignThread(ctx, thread, body.operatorUserId);
    return reply.code(201).send(thread.id);
  });
}

import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { nextEmail, receiveEmail } from '../actions/email.actions.js';
import { findOperator, findPackage, findSession } from '../actions/lookup.js';
import { setOperatorStatus } from '../actions/operator.actions.js';
import { setGroupMembers, setPackageRouting } from '../actions/package-status.js';
import { placeOutboundCall } from '../actions/session-create.actions.js';
import {
  acceptSession,
  endSession,
  forwardSession,
  offerSession,
  startAv,
} from '../actions/session-flow.actions.js';
import { parseWith } from '../common/parse-body.js';
import { notFound } from '../common/http-error.js';
import type { SandboxContext } from '../sandbox-context.js';
import { SESSION_TERMINATION_REASONS, USER_SIMPLIFIED_STATUSES } from '../state/enums.js';

const tenantParams = z.object({ tenantId: z.coerce.number().int() });
const idParams = z.object({ id: z.coerce.number().int() });
const userBody = z.object({ userId: z.number().int() });

/**
 * Acting as an operator (and as the mail server): taking, forwarding, ending, status, calls, e-mail;
 * and as the host's admin changing routing (group members, package routing).
 */
export function registerOperatorActionRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  const session = (params: unknown): ReturnType<typeof findSession> =>
    findSession(ctx.store.state, parseWith(idParams, params).id);

  app.post('/sessions/:id/accept', (request) => {
    const target = session(request.params);
    acceptSession(ctx, target, parseWith(userBody, request.body).userId);
    return target;
  });

  app.post('/sessions/:id/offer', (request) => {
    const body = parseWith(userBody.extend({ expire: z.boolean().default(true) }), request.body);
    const target = session(request.params);
    offerSession(ctx, target, body.userId, body.expire);
    return target.routingTimeline;
  });

  app.post('/sessions/:id/forward', (request) => {
    const body = parseWith(
      z.object({
        userId: z.number().int().nullish(),
        groupId: z.number().int().nullish(),
        byUserId: z.number().int().nullish(),
      }),
      request.body,
    );
    const target = session(request.params);
    forwardSession(ctx, target, body);
    return target;
  });

  app.post('/sessions/:id/end', (request) => {
    const body = parseWith(
      z.object({
        userId: z.number().int().nullish(),
        reason: z.enum(SESSION_TERMINATION_REASONS).default('OperatorLeft'),
      }),
      request.body,
    );
    const target = session(request.params);
    endSession(ctx, target, body.reason, body.userId ?? null);
    return target;
  });

  app.post('/sessions/:id/av-start', (request) =>
    startAv(ctx, session(request.params), parseWith(userBody, request.body).userId),
  );

  app.put('/operators/:id/status', (request) => {
    const body = parseWith(
      z.object({
        status: z.enum(USER_SIMPLIFIED_STATUSES),
        absenceReasonId: z.number().int().nullish(),
      }),
      request.body,
    );
    const operator = findOperator(ctx.store.state, parseWith(idParams, request.params).id);
    setOperatorStatus(ctx, operator, body);
    return operator;
  });

  app.put('/groups/:id/members', (request) => {
    const { id } = parseWith(idParams, request.params);
    const group = ctx.store.state.groups.find((g) => g.id === id);
    if (!group) throw notFound(`Group ${id}`);
    const body = parseWith(z.object({ userIds: z.array(z.number().int()) }), request.body);
    setGroupMembers(ctx, group, body.userIds);
    return group;
  });

  app.put('/packages/:id/routing', (request) => {
    const pkg = findPackage(ctx.store.state, parseWith(idParams, request.params).id);
    const body = parseWith(
      z.object({
        groupIds: z.array(z.number().int()),
        userIds: z.array(z.number().int()).default([]),
      }),
      request.body,
    );
    setPackageRouting(ctx, pkg, body);
    return pkg;
  });

  app.post('/tenants/:tenantId/outbound-calls', async (request, reply) => {
    const { tenantId } = parseWith(tenantParams, request.params);
    const body = parseWith(
      z.object({
        operatorId: z.number().int(),
        phoneNumber: z.string().min(1),
        callerId: z.string().nullish(),
      }),
      request.body,
    );
    const result = await placeOutboundCall(ctx, { tenantId, ...body });
    return reply.code(result.placed ? 201 : 200).send(result);
  });

  app.post('/tenants/:tenantId/emails', (request, reply) => {
    const { tenantId } = parseWith(tenantParams, request.params);
    const body = parseWith(
      z.object({
        from: z.email(),
        name: z.string().nullish(),
        subject: z.string().min(1),
        body: z.string().default(''),
      }),
      request.body,
    );
    return reply.code(201).send(receiveEmail(ctx, { tenantId, ...body }));
  });

  app.post('/tenants/:tenantId/next-email', (request) => {
    const { tenantId } = parseWith(tenantParams, request.params);
    const { operatorId } = parseWith(z.object({ operatorId: z.number().int() }), request.body);
    return nextEmail(ctx, { tenantId, operatorId });
  });
}

import type { FastifyInstance } from 'fastify';
import { signWidgetToken, WIDGET_TOKEN_MAX_LIFETIME_SECONDS } from '@switchboard/host-contract';
import { z } from 'zod';
import { findSession, findTenant } from '../actions/lookup.js';
import { createSession, requestCallback } from '../actions/session-create.actions.js';
import {
  guestLeaves,
  requestTranscript,
  sendMessage,
  setCallParams,
  setFeedback,
  setGuestConnected,
  uploadFile,
} from '../actions/session-flow.actions.js';
import { HttpError } from '../common/http-error.js';
import { parseWith } from '../common/parse-body.js';
import type { SandboxContext } from '../sandbox-context.js';
import {
  GUEST_BROWSER_TYPES,
  GUEST_OS_TYPES,
  SESSION_CHANNELS,
  SESSION_SOURCES,
} from '../state/enums.js';

const tenantParams = z.object({ tenantId: z.coerce.number().int() });
const sessionParams = z.object({ id: z.coerce.number().int() });

export const guestSchema = z
  .object({
    ipAddress: z.string().nullish(),
    os: z.enum(GUEST_OS_TYPES).optional(),
    browser: z.enum(GUEST_BROWSER_TYPES).optional(),
    userAgent: z.string().nullish(),
    language: z.string().nullish(),
    trackedId: z.string().nullish(),
    identity: z.string().nullish(),
    channelIdentity: z.string().nullish(),
    phone: z.string().nullish(),
    email: z.string().nullish(),
    messengerId: z.string().nullish(),
    name: z.string().nullish(),
  })
  .default({});

const createSessionBody = z.object({
  packageId: z.number().int().nullish(),
  channel: z.enum(SESSION_CHANNELS).default('Chat'),
  source: z.enum(SESSION_SOURCES).default('Default'),
  guest: guestSchema,
  url: z.string().nullish(),
  message: z.string().nullish(),
});

/** Acting as a client: arriving, writing, sending files, leaving, losing the connection. */
export function registerClientActionRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  const session = (params: unknown): ReturnType<typeof findSession> =>
    findSession(ctx.store.state, parseWith(sessionParams, params).id);

  app.post('/tenants/:tenantId/sessions', async (request, reply) => {
    const { tenantId } = parseWith(tenantParams, request.params);
    findTenant(ctx.store.state, tenantId);
    const body = parseWith(createSessionBody, request.body);
    const result = await createSession(ctx, { tenantId, ...body });
    return reply.code(201).send(result);
  });

  app.post('/tenants/:tenantId/callbacks', async (request, reply) => {
    const { tenantId } = parseWith(tenantParams, request.params);
    const body = parseWith(
      z.object({
        packageId: z.number().int().nullish(),
        phoneNumber: z.string().min(1),
        guest: guestSchema,
      }),
      request.body,
    );
    const result = await requestCallback(ctx, {
      tenantId,
      packageId: body.packageId ?? null,
      phoneNumber: body.phoneNumber,
      guest: body.guest,
    });
    return reply.code(201).send(result);
  });

  app.post('/sessions/:id/messages', (request) => {
    const body = parseWith(
      z.object({
        from: z.enum(['guest', 'operator']).default('guest'),
        userId: z.number().int().nullish(),
        text: z.string().min(1),
      }),
      request.body,
    );
    const target = session(request.params);
    sendMessage(ctx, target, body);
    return target.activities.at(-1);
  });

  app.post('/sessions/:id/files', (request) => {
    const body = parseWith(
      z.object({
        from: z.enum(['guest', 'operator']).default('guest'),
        userId: z.number().int().nullish(),
        name: z.string().min(1),
        contentType: z.string().min(1).default('application/octet-stream'),
        size: z.number().int().nonnegative().default(1024),
      }),
      request.body,
    );
    return uploadFile(ctx, session(request.params), body);
  });

  app.post('/sessions/:id/leave', (request) => guestLeaves(ctx, session(request.params)));

  app.post('/sessions/:id/disconnect', (request) => {
    const target = session(request.params);
    setGuestConnected(ctx, target, false);
    return target.guest;
  });

  app.post('/sessions/:id/reconnect', (request) => {
    const target = session(request.params);
    setGuestConnected(ctx, target, true);
    return target.guest;
  });

  app.post('/sessions/:id/feedback', (request) => {
    const body = parseWith(
      z.object({
        stars: z.number().int().min(1).max(5).nullish(),
        text: z.string().nullish(),
        result: z.string().nullish(),
      }),
      request.body,
    );
    const target = session(request.params);
    setFeedback(ctx, target, body);
    return target;
  });

  app.put('/sessions/:id/call-params', (request) => {
    const body = parseWith(
      z.object({
        params: z.record(z.string(), z.string()),
        source: z.string().default('EntryForm'),
      }),
      request.body,
    );
    const target = session(request.params);
    setCallParams(ctx, target, body.params, body.source);
    return target.callParams;
  });

  /** Links the session to a contact-directory record (creating it from the given fields when needed). */
  app.post('/sessions/:id/contact', (request) => {
    const body = parseWith(
      z.object({
        contactId: z.number().int().optional(),
        data: z.record(z.string(), z.array(z.string())).optional(),
      }),
      request.body,
    );
    const target = session(request.params);
    let contactId = body.contactId;
    if (contactId === undefined) {
      contactId = ctx.store.nextId('contact');
      ctx.store.state.contacts.push({
        id: contactId,
        tenantId: target.tenantId,
        data: body.data ?? {},
      });
    }
    target.guest.identity = String(contactId);
    ctx.dispatcher.publish({
      tenantIds: [target.tenantId],
      eventType: 'GuestIdentityUpdated',
      entityKey: `session:${target.id}`,
      data: { id: target.id, tenantId: target.tenantId },
    });
    ctx.store.changed();
    return { sessionId: target.id, contactId };
  });

  app.post('/sessions/:id/transcript-request', (request) => {
    const body = parseWith(
      z.object({
        email: z.email(),
        from: z.enum(['guest', 'operator']).default('guest'),
        userId: z.number().int().nullish(),
      }),
      request.body,
    );
    return requestTranscript(ctx, session(request.params), body);
  });

  /**
   * The token the host hands the chat widget in a browser (the device's tracking id), with which
   * the widget calls Switchboard directly, e.g. for the client's chat history.
   */
  app.post('/tenants/:tenantId/widget-token', (request) => {
    const { tenantId } = parseWith(tenantParams, request.params);
    const body = parseWith(
      z.object({
        trackedId: z.string().min(1),
        packageId: z.number().int().nullish(),
        audience: z.string().min(1).default('switchboard'),
        lifetimeSeconds: z
          .number()
          .int()
          .min(1)
          .max(WIDGET_TOKEN_MAX_LIFETIME_SECONDS)
          .default(600),
      }),
      request.body,
    );
    const installation = ctx.store.state.installations.find(
      (i) => i.tenantId === tenantId && i.active,
    );
    if (!installation)
      throw new HttpError(409, 'not_installed', 'The plugin is not installed for this tenant');
    const now = Math.floor(Date.now() / 1000);
    const token = signWidgetToken(
      {
        tid: String(tenantId),
        sub: body.trackedId,
        ...(body.packageId == null ? {} : { pkg: body.packageId }),
        aud: body.audience,
        iat: now,
        exp: now + body.lifetimeSeconds,
      },
      installation.panelTokenSecret,
    );
    return { token };
  });
}

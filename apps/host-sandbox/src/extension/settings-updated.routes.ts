import type { FastifyInstance } from 'fastify';
import {
  EXTENSION_PATHS,
  settingsUpdatedNotificationSchema,
  verifyWebhook,
} from '@switchboard/host-contract';
import type { SandboxContext } from '../sandbox-context.js';

/**
 * `POST …/extension/settings-updated`: Switchboard tells the host a tenant's settings changed,
 * signed with that tenant's webhook secret. Every notification is recorded, verified or not.
 */
export function registerSettingsUpdatedRoute(app: FastifyInstance, ctx: SandboxContext): void {
  app.post(EXTENSION_PATHS.host.settingsUpdated, async (request, reply) => {
    const s = ctx.store.state;
    const parsed = settingsUpdatedNotificationSchema.safeParse(request.body);
    const tenantId = parsed.success ? parsed.data.tenantId : null;
    const installation = s.installations.find((i) => String(i.tenantId) === tenantId && i.active);
    const check = installation
      ? verifyWebhook(installation.webhookSecret, request.headers, request.rawBody ?? '')
      : ({ ok: false, reason: 'invalid_signature' } as const);
    const webhookId = request.headers['webhook-id'];
    s.notifications.push({
      id: ctx.store.nextId('notification'),
      tenantId: tenantId ?? '',
      version: parsed.success ? parsed.data.version : null,
      changedKeys: parsed.success ? parsed.data.changedKeys : [],
      packageIds: parsed.success ? parsed.data.packageIds : [],
      webhookId: typeof webhookId === 'string' ? webhookId : null,
      verified: check.ok,
      receivedAt: new Date().toISOString(),
      body: request.body,
    });
    ctx.store.changed();
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return reply
        .code(400)
        .send({ code: 'invalid_request', message: issue?.message, path: issue?.path ?? [] });
    }
    if (!check.ok)
      return reply.code(401).send({ code: 'invalid_signature', message: check.reason });
    return reply.code(204).send();
  });
}

import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { PANEL_ROLES, smtpRelaySchema } from '@switchboard/host-contract';
import { z } from 'zod';
import { findSession, findTenant } from '../actions/lookup.js';
import { packageView } from '../actions/package-status.js';
import { HttpError, notFound } from '../common/http-error.js';
import { parseWith } from '../common/parse-body.js';
import { signPanelToken } from '../extension/panel-token.js';
import { installPlugin, uninstallPlugin } from '../extension/plugin-installer.js';
import type { SandboxContext } from '../sandbox-context.js';

const tenantParams = z.object({ tenantId: z.coerce.number().int() });
const sessionParams = z.object({ id: z.coerce.number().int() });
const installBody = z.object({
  switchboardUrl: z.url({ protocol: /^https?$/ }),
  platformSecret: z.string().min(1),
  /** The tenant's SMTP relay to hand over with the install; without it Switchboard uses its own. */
  smtp: smtpRelaySchema.optional(),
});
const panelTokenBody = z.object({
  userId: z.union([z.string(), z.number()]).transform(String),
  name: z.string().nullish(),
  roles: z.array(z.enum(PANEL_ROLES)).min(1).default(['admin']),
  locale: z.enum(['cs', 'en']).optional(),
  audience: z.string().min(1).default('switchboard'),
  lifetimeSeconds: z.number().int().min(1).max(900).default(600),
});

/** Tenants, their plugin installation and the state slices tests read per tenant. */
export function registerTenantControlRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  const s = (): typeof ctx.store.state => ctx.store.state;
  const tenantOf = (params: unknown): number =>
    findTenant(s(), parseWith(tenantParams, params).tenantId).id;

  app.get('/tenants', () => s().tenants);
  app.get('/tenants/:tenantId', (request) =>
    findTenant(s(), parseWith(tenantParams, request.params).tenantId),
  );
  app.get('/tenants/:tenantId/sessions', (request) => {
    const tenantId = tenantOf(request.params);
    return s().sessions.filter((x) => x.tenantId === tenantId);
  });
  app.get('/tenants/:tenantId/packages', (request) => {
    const tenantId = tenantOf(request.params);
    return s()
      .packages.filter((p) => p.tenantId === tenantId)
      .map((p) => packageView(s(), p));
  });
  app.get('/tenants/:tenantId/operators', (request) => {
    const tenantId = tenantOf(request.params);
    return s().operators.filter((o) => o.tenantIds.includes(tenantId));
  });
  app.get('/tenants/:tenantId/groups', (request) => {
    const tenantId = tenantOf(request.params);
    return s().groups.filter((g) => g.tenantId === tenantId);
  });
  app.get('/tenants/:tenantId/email-threads', (request) => {
    const tenantId = tenantOf(request.params);
    return s().emailThreads.filter((t) => t.tenantId === tenantId);
  });
  app.put('/tenants/:tenantId/entitlements', (request) => {
    const tenant = findTenant(s(), parseWith(tenantParams, request.params).tenantId);
    tenant.entitlements = parseWith(
      z.object({ entitlements: z.array(z.string().min(1)) }),
      request.body,
    ).entitlements;
    ctx.store.changed();
    return tenant;
  });
  app.post('/tenants/:tenantId/oauth-clients', (request) => {
    const tenantId = tenantOf(request.params);
    const client = {
      clientId: `api-${tenantId}-${randomBytes(4).toString('hex')}`,
      clientSecret: randomBytes(24).toString('base64url'),
      tenantId,
      createdAt: new Date().toISOString(),
      revoked: false,
    };
    s().oauthClients.push(client);
    ctx.store.changed();
    return client;
  });

  app.post('/tenants/:tenantId/install-plugin', async (request, reply) => {
    const tenantId = tenantOf(request.params);
    const outcome = await installPlugin(ctx, tenantId, parseWith(installBody, request.body));
    return reply.code(outcome.ok ? 200 : 502).send(outcome);
  });
  app.post('/tenants/:tenantId/uninstall-plugin', async (request, reply) => {
    const outcome = await uninstallPlugin(ctx, tenantOf(request.params));
    return reply
      .code(outcome.ok ? 200 : outcome.error === 'not_installed' ? 404 : 502)
      .send(outcome);
  });
  app.get('/tenants/:tenantId/installation', (request) => {
    const tenantId = tenantOf(request.params);
    // The active installation; without one, the latest attempt (so a refused install can be inspected).
    const installation =
      s().installations.find((i) => i.tenantId === tenantId && i.active) ??
      s().installations.findLast((i) => i.tenantId === tenantId);
    if (!installation) throw notFound(`Installation for tenant ${tenantId}`);
    return installation;
  });
  app.post('/tenants/:tenantId/panel-token', (request) => {
    const tenantId = tenantOf(request.params);
    const installation = s().installations.find((i) => i.tenantId === tenantId && i.active);
    if (!installation)
      throw new HttpError(409, 'not_installed', 'The plugin is not installed for this tenant');
    const body = parseWith(panelTokenBody, request.body);
    const token = signPanelToken(
      installation.panelTokenSecret,
      {
        tid: String(tenantId),
        sub: body.userId,
        name: body.name ?? null,
        roles: body.roles,
        locale: body.locale,
        aud: body.audience,
      },
      body.lifetimeSeconds,
    );
    return { token };
  });

  app.get('/sessions/:id', (request) =>
    findSession(s(), parseWith(sessionParams, request.params).id),
  );
  app.get(
    '/sessions/:id/files',
    (request) => findSession(s(), parseWith(sessionParams, request.params).id).files,
  );
  /** Storage fault for one file: deleting it reports INACCESSIBLE until cleared. */
  app.put('/sessions/:id/files/:fileId/inaccessible', (request) => {
    const params = parseWith(
      sessionParams.extend({ fileId: z.coerce.number().int() }),
      request.params,
    );
    const file = findSession(s(), params.id).files.find((f) => f.id === params.fileId);
    if (!file) throw notFound(`File ${params.fileId}`);
    file.inaccessible = parseWith(
      z.object({ inaccessible: z.boolean() }),
      request.body,
    ).inaccessible;
    ctx.store.changed();
    return file;
  });

  /** Expires every live token (or one tenant's): the next API call answers 401 until a refresh. */
  app.post('/tokens/expire', (request) => {
    const { tenantId } = parseWith(
      z.object({ tenantId: z.number().int().optional() }),
      request.body,
    );
    const expired = s().tokens.filter((t) => tenantId === undefined || t.tenantId === tenantId);
    for (const token of expired) token.expiresAt = new Date(0).toISOString();
    ctx.store.changed();
    return { expired: expired.length };
  });
}

import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { PANEL_ROLES } from '@switchboard/host-contract';
import { HttpError } from '../common/http-error.js';
import { joinUrl } from '../common/join-url.js';
import { parseWith } from '../common/parse-body.js';
import { signPanelToken } from '../extension/panel-token.js';
import type { SandboxContext } from '../sandbox-context.js';

const openPanelQuery = z.object({
  tenant: z.coerce.number().int().positive(),
  role: z.enum(PANEL_ROLES).default('admin'),
  lang: z.enum(['cs', 'en']).default('cs'),
});

/** The demo users the console opens the panel as, one per role. */
const demoUsers: Record<(typeof PANEL_ROLES)[number], { id: string; name: string }> = {
  admin: { id: 'demo-admin', name: 'Alena Adminová' },
  supervisor: { id: 'demo-supervisor', name: 'Sára Supervizorová' },
  viewer: { id: 'demo-viewer', name: 'Viktor Čtenář' },
  operator: { id: 'demo-operator', name: 'Ondřej Operátor' },
  host: { id: 'demo-host', name: 'Host' },
};

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * What the host's own admin UI does when an admin clicks "Switchboard": mint a short-lived panel
 * JWT for the tenant, user and role, and open the panel with it. The demo's login link points here.
 */
export function registerConsoleRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  const activeInstallation = (tenantId: number) =>
    ctx.store.state.installations.find((i) => i.tenantId === tenantId && i.active);

  app.get('/open-panel', async (request, reply) => {
    const query = parseWith(openPanelQuery, request.query);
    const installation = activeInstallation(query.tenant);
    if (!installation) {
      throw new HttpError(409, 'not_installed', 'The plugin is not installed for this tenant');
    }
    const user = demoUsers[query.role];
    const token = signPanelToken(
      installation.panelTokenSecret,
      {
        tid: String(query.tenant),
        sub: user.id,
        name: user.name,
        roles: [query.role],
        locale: query.lang,
        aud: 'switchboard',
      },
      300,
    );
    const target = new URL(joinUrl(installation.switchboardUrl, '/admin/'));
    target.searchParams.set('token', token);
    target.searchParams.set('lang', query.lang);
    return reply.redirect(target.toString(), 302);
  });

  app.get('/', async (_request, reply) => {
    const rows = ctx.store.state.tenants.map((tenant) => {
      const installed = activeInstallation(tenant.id) !== undefined;
      const links = installed
        ? (['admin', 'supervisor', 'viewer'] as const)
            .flatMap((role) =>
              (['cs', 'en'] as const).map(
                (lang) =>
                  `<a href="/open-panel?tenant=${tenant.id}&amp;role=${role}&amp;lang=${lang}">${role} (${lang})</a>`,
              ),
            )
            .join(' · ')
        : '<em>plugin not installed</em>';
      return `<tr><td>${tenant.id}</td><td>${escapeHtml(tenant.name)}</td><td>${links}</td></tr>`;
    });
    return reply
      .type('text/html; charset=utf-8')
      .send(
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host sandbox</title>` +
          `<link rel="icon" href="data:,"></head><body><h1>Host sandbox</h1>` +
          `<p>Open Switchboard's panel as the host would, for a tenant and a role.</p>` +
          `<table><thead><tr><th>Tenant</th><th>Name</th><th>Open the panel as</th></tr></thead>` +
          `<tbody>${rows.join('')}</tbody></table></body></html>`,
      );
  });
}

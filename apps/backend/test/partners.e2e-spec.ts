import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { backendDir } from '../src/config/paths.js';
import { sql } from './support/host-deliveries.js';
import { platformRequest } from './support/route-probes/panel.js';
import {
  hostToken,
  installTenant,
  type InstalledTenant,
  panelSession,
  platformPost,
} from './support/tenants.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const northwindLogo =
  'data:image/svg+xml,' +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="16" cy="16" r="15" fill="#6d4c41"/></svg>',
  );

const northwind = {
  name: 'Northwind Traders s.r.o.',
  theme: {
    productName: 'Northwind Desk',
    logo: northwindLogo,
    favicon: northwindLogo,
    colors: {
      light: { primary: '#6d4c41', secondary: '#b3261e' },
      dark: { primary: '#d7ccc8', secondary: '#ffb4ab' },
    },
    supportUrl: 'https://support.northwind.example/desk',
    defaultLanguage: 'en',
  },
};

interface Problem {
  code: string;
  errors?: { path: string; code: string }[];
  details?: Record<string, unknown>;
}

describe('partners: white-label themes served per tenant', () => {
  let t: TestApp;
  let tenant: InstalledTenant;
  let other: InstalledTenant;

  const branding = async (who: InstalledTenant, role: 'admin' | 'viewer' = 'viewer') => {
    const { authorization } = await panelSession(t, who, [role]);
    const response = await fetch(`${t.baseUrl}/api/branding`, { headers: { authorization } });
    expect(response.status).toBe(200);
    return (await response.json()) as { partnerId: string | null; theme: Record<string, unknown> };
  };

  const resolve = (token: string) =>
    fetch(`${t.baseUrl}/api/branding/resolve`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
    });

  beforeAll(async () => {
    t = await startTestApp();
    tenant = await installTenant(t);
    other = await installTenant(t);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('creates a partner (201), replaces it (200), and lists it with its installation count', async () => {
    const created = await platformRequest(t, 'PUT', '/api/platform/partners/northwind', {
      ...northwind,
      theme: { productName: 'Northwind' },
    });
    expect(created.status).toBe(201);
    const replaced = await platformRequest(t, 'PUT', '/api/platform/partners/northwind', northwind);
    expect(replaced.status).toBe(200);
    expect(await replaced.json()).toMatchObject({ id: 'northwind', ...northwind, tenantCount: 0 });

    const list = await platformRequest(t, 'GET', '/api/platform/partners');
    expect(list.status).toBe(200);
    expect(await list.json()).toEqual([
      expect.objectContaining({ id: 'northwind', theme: northwind.theme, tenantCount: 0 }),
    ]);
    const one = await platformRequest(t, 'GET', '/api/platform/partners/northwind');
    expect(await one.json()).toMatchObject({ id: 'northwind', name: northwind.name });
    const missing = await platformRequest(t, 'GET', '/api/platform/partners/nobody');
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as Problem).code).toBe('partner_not_found');

    const audit = await sql(
      t,
      "select action from audit_entry where tenant_id = '_platform' and target_id = 'northwind' order by id",
    );
    expect(audit.map((row) => row['action'])).toEqual(['partners.created', 'partners.updated']);
  });

  it('refuses a theme that would load from another origin or is not a theme, naming each field', async () => {
    const response = await platformRequest(t, 'PUT', '/api/platform/partners/bad', {
      name: 'Bad',
      theme: {
        logo: 'https://cdn.example/logo.png',
        favicon: '//cdn.example/favicon.ico',
        colors: { light: { primary: 'brown' } },
        supportUrl: 'javascript:alert(1)',
        defaultLanguage: 'de',
        fontUrl: '/x.woff2',
      },
    });
    expect(response.status).toBe(422);
    const problem = (await response.json()) as Problem;
    expect(problem.code).toBe('validation_failed');
    expect(problem.errors?.map(({ path, code }) => `${path}:${code}`).sort()).toEqual([
      'theme.colors.light.primary:invalid_format',
      'theme.defaultLanguage:invalid_value',
      'theme.favicon:image_not_same_origin',
      'theme.fontUrl:unknown_field',
      'theme.logo:image_not_same_origin',
      'theme.supportUrl:invalid_format',
    ]);
    const badId = await platformRequest(t, 'PUT', '/api/platform/partners/Not_A_Slug', northwind);
    expect(badId.status).toBe(422);
    expect(((await badId.json()) as Problem).errors?.[0]?.path).toBe('partnerId');
  });

  it('answers only the platform: unsigned, wrongly signed or replayed calls are refused', async () => {
    const { authorization } = await panelSession(t, tenant, ['admin']);
    const unsigned = await fetch(`${t.baseUrl}/api/platform/partners`, {
      headers: { authorization },
    });
    expect(unsigned.status).toBe(401);
    expect(((await unsigned.json()) as Problem).code).toBe('invalid_signature');
    const wrongSecret = await platformRequest(t, 'GET', '/api/platform/partners', undefined, {
      secret: tenant.secrets.webhookSecret,
    });
    expect(wrongSecret.status).toBe(401);
    const first = await platformRequest(t, 'GET', '/api/platform/partners', undefined, {
      messageId: 'msg_partner_replay',
    });
    expect(first.status).toBe(200);
    const replay = await platformRequest(t, 'GET', '/api/platform/partners', undefined, {
      messageId: 'msg_partner_replay',
    });
    expect(replay.status).toBe(409);
    expect(((await replay.json()) as Problem).code).toBe('replayed_request');
  });

  it("assigns an installation to a partner: its panel gets the theme, others keep the default, and the tenant's log says so", async () => {
    expect(await branding(tenant)).toEqual({ partnerId: null, theme: {} });
    const assigned = await platformRequest(
      t,
      'PUT',
      `/api/platform/tenants/${tenant.tenantId}/partner`,
      { partnerId: 'northwind' },
    );
    expect(assigned.status).toBe(200);
    expect(await assigned.json()).toEqual({ partnerId: 'northwind', theme: northwind.theme });

    expect(await branding(tenant)).toEqual({ partnerId: 'northwind', theme: northwind.theme });
    expect(await branding(tenant, 'admin')).toEqual({
      partnerId: 'northwind',
      theme: northwind.theme,
    });
    expect(await branding(other)).toEqual({ partnerId: null, theme: {} });

    const { authorization } = await panelSession(t, tenant, ['admin']);
    const log = await fetch(
      `${t.baseUrl}/api/audit?filter=${encodeURIComponent(JSON.stringify({ action: 'branding.partner_assigned' }))}`,
      { headers: { authorization } },
    );
    expect(await log.json()).toEqual([
      expect.objectContaining({
        actorType: 'host',
        actorId: 'platform',
        before: { partnerId: null },
        after: { partnerId: 'northwind' },
      }),
    ]);
    const list = await platformRequest(t, 'GET', '/api/platform/partners/northwind');
    expect(await list.json()).toMatchObject({ tenantCount: 1 });

    const unknownPartner = await platformRequest(
      t,
      'PUT',
      `/api/platform/tenants/${other.tenantId}/partner`,
      { partnerId: 'nobody' },
    );
    expect(unknownPartner.status).toBe(404);
    expect(((await unknownPartner.json()) as Problem).code).toBe('partner_not_found');
    const unknownTenant = await platformRequest(
      t,
      'PUT',
      '/api/platform/tenants/t-nobody/partner',
      {
        partnerId: 'northwind',
      },
    );
    expect(unknownTenant.status).toBe(404);
    expect(((await unknownTenant.json()) as Problem).code).toBe('tenant_not_found');
  });

  it('serves the theme before login for a host token, which stays usable for the session exchange', async () => {
    const token = await hostToken(tenant.secrets.panelTokenSecret, {
      tenantId: tenant.tenantId,
      roles: ['admin'],
    });
    const response = await resolve(token);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ partnerId: 'northwind', theme: northwind.theme });

    const exchange = await fetch(`${t.baseUrl}/api/auth/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
    });
    expect(exchange.status).toBe(201);
  });

  it('tells nothing for a token it cannot verify, nor whether its tenant exists', async () => {
    const forged = await hostToken(other.secrets.panelTokenSecret, {
      tenantId: tenant.tenantId,
      roles: ['admin'],
    });
    const unknownTenant = await hostToken(other.secrets.panelTokenSecret, {
      tenantId: 't-not-installed',
      roles: ['admin'],
    });
    const expired = await hostToken(tenant.secrets.panelTokenSecret, {
      tenantId: tenant.tenantId,
      roles: ['admin'],
      expiresInSeconds: -60,
    });
    const wrongAudience = await hostToken(tenant.secrets.panelTokenSecret, {
      tenantId: tenant.tenantId,
      roles: ['admin'],
      audience: 'someone-else',
    });
    const answers: unknown[] = [];
    for (const token of [forged, unknownTenant, expired, wrongAudience, 'not-a-jwt']) {
      const response = await resolve(token);
      expect(response.status).toBe(401);
      const body = (await response.json()) as Problem;
      answers.push([body.code, body.details?.['reason']]);
    }
    expect(answers).toEqual([
      ['invalid_token', 'signature'],
      ['invalid_token', 'signature'],
      ['invalid_token', 'expired'],
      ['invalid_token', 'audience'],
      ['invalid_token', 'malformed'],
    ]);
  });

  it('keeps a partner with installations; deletes it once they are gone, uninstall included', async () => {
    const inUse = await platformRequest(t, 'DELETE', '/api/platform/partners/northwind');
    expect(inUse.status).toBe(409);
    expect(await inUse.json()).toMatchObject({
      code: 'partner_in_use',
      details: { tenantCount: 1 },
    });

    // Uninstalling the tenant removes its assignment with everything else it had.
    const uninstalled = await platformPost(t, '/uninstall', { tenantId: tenant.tenantId });
    expect(uninstalled.status).toBe(204);
    expect(
      await sql(t, 'select * from tenant_partner where tenant_id = ?', [tenant.tenantId]),
    ).toEqual([]);

    const deleted = await platformRequest(t, 'DELETE', '/api/platform/partners/northwind');
    expect(deleted.status).toBe(204);
    const gone = await platformRequest(t, 'GET', '/api/platform/partners/northwind');
    expect(gone.status).toBe(404);
  });

  it('accepts the documented example partner theme as it is', async () => {
    const example = JSON.parse(
      readFileSync(join(backendDir, '..', '..', 'docs', 'examples', 'partner-theme.json'), 'utf8'),
    ) as typeof northwind;
    const response = await platformRequest(t, 'PUT', '/api/platform/partners/example', example);
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ id: 'example', ...example });
  });

  it('switches an installation back to the default brand with null', async () => {
    const put = await platformRequest(t, 'PUT', '/api/platform/partners/contoso', {
      name: 'Contoso',
      theme: { productName: 'Contoso Help' },
    });
    expect(put.status).toBe(201);
    const path = `/api/platform/tenants/${other.tenantId}/partner`;
    expect((await platformRequest(t, 'PUT', path, { partnerId: 'contoso' })).status).toBe(200);
    expect((await branding(other)).theme).toEqual({ productName: 'Contoso Help' });
    const cleared = await platformRequest(t, 'PUT', path, { partnerId: null });
    expect(await cleared.json()).toEqual({ partnerId: null, theme: {} });
    expect(await branding(other)).toEqual({ partnerId: null, theme: {} });
  });
});

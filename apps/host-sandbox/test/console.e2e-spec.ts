import { jwtVerify } from 'jose';
import { installAgainst, type Installed } from './support/install.js';
import { Receiver } from './support/receiver.js';
import { DEMO_TENANT_ID, startSandbox, type Sandbox } from './support/sandbox-harness.js';

describe('the sandbox console opens the panel as the host would', () => {
  let sandbox: Sandbox;
  let receiver: Receiver;
  let installed: Installed;

  beforeAll(async () => {
    sandbox = await startSandbox();
    receiver = await new Receiver().start();
    installed = await installAgainst(sandbox, receiver);
  });

  afterAll(async () => {
    await sandbox.destroy();
    await receiver.stop();
  });

  it('redirects to the panel with a short-lived token for the tenant, user and role', async () => {
    const response = await fetch(
      `${sandbox.baseUrl}/open-panel?tenant=${DEMO_TENANT_ID}&role=supervisor&lang=en`,
      { redirect: 'manual' },
    );
    expect(response.status).toBe(302);
    const target = new URL(response.headers.get('location') ?? '');
    expect(`${target.origin}${target.pathname}`).toBe(`${receiver.url}/admin/`);
    expect(target.searchParams.get('lang')).toBe('en');
    // Branding is the partner theme the backend serves for the tenant, not a URL parameter.
    expect(target.searchParams.has('brand')).toBe(false);
    const { payload, protectedHeader } = await jwtVerify(
      target.searchParams.get('token') ?? '',
      Buffer.from(installed.panelTokenSecret, 'utf8'),
      { audience: 'switchboard', algorithms: ['HS256'] },
    );
    expect(protectedHeader.alg).toBe('HS256');
    expect(payload).toMatchObject({
      tid: String(DEMO_TENANT_ID),
      roles: ['supervisor'],
      locale: 'en',
    });
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBeLessThanOrEqual(300);
  });

  it('refuses a tenant without the plugin and an unknown role', async () => {
    const notInstalled = await fetch(`${sandbox.baseUrl}/open-panel?tenant=999&role=admin`, {
      redirect: 'manual',
    });
    expect(notInstalled.status).toBe(409);
    const badRole = await fetch(
      `${sandbox.baseUrl}/open-panel?tenant=${DEMO_TENANT_ID}&role=root`,
      {
        redirect: 'manual',
      },
    );
    expect(badRole.status).toBe(400);
  });

  it('lists the tenants with a link per role and language', async () => {
    const response = await fetch(`${sandbox.baseUrl}/`);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    const html = await response.text();
    expect(html).toContain(`/open-panel?tenant=${DEMO_TENANT_ID}&amp;role=admin&amp;lang=cs`);
    expect(html).toContain('Demo s.r.o.');
  });
});

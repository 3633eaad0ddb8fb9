import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('the admin panel served at /admin', () => {
  let t: TestApp;
  const dist = mkdtempSync(join(tmpdir(), 'sb-admin-dist-'));

  beforeAll(async () => {
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log("panel")');
    writeFileSync(join(tmpdir(), 'outside-admin-dist.txt'), 'secret');
    t = await startTestApp({
      env: {
        ADMIN_DIST_DIR: dist,
        PANEL_FRAME_ANCESTORS: 'https://host.example http://127.0.0.1:4000/x',
      },
    });
  });

  afterAll(async () => {
    await t.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('redirects /admin to /admin/ and serves index.html there, never cached', async () => {
    const redirect = await fetch(`${t.baseUrl}/admin`, { redirect: 'manual' });
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toBe('/admin/');
    const index = await fetch(`${t.baseUrl}/admin/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toMatch(/text\/html/);
    expect(index.headers.get('cache-control')).toBe('no-cache');
    expect(await index.text()).toContain('id="root"');
  });

  it('serves hashed assets with a long cache and their content type', async () => {
    const asset = await fetch(`${t.baseUrl}/admin/assets/index-abc123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/text\/javascript/);
    expect(asset.headers.get('cache-control')).toContain('immutable');
  });

  it('answers client-side routes with index.html and a missing asset with 404', async () => {
    const route = await fetch(`${t.baseUrl}/admin/settings/chat`);
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('id="root"');
    const missing = await fetch(`${t.baseUrl}/admin/assets/nope.js`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { code: string }).code).toBe('not_found');
  });

  it('never serves a file outside the panel folder', async () => {
    for (const path of [
      '/admin/..%2Foutside-admin-dist.txt',
      '/admin/%2e%2e/outside-admin-dist.txt',
    ]) {
      const response = await fetch(`${t.baseUrl}${path}`);
      expect(await response.text()).not.toContain('secret');
    }
  });

  it('lets only the configured host origins embed it in an iframe', async () => {
    const response = await fetch(`${t.baseUrl}/admin/`);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'self' https://host.example http://127.0.0.1:4000");
    expect(response.headers.get('x-frame-options')).toBeNull();
  });
});

import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/core';
import { backendDir } from '../src/config/paths.js';
import { InstallationService } from '../src/installation/installation.service.js';
import { hostToken, installTenant, type InstalledTenant } from './support/tenants.js';
import { runScript } from './support/run-script.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

const script = join(backendDir, 'dist', 'scripts', 'rotate-secrets.js');
const key = (id: string): string => `${id}:${randomBytes(32).toString('base64')}`;

const rotate = (env: Record<string, string>) => runScript(script, env);

describe('encryption key rotation', () => {
  let database: TestDatabase;
  let app: TestApp | undefined;
  const oldKey = key('2026-01');
  const newKey = key('2026-02');

  beforeAll(async () => {
    if (!existsSync(script)) throw new Error(`${script} is missing: build the backend first`);
    database = await createTestDatabase();
  });

  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  afterAll(async () => {
    await database?.drop();
  });

  const boot = async (keys: string): Promise<TestApp> => {
    app = await startTestApp({ database, env: { ENCRYPTION_KEYS: keys } });
    return app;
  };

  const keyIds = async (t: TestApp): Promise<string[]> => {
    const rows = (await t.app
      .get(MikroORM)
      .em.getConnection()
      .execute('select distinct key_id from tenant_secret order by key_id')) as {
      key_id: string;
    }[];
    return rows.map((row) => row.key_id);
  };

  const canSignIn = async (t: TestApp, tenant: InstalledTenant): Promise<number> => {
    const token = await hostToken(tenant.secrets.panelTokenSecret, {
      tenantId: tenant.tenantId,
      roles: ['operator'],
    });
    return (
      await fetch(`${t.baseUrl}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } })
    ).status;
  };

  it('keeps old rows readable under a new active key, and rotates them all with secrets:rotate', async () => {
    let t = await boot(oldKey);
    const tenant = await installTenant(t);
    expect(await keyIds(t)).toEqual(['2026-01']);
    await t.close();
    app = undefined;

    // New key in front, old one still listed: old rows decrypt, new writes use the new key.
    t = await boot(`${newKey},${oldKey}`);
    expect(await canSignIn(t, tenant)).toBe(200);
    const second = await installTenant(t);
    expect(await keyIds(t)).toEqual(['2026-01', '2026-02']);
    expect(await t.app.get(InstallationService).secrets(tenant.tenantId)).toEqual(tenant.secrets);

    const result = await rotate({ ...database.env, ENCRYPTION_KEYS: `${newKey},${oldKey}` });
    expect(result).toEqual({
      code: 0,
      output: expect.stringContaining('Re-encrypted 4 of 8 tenant secret(s) with key "2026-02"'),
    });
    expect(await keyIds(t)).toEqual(['2026-02']);
    await t.close();
    app = undefined;

    // The old key can now go.
    t = await boot(newKey);
    expect(await canSignIn(t, tenant)).toBe(200);
    expect(await canSignIn(t, second)).toBe(200);
    expect(await t.app.get(InstallationService).secrets(second.tenantId)).toEqual(second.secrets);

    const again = await rotate({ ...database.env, ENCRYPTION_KEYS: newKey });
    expect(again.output).toContain('Re-encrypted 0 of 8');
  });

  it('refuses a malformed key, naming the variable without echoing the value', async () => {
    const bad = 'k1:dG9vLXNob3J0';
    const result = await rotate({ ...database.env, ENCRYPTION_KEYS: bad });
    expect(result.code).toBe(1);
    expect(result.output).toContain('ENCRYPTION_KEYS');
    expect(result.output).not.toContain('dG9vLXNob3J0');
  });
});

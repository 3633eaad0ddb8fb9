import { MikroORM } from '@mikro-orm/core';
import { runPendingMigrations } from '../src/database/migration-runner.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('readiness with migrations left to the deploy step (MIGRATE_ON_START=false)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: { MIGRATE_ON_START: 'false' } });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('is live but not ready while migrations are pending, and ready once they ran', async () => {
    expect((await fetch(`${t.baseUrl}/health/live`)).status).toBe(200);

    const before = await fetch(`${t.baseUrl}/health/ready`);
    expect(before.status).toBe(503);
    const pending = (await before.json()) as {
      status: string;
      database: { up: boolean; pendingMigrations: number };
    };
    expect(pending.status).toBe('unavailable');
    expect(pending.database.up).toBe(true);
    expect(pending.database.pendingMigrations).toBeGreaterThan(0);

    const { applied } = await runPendingMigrations(t.app.get(MikroORM));
    expect(applied).toHaveLength(pending.database.pendingMigrations);

    const after = await fetch(`${t.baseUrl}/health`);
    expect(after.status).toBe(200);
    expect(await after.json()).toMatchObject({
      status: 'ok',
      database: { up: true, pendingMigrations: 0 },
    });
  });
});

describe('readiness when the database goes away', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t?.close();
  });

  it('turns 503 with the database down while the process stays live', async () => {
    expect((await fetch(`${t.baseUrl}/health/ready`)).status).toBe(200);

    // Every pooled connection closed: the next query fails as with a database that went away.
    await t.app.get(MikroORM).close(true);

    const response = await fetch(`${t.baseUrl}/health/ready`);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({
      status: 'unavailable',
      database: { up: false, pendingMigrations: null },
    });
    expect((await fetch(`${t.baseUrl}/health/live`)).status).toBe(200);
  });
});

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/core';
import { loadEnv } from '../src/config/env.js';
import { backendDir } from '../src/config/paths.js';
import { AppMeta, schemaVersionKey } from '../src/database/app-meta.entity.js';
import { pendingMigrationCount } from '../src/database/migration-runner.js';
import { ormOptions } from '../src/database/orm-options.js';
import { runScript } from './support/run-script.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

const script = join(backendDir, 'dist', 'scripts', 'migrate.js');

const runMigrate = (env: Record<string, string>) => runScript(script, env);

describe('pnpm db:migrate (compiled script)', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    if (!existsSync(script)) {
      throw new Error(`${script} is missing: build the backend first (pnpm run build)`);
    }
    database = await createTestDatabase();
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('applies every migration to a fresh database, then finds nothing left to do', async () => {
    const first = await runMigrate(database.env);
    expect(first).toMatchObject({ code: 0 });
    expect(first.output).toMatch(/applied Migration\d{14}_app_meta/);

    // Checked against the migration sources: the compiled set must cover all of them.
    const orm = await MikroORM.init(ormOptions(loadEnv(database.env)));
    try {
      expect(await pendingMigrationCount(orm)).toBe(0);
      const meta = await orm.em.fork().findOne(AppMeta, { key: schemaVersionKey });
      expect(meta?.value).toMatch(/^Migration\d{14}_\w+$/);
    } finally {
      await orm.close(true);
    }

    const second = await runMigrate(database.env);
    expect(second).toMatchObject({ code: 0 });
    expect(second.output).toContain('no pending migrations');
  });

  it('refuses to run with an invalid configuration and names the variable', async () => {
    const result = await runMigrate({ ...database.env, DATABASE_URL: 'mysql://localhost/app' });
    expect(result.code).toBe(1);
    expect(result.output).toContain('DATABASE_URL: must be a postgres:// or postgresql:// URL');
  });
});

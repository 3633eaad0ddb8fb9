import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/core';
import { databaseDialect, loadEnv } from '../src/config/env.js';
import { backendDir } from '../src/config/paths.js';
import { runPendingMigrations } from '../src/database/migration-runner.js';
import { ormOptions } from '../src/database/orm-options.js';
import {
  createTestDatabase,
  type TestDatabase,
  testDatabaseKind,
} from './support/test-database.js';

describe('committed migrations', () => {
  let database: TestDatabase;
  const orms: MikroORM[] = [];

  const openOrm = async (): Promise<MikroORM> => {
    const orm = await MikroORM.init(ormOptions(loadEnv(database.env)));
    orms.push(orm);
    return orm;
  };

  const migrationNames = (): string[] => {
    const dialect = databaseDialect(loadEnv(database.env));
    const dir = join(backendDir, 'src', 'database', 'migrations', dialect);
    return readdirSync(dir)
      .filter((file) => /^Migration\d{14}_\w+\.ts$/.test(file))
      .map((file) => file.replace(/\.ts$/, ''))
      .sort();
  };

  beforeEach(async () => {
    database = await createTestDatabase();
  });

  afterEach(async () => {
    await Promise.all(orms.splice(0).map((orm) => orm.close(true)));
    await database.drop();
  });

  it('apply in order, once, and record the last one as the schema version', async () => {
    const orm = await openOrm();
    const names = migrationNames();
    expect(names.length).toBeGreaterThan(0);
    expect(await runPendingMigrations(orm)).toEqual({
      applied: names,
      schemaVersion: names.at(-1),
    });
    expect(await runPendingMigrations(orm)).toEqual({ applied: [], schemaVersion: names.at(-1) });
  });

  it('produce exactly the schema the entities describe (no migration missing)', async () => {
    const orm = await openOrm();
    await runPendingMigrations(orm);
    // Non-empty means an entity changed without `pnpm db:migration:create <name>`.
    expect(await orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false })).toBe('');
  });

  // Several instances starting at once exist only on PostgreSQL; SQLite is single-instance.
  if (testDatabaseKind() === 'postgres') {
    it('are applied once when several instances start at the same time', async () => {
      const instances = await Promise.all([openOrm(), openOrm(), openOrm()]);
      const runs = await Promise.all(instances.map((orm) => runPendingMigrations(orm)));
      expect(runs.flatMap((run) => run.applied).sort()).toEqual(migrationNames());
      expect(new Set(runs.map((run) => run.schemaVersion)).size).toBe(1);
    });
  }
});

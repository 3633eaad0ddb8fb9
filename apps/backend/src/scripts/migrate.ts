// `pnpm db:migrate`: applies pending migrations to the configured database, then exits.
import { MikroORM } from '@mikro-orm/core';
import { databaseDialect, EnvValidationError, loadEnv } from '../config/env.js';
import { runPendingMigrations } from '../database/migration-runner.js';
import { ormOptions } from '../database/orm-options.js';

async function main(): Promise<void> {
  const env = loadEnv();
  const orm = await MikroORM.init(ormOptions(env));
  try {
    const { applied, schemaVersion } = await runPendingMigrations(orm);
    const target = databaseDialect(env) === 'sqlite' ? `SQLite ${env.SQLITE_PATH}` : 'PostgreSQL';
    console.info(
      applied.length === 0
        ? `${target}: no pending migrations (schema at ${schemaVersion ?? 'nothing'})`
        : `${target}: applied ${applied.join(', ')}`,
    );
  } finally {
    await orm.close(true);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof EnvValidationError ? error.message : error);
  process.exitCode = 1;
});

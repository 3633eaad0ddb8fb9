import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Options } from '@mikro-orm/core';
import { LibSqlDriver } from '@mikro-orm/libsql';
import { Migrator } from '@mikro-orm/migrations';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { databaseDialect, type DatabaseDialect, type Env } from '../config/env.js';
import { backendDir, runningFromSource } from '../config/paths.js';
import { entities } from './entities.js';

type MigrationsOptions = NonNullable<Options['migrations']>;

/** Migration files differ per dialect (the SQL does), so each has its own committed folder. */
export function migrationsOptions(dialect: DatabaseDialect): MigrationsOptions {
  return {
    path: `dist/database/migrations/${dialect}`,
    pathTs: `src/database/migrations/${dialect}`,
    glob: '!(*.d).{js,ts}',
    emit: 'ts',
    // The generator diffs a scratch database that has every migration applied, not a snapshot
    // file: a stale snapshot silently produced empty migrations, and `up()` would rewrite the
    // committed file at run time. The name is still fixed in case snapshots are turned on.
    snapshot: false,
    snapshotName: '.snapshot',
    // The migration runner logs what it applied through the service logger.
    silent: true,
    transactional: true,
    allOrNothing: true,
  };
}

/**
 * MikroORM configuration for the service: PostgreSQL when DATABASE_URL is set, otherwise the
 * embedded SQLite file (its directory is created). The schema only changes through migrations.
 */
export function ormOptions(env: Env): Options {
  const dialect = databaseDialect(env);
  const common = {
    entities,
    extensions: [Migrator],
    baseDir: backendDir,
    // Under Jest the migrations are the TypeScript sources, compiled on import by Jest itself.
    preferTs: runningFromSource,
    // An `import()` written here is native in the ESM build and Jest's `require` under Jest,
    // where MikroORM's own native import() cannot load modules.
    dynamicImportProvider: (id: string): Promise<unknown> => import(id),
    migrations: migrationsOptions(dialect),
    discovery: { warnWhenNoEntities: false },
    debug: false,
  } satisfies Options;
  if (dialect === 'postgresql') {
    return { ...common, driver: PostgreSqlDriver, clientUrl: env.DATABASE_URL };
  }
  mkdirSync(dirname(env.SQLITE_PATH), { recursive: true });
  return { ...common, driver: LibSqlDriver, dbName: env.SQLITE_PATH };
}

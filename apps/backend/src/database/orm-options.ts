import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
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
    return {
      ...common,
      driver: PostgreSqlDriver,
      clientUrl: env.DATABASE_URL,
      // Each instance names its connections, so pg_stat_activity tells which instance holds a
      // lock or runs a slow query (and a test can see a killed instance's connections end).
      driverOptions: { connection: { application_name: postgresApplicationName() } },
    };
  }
  mkdirSync(dirname(env.SQLITE_PATH), { recursive: true });
  return {
    ...common,
    driver: LibSqlDriver,
    dbName: env.SQLITE_PATH,
    // SQLite serves one instance through one connection. Set its pragmas on every connection the
    // pool creates, not once after boot: foreign keys carry uninstall's cascade, and WAL with
    // synchronous=NORMAL keeps each commit from waiting for the disk (the ingest hot path).
    pool: { min: 1, max: 1, afterCreate: applySqlitePragmas },
  };
}

/** `switchboard@<host>:<pid>` for the instance of that pid, within PostgreSQL's 63 characters. */
export function postgresApplicationName(pid: number = process.pid): string {
  return `switchboard@${hostname().slice(0, 40)}:${pid}`;
}

interface SqliteConnection {
  exec(sql: string): unknown;
}

function applySqlitePragmas(
  connection: SqliteConnection,
  done: (error: Error | null, connection: SqliteConnection) => void,
): void {
  try {
    connection.exec(
      'pragma foreign_keys = on; pragma journal_mode = wal; pragma synchronous = normal; pragma busy_timeout = 5000;',
    );
    done(null, connection);
  } catch (error) {
    done(error instanceof Error ? error : new Error(String(error)), connection);
  }
}

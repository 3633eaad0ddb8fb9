// `pnpm db:migration:create <name>`: writes one migration per dialect for the current entities.
//
// For each dialect it creates a scratch database (a temp SQLite file; a throwaway database on the
// TEST_PG_URL server), applies the committed migrations, and diffs the entities against that
// schema. Both files share one name, so a change always lands for SQLite and PostgreSQL at once.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/core';
import type { Migrator } from '@mikro-orm/migrations';
import pg from 'pg';
import {
  type DatabaseDialect,
  EnvValidationError,
  loadEnv,
  loadScratchEnv,
} from '../config/env.js';
import { migrationGeneratorFor } from '../database/migration-generator.js';
import { ormOptions } from '../database/orm-options.js';

interface Scratch {
  env: Record<string, string>;
  drop(): Promise<void>;
}

function scratchSqlite(): Scratch {
  const dir = mkdtempSync(join(tmpdir(), 'sb-migrations-'));
  return {
    env: { SQLITE_PATH: join(dir, 'scratch.sqlite') },
    drop: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
  };
}

async function scratchPostgres(serverUrl: string): Promise<Scratch> {
  const name = `sb_migrations_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL did not answer at ${serverUrl} (${String(error)}). Start it ` +
        '(pg_ctlcluster --skip-systemctl-redirect 15 main start) or point TEST_PG_URL at a server.',
      { cause: error },
    );
  }
  try {
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString() },
    drop: async () => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await client.query(`drop database if exists "${name}" with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}

async function generate(
  dialect: DatabaseDialect,
  scratch: Scratch,
  className: string,
): Promise<string | null> {
  const env = loadEnv({ ...scratch.env, LOG_LEVEL: 'warn' });
  const options = ormOptions(env);
  options.migrations = {
    ...options.migrations,
    generator: migrationGeneratorFor(className),
    fileName: () => className,
  };
  const orm = await MikroORM.init(options);
  try {
    const migrator = orm.getMigrator<Migrator>();
    await migrator.up();
    const result = await migrator.createMigration(undefined, false, false, undefined);
    if (result.fileName === '') {
      console.info(`${dialect}: the schema already matches the entities, nothing written`);
      return null;
    }
    console.info(`${dialect}: wrote src/database/migrations/${dialect}/${result.fileName}`);
    return result.fileName;
  } finally {
    await orm.close(true);
  }
}

async function main(): Promise<void> {
  const name = process.argv[2];
  if (name === undefined || !/^[a-z][a-z0-9_]*$/.test(name)) {
    throw new Error('Usage: pnpm db:migration:create <name>   (snake_case, e.g. add_tenants)');
  }
  const { TEST_PG_URL } = loadScratchEnv();
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const className = `Migration${stamp}_${name}`;

  const written: (string | null)[] = [];
  const sqlite = scratchSqlite();
  try {
    written.push(await generate('sqlite', sqlite, className));
  } finally {
    await sqlite.drop();
  }
  const postgres = await scratchPostgres(TEST_PG_URL);
  try {
    written.push(await generate('postgresql', postgres, className));
  } finally {
    await postgres.drop();
  }
  if ((written[0] === null) !== (written[1] === null)) {
    console.warn(
      'Only one dialect produced a migration: the committed migrations of the two dialects have ' +
        'drifted apart. Check both folders before committing.',
    );
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(
    error instanceof EnvValidationError
      ? error.message
      : error instanceof Error
        ? error.message
        : error,
  );
  process.exitCode = 1;
});

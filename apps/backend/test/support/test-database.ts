import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadScratchEnv } from '../../src/config/env.js';

export type TestDatabaseKind = 'sqlite' | 'postgres';

/** The database of the running Jest project (`e2e:sqlite`, `e2e:postgres`). */
export function testDatabaseKind(): TestDatabaseKind {
  // Set per Jest project in jest.config.js (`globals`).
  const kind = (globalThis as { testDatabase?: unknown }).testDatabase;
  if (kind === 'sqlite' || kind === 'postgres') return kind;
  throw new Error(
    `No test database for this Jest project (globals.testDatabase = ${String(kind)})`,
  );
}

export interface TestDatabase {
  kind: TestDatabaseKind;
  /** Variables that point the service at this database. */
  env: Record<string, string>;
  drop(): Promise<void>;
}

function sqliteDatabase(): TestDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'sb-test-'));
  return {
    kind: 'sqlite',
    env: { SQLITE_PATH: join(dir, 'test.sqlite') },
    drop: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
  };
}

async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL did not answer at ${serverUrl}: ${String(error)}\n` +
        'The e2e:postgres tests need a server there (trust auth, user postgres). Start it with\n' +
        '  pg_ctlcluster --skip-systemctl-redirect 15 main start\n' +
        'or point TEST_PG_URL at another server, or run TEST_DATABASES=sqlite to test SQLite only.',
      { cause: error },
    );
  }
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function postgresDatabase(): Promise<TestDatabase> {
  const { TEST_PG_URL } = loadScratchEnv(process.env);
  const name = `sb_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(TEST_PG_URL, `create database "${name}"`);
  const url = new URL(TEST_PG_URL);
  url.pathname = `/${name}`;
  return {
    kind: 'postgres',
    env: { DATABASE_URL: url.toString() },
    drop: () => adminQuery(TEST_PG_URL, `drop database if exists "${name}" with (force)`),
  };
}

/** A fresh, empty database of the project's kind, for one test file. */
export async function createTestDatabase(
  kind: TestDatabaseKind = testDatabaseKind(),
): Promise<TestDatabase> {
  return kind === 'sqlite' ? sqliteDatabase() : postgresDatabase();
}

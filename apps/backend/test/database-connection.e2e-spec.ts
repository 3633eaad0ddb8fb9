import { MikroORM } from '@mikro-orm/core';
import { testDatabaseKind } from './support/test-database.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('the database connection the app runs on', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  const query = (sql: string) =>
    t.app.get(MikroORM).em.fork().getConnection().execute<Record<string, unknown>[]>(sql);

  it('is set up for its dialect: SQLite with foreign keys and WAL, PostgreSQL in UTF-8', async () => {
    if (testDatabaseKind() === 'sqlite') {
      // Foreign keys carry uninstall's cascade; WAL + synchronous=NORMAL keep commits off the disk.
      expect(await query('pragma foreign_keys')).toEqual([{ foreign_keys: 1 }]);
      expect(await query('pragma journal_mode')).toEqual([{ journal_mode: 'wal' }]);
      expect(await query('pragma synchronous')).toEqual([{ synchronous: 1 }]);
    } else {
      expect(await query('show server_encoding')).toEqual([{ server_encoding: 'UTF8' }]);
    }
  });
});

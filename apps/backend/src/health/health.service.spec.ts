import type { MikroORM } from '@mikro-orm/core';
import { loadEnv } from '../config/env.js';
import { HealthService, READINESS_DATABASE_TIMEOUT_MS } from './health.service.js';

function fakeOrm(options: {
  execute: () => Promise<unknown>;
  pending?: () => Promise<unknown[]>;
}): { orm: MikroORM; calls: { execute: number; pending: number } } {
  const calls = { execute: 0, pending: 0 };
  const orm = {
    em: {
      getConnection: () => ({
        execute: () => {
          calls.execute += 1;
          return options.execute();
        },
      }),
      fork: () => ({ findOne: () => Promise.resolve({ value: 'Migration20260101000000_x' }) }),
    },
    getMigrator: () => ({
      getPendingMigrations: () => {
        calls.pending += 1;
        return (options.pending ?? (() => Promise.resolve([])))();
      },
    }),
  } as unknown as MikroORM;
  return { orm, calls };
}

const env = loadEnv({});

describe('HealthService.readiness', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('is unavailable, with the database down, when the database does not answer in time', async () => {
    jest.useFakeTimers();
    const { orm } = fakeOrm({ execute: () => new Promise(() => undefined) });
    const readiness = new HealthService(orm, env).readiness();
    await jest.advanceTimersByTimeAsync(READINESS_DATABASE_TIMEOUT_MS);
    await expect(readiness).resolves.toEqual({
      status: 'unavailable',
      database: { driver: 'sqlite', up: false, pendingMigrations: null, schemaVersion: null },
    });
  });

  it('is unavailable when the query fails', async () => {
    const { orm } = fakeOrm({ execute: () => Promise.reject(new Error('connection refused')) });
    expect((await new HealthService(orm, env).readiness()).status).toBe('unavailable');
  });

  it('reports pending migrations, and stops asking once none are left', async () => {
    let pending = ['Migration2'];
    const { orm, calls } = fakeOrm({
      execute: () => Promise.resolve([]),
      pending: () => Promise.resolve(pending),
    });
    const health = new HealthService(orm, env);
    expect(await health.readiness()).toMatchObject({
      status: 'unavailable',
      database: { up: true, pendingMigrations: 1 },
    });
    pending = [];
    for (let i = 0; i < 3; i += 1) {
      expect(await health.readiness()).toEqual({
        status: 'ok',
        database: {
          driver: 'sqlite',
          up: true,
          pendingMigrations: 0,
          schemaVersion: 'Migration20260101000000_x',
        },
      });
    }
    expect(calls).toEqual({ execute: 4, pending: 2 });
  });
});

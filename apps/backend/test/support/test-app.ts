import type { AddressInfo } from 'node:net';
import { ModulesContainer } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import pg from 'pg';
import type { DestinationStream } from 'pino';
import { startApp } from '../../src/bootstrap.js';
import { type Env, loadEnv } from '../../src/config/env.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

/** The platform secret test apps trust for /install and /uninstall (see tenants.ts). */
export const TEST_PLATFORM_SECRET = `whsec_${Buffer.from('switchboard-test-platform-secret!').toString('base64')}`;
/** One fixed test key; key rotation tests pass their own ENCRYPTION_KEYS. */
export const TEST_ENCRYPTION_KEYS = `test1:${Buffer.alloc(32, 7).toString('base64')}`;

export interface TestApp {
  app: NestFastifyApplication;
  env: Env;
  database: TestDatabase;
  /** e.g. http://127.0.0.1:41234 */
  baseUrl: string;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Extra environment variables, as strings, exactly as the process would receive them. */
  env?: Record<string, string>;
  logDestination?: DestinationStream;
  /** Boot on this database instead of a fresh one; it is then left for the caller to drop. */
  database?: TestDatabase;
}

/**
 * Boots the service the way production does (`startApp`: migrations, then listen) on a fresh
 * database of the project's kind, on a free port. One per test file: call in beforeAll.
 */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const ownsDatabase = options.database === undefined;
  const database = options.database ?? (await createTestDatabase());
  const dropOwned = async (): Promise<void> => {
    if (ownsDatabase) await database.drop();
  };
  try {
    const env = loadEnv({
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      PLATFORM_SECRETS: TEST_PLATFORM_SECRET,
      ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
      ...database.env,
      ...options.env,
    });
    const app = await startApp(
      env,
      options.logDestination === undefined ? {} : { logDestination: options.logDestination },
    );
    const { port } = app.getHttpServer().address() as AddressInfo;
    return {
      app,
      env,
      database,
      baseUrl: `http://127.0.0.1:${port}`,
      close: async () => {
        try {
          await closeWatched(app, database);
        } finally {
          await dropOwned();
        }
      },
    };
  } catch (error) {
    await dropOwned();
    throw error;
  }
}

/** How long a test app may take to shut down before the test output says what it waits for. */
const SLOW_CLOSE_MS = 20_000;

/**
 * `app.close()`, unchanged, but a shutdown slower than SLOW_CLOSE_MS prints what the database's
 * connections are doing (a transaction waiting on a lock, a statement still running) and what the
 * process still has open, so a hang seen once on a loaded CI machine can be told apart.
 */
export async function closeWatched(
  app: NestFastifyApplication,
  database: TestDatabase,
): Promise<void> {
  const hooks = traceShutdownHooks(app);
  const watchdog = setTimeout(() => {
    const pending = [...hooks].filter(([, state]) => state === 'running').map(([name]) => name);
    void describeSlowClose(database).then((report) =>
      console.error(
        `app.close() still running after ${SLOW_CLOSE_MS} ms; hooks not finished: ` +
          `${pending.join(', ') || 'none'}\n${report}`,
      ),
    );
  }, SLOW_CLOSE_MS);
  try {
    await app.close();
  } finally {
    clearTimeout(watchdog);
  }
}

const SHUTDOWN_HOOKS = ['onModuleDestroy', 'beforeApplicationShutdown', 'onApplicationShutdown'];

/** Wraps every provider's shutdown hooks (and the HTTP server's close) to see which one waits. */
function traceShutdownHooks(app: NestFastifyApplication): Map<string, 'running' | 'done'> {
  const states = new Map<string, 'running' | 'done'>();
  const trace = (target: Record<string, unknown>, method: string, name: string): void => {
    const original = target[method];
    if (typeof original !== 'function') return;
    target[method] = async (...args: unknown[]): Promise<unknown> => {
      states.set(name, 'running');
      try {
        return await (original as (...a: unknown[]) => unknown).apply(target, args);
      } finally {
        states.set(name, 'done');
      }
    };
  };
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of [...module.providers.values(), ...module.controllers.values()]) {
      const instance: unknown = wrapper.instance;
      if (typeof instance !== 'object' || instance === null) continue;
      for (const hook of SHUTDOWN_HOOKS) {
        trace(instance as Record<string, unknown>, hook, `${instance.constructor.name}.${hook}`);
      }
    }
  }
  trace(app.getHttpAdapter() as unknown as Record<string, unknown>, 'close', 'HTTP server close');
  return states;
}

async function describeSlowClose(database: TestDatabase): Promise<string> {
  const resources = `active resources: ${process.getActiveResourcesInfo().join(', ')}`;
  if (database.kind !== 'postgres' || database.env['DATABASE_URL'] === undefined) return resources;
  const client = new pg.Client({
    connectionString: database.env['DATABASE_URL'],
    connectionTimeoutMillis: 3000,
  });
  try {
    await client.connect();
    const { rows } = await client.query(
      `select pid, application_name, state, wait_event_type, wait_event,
              now() - xact_start as in_transaction_for, left(query, 200) as query
         from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`,
    );
    return `${resources}\npg_stat_activity:\n${JSON.stringify(rows, null, 1)}`;
  } catch (error) {
    return `${resources}\n(pg_stat_activity not read: ${String(error)})`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

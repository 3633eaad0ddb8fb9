import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
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
          await app.close();
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

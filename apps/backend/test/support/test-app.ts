import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DestinationStream } from 'pino';
import { startApp } from '../../src/bootstrap.js';
import { type Env, loadEnv } from '../../src/config/env.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

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
}

/**
 * Boots the service the way production does (`startApp`: migrations, then listen) on a fresh
 * database of the project's kind, on a free port. One per test file: call in beforeAll.
 */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  try {
    const env = loadEnv({
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
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
          await database.drop();
        }
      },
    };
  } catch (error) {
    await database.drop();
    throw error;
  }
}

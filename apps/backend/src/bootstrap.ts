import helmet from '@fastify/helmet';
import { MikroORM } from '@mikro-orm/core';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger as PinoLogger } from 'nestjs-pino';
import { AppModule, type AppModuleOptions } from './app.module.js';
import { requestId } from './common/logging/logger-options.js';
import type { Env } from './config/env.js';
import { runPendingMigrations } from './database/migration-runner.js';

export type CreateAppOptions = AppModuleOptions;

/** Builds the application, not yet listening. main.ts and the tests both start from here. */
export async function createApp(
  env: Env,
  options: CreateAppOptions = {},
): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(env, options),
    new FastifyAdapter({ bodyLimit: env.BODY_LIMIT_BYTES, genReqId: requestId }),
    // Errors reach the caller instead of ending the process, so boot failures can be reported.
    { bufferLogs: true, abortOnError: false },
  );
  app.useLogger(app.get(PinoLogger));
  await app.register(helmet);
  app.enableShutdownHooks();
  return app;
}

/**
 * Creates the app, applies pending migrations (unless MIGRATE_ON_START=false) before anything
 * else touches the database, then listens on HOST:PORT.
 */
export async function startApp(
  env: Env,
  options: CreateAppOptions = {},
): Promise<NestFastifyApplication> {
  const app = await createApp(env, options);
  try {
    if (env.MIGRATE_ON_START) {
      const { applied, schemaVersion } = await runPendingMigrations(app.get(MikroORM));
      new Logger('Migrations').log(
        { applied, schemaVersion },
        `Applied ${applied.length} migration(s)`,
      );
    }
    await app.listen({ port: env.PORT, host: env.HOST });
    return app;
  } catch (error) {
    await app.close();
    throw error;
  }
}

import { MikroORM } from '@mikro-orm/core';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger as PinoLogger } from 'nestjs-pino';
import { setupAdminPanel } from './admin-panel/admin-panel.js';
import { AppModule, type AppModuleOptions } from './app.module.js';
import { leanRequestLogger, logLeanRequests } from './common/logging/lean-request-log.js';
import { LOG_DESTINATION } from './common/logging/log-flush.service.js';
import { requestId } from './common/logging/logger-options.js';
import { trackRequestTenants } from './common/logging/request-tenant.js';
import { trackRoutes } from './common/rest/route-registry.js';
import { securityHeaders } from './common/rest/security-headers.js';
import { type Env, requireServiceEnv } from './config/env.js';
import { runPendingMigrations } from './database/migration-runner.js';
import { closeConnectionsAtShutdown } from './common/http/shutdown-drain.js';
import { instrumentHttp } from './metrics/http-metrics.js';
import { MetricsService } from './metrics/metrics.service.js';
import { setupOpenApi } from './openapi/openapi.js';

export type CreateAppOptions = AppModuleOptions;

/** Builds the application, not yet listening. main.ts and the tests both start from here. */
export async function createApp(
  env: Env,
  options: CreateAppOptions = {},
): Promise<NestFastifyApplication> {
  requireServiceEnv(env);
  const adapter = new FastifyAdapter({ bodyLimit: env.BODY_LIMIT_BYTES, genReqId: requestId });
  trackRoutes(adapter.getInstance());
  trackRequestTenants(adapter.getInstance());
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(env, options),
    adapter,
    // Errors reach the caller instead of ending the process, so boot failures can be reported.
    // rawBody: signed requests (install, webhooks) are verified over the exact bytes received.
    { bufferLogs: true, abortOnError: false, rawBody: true },
  );
  app.useLogger(app.get(PinoLogger));
  instrumentHttp(adapter.getInstance(), app.get(MetricsService));
  closeConnectionsAtShutdown(adapter.getInstance(), env.HTTP_SHUTDOWN_GRACE_MS);
  logLeanRequests(adapter.getInstance(), leanRequestLogger(env, app.get(LOG_DESTINATION)));
  securityHeaders(adapter.getInstance(), {
    contentSecurityPolicy: {
      directives: { frameAncestors: ["'self'", ...env.PANEL_FRAME_ANCESTORS] },
    },
    // The host embeds the panel in an iframe; X-Frame-Options cannot name other origins, so
    // frame-ancestors alone decides once any are configured.
    frameguard: env.PANEL_FRAME_ANCESTORS.length === 0 ? { action: 'sameorigin' } : false,
  });
  setupOpenApi(app);
  setupAdminPanel(app, env);
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

import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { registerTokenRoutes } from './auth/token.routes.js';
import { registerErrorHandler } from './common/error-handler.js';
import { SeededRandom } from './common/random.js';
import type { SandboxEnv } from './config/env.js';
import { registerConsoleRoutes } from './console/console.routes.js';
import { registerControlRoutes } from './control/control.routes.js';
import { autoInstall } from './extension/auto-install.js';
import { registerFaultInjector } from './faults/fault-injector.js';
import { registerHealthRoutes } from './health/health.routes.js';
import { HookCaller } from './hooks/hook-caller.js';
import type { SandboxContext } from './sandbox-context.js';
import { ScenarioRunner } from './scenario/scenario-runner.js';
import { seedDemoTenant } from './state/demo-seed.js';
import { StateStore } from './state/state-store.js';
import { registerApiV1 } from './v1/v1-api.routes.js';
import { WebhookDispatcher } from './webhooks/webhook-dispatcher.js';

function parseForm(text: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(text));
}

/**
 * Builds the emulated host; main.ts and the tests boot the same server. State loads from
 * SANDBOX_DATA_DIR at once (seeded with the demo tenant when empty and SANDBOX_SEED is on) and is
 * flushed when the server closes.
 */
export function createSandboxServer(env: SandboxEnv): FastifyInstance {
  const app = Fastify({
    logger: { level: env.LOG_LEVEL },
    routerOptions: { caseSensitive: false, ignoreTrailingSlash: true },
    forceCloseConnections: true,
  });
  const lifetime = new AbortController();
  const store = new StateStore(env.SANDBOX_DATA_DIR, env.SANDBOX_PERSIST_DEBOUNCE_MS, {
    v1Only: env.SANDBOX_V1_ONLY,
    hookBudgetMs: env.SANDBOX_HOOK_BUDGET_MS,
    webhookRetryDelayMs: env.SANDBOX_WEBHOOK_RETRY_DELAY_MS,
  });
  if (env.SANDBOX_SEED && store.state.tenants.length === 0) seedDemoTenant(store);

  const ctx: SandboxContext = {
    env,
    store,
    log: app.log,
    dispatcher: new WebhookDispatcher(
      store,
      app.log,
      env.SANDBOX_WEBHOOK_TIMEOUT_MS,
      lifetime.signal,
      new SeededRandom(env.SANDBOX_DEMO_SEED + 1),
    ),
    hooks: new HookCaller(store),
    lifetime: lifetime.signal,
    publicApiUrl: () => {
      if (env.SANDBOX_PUBLIC_URL) return env.SANDBOX_PUBLIC_URL.replace(/\/+$/, '');
      const address = app.server.address() as AddressInfo | null;
      const host =
        address && address.family === 'IPv6'
          ? `[${address.address}]`
          : (address?.address ?? env.SANDBOX_HOST);
      return `http://${host}:${address?.port ?? env.SANDBOX_PORT}/api/v1`;
    },
  };
  const runner = new ScenarioRunner(ctx, app.log, env.SANDBOX_DEMO_SEED);

  app.decorateRequest('tenantId', 0);
  app.decorateRequest('rawBody', null);
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    request.rawBody = text;
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text) as unknown);
    } catch {
      const error = Object.assign(new Error('Body is not valid JSON'), {
        statusCode: 400,
        code: 'invalid_json',
      });
      done(error, undefined);
    }
  });
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_request, body, done) => {
      done(null, parseForm(typeof body === 'string' ? body : body.toString('utf8')));
    },
  );

  registerErrorHandler(app);
  registerFaultInjector(app, ctx, new SeededRandom(env.SANDBOX_DEMO_SEED));
  registerHealthRoutes(app);
  registerTokenRoutes(app, ctx);
  registerApiV1(app, ctx);
  registerControlRoutes(app, ctx, runner);
  registerConsoleRoutes(app, ctx);

  app.addHook('onReady', (done) => {
    if (env.SANDBOX_DEMO_TRAFFIC) runner.start(env.SANDBOX_DEMO_RATE, null);
    done();
  });
  app.addHook('onListen', (done) => {
    const { SANDBOX_SWITCHBOARD_URL: url, SANDBOX_PLATFORM_SECRET: secret } = env;
    if (url && secret) {
      void autoInstall(ctx, url, secret).catch((error: unknown) =>
        app.log.error({ err: error }, 'auto-install failed'),
      );
    }
    done();
  });
  app.addHook('preClose', async () => {
    lifetime.abort();
    ctx.dispatcher.close();
    await runner.close();
  });
  app.addHook('onClose', (_instance, done) => {
    store.flush();
    done();
  });
  return app;
}

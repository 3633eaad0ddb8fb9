import type { FastifyInstance } from 'fastify';
import { requireBearer } from '../auth/bearer-auth.js';
import { registerExtensionRoutes } from '../extension/extension.routes.js';
import type { SandboxContext } from '../sandbox-context.js';
import { registerContactRoutes } from './contacts.routes.js';
import { registerEmailThreadRoutes } from './email-threads.routes.js';
import { registerGroupRoutes } from './groups.routes.js';
import { registerSessionRoutes } from './sessions.routes.js';
import { registerUserRoutes } from './users.routes.js';
import { registerWebhookRoutes } from './webhooks.routes.js';
import { registerWidgetRoutes } from './widgets.routes.js';

/** Everything under /api/v1: bearer-only v1 resources plus the extension (its own auth inside). */
export function registerApiV1(app: FastifyInstance, ctx: SandboxContext): void {
  void app.register(
    (api, _opts, done) => {
      registerExtensionRoutes(api, ctx);
      void api.register((v1, _o, inner) => {
        requireBearer(v1, ctx);
        registerSessionRoutes(v1, ctx);
        registerUserRoutes(v1, ctx);
        registerGroupRoutes(v1, ctx);
        registerEmailThreadRoutes(v1, ctx);
        registerContactRoutes(v1, ctx);
        registerWebhookRoutes(v1, ctx);
        registerWidgetRoutes(v1, ctx);
        inner();
      });
      done();
    },
    { prefix: '/api/v1' },
  );
}

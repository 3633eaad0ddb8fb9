import type { FastifyInstance } from 'fastify';
import type { SandboxContext } from '../sandbox-context.js';
import type { ScenarioRunner } from '../scenario/scenario-runner.js';
import { registerAnonymizationControlRoutes } from './anonymization.routes.js';
import { registerClientActionRoutes } from './client-actions.routes.js';
import { requireControlToken } from './control-auth.js';
import { registerFaultControlRoutes } from './fault.routes.js';
import { registerOperatorActionRoutes } from './operator-actions.routes.js';
import { registerScenarioControlRoutes } from './scenario.routes.js';
import { registerStateControlRoutes } from './state.routes.js';
import { registerTenantControlRoutes } from './tenant.routes.js';

/** /control: what tests and the demo use to drive and observe the host. Never part of a real host. */
export function registerControlRoutes(
  app: FastifyInstance,
  ctx: SandboxContext,
  runner: ScenarioRunner,
): void {
  void app.register(
    (control, _opts, done) => {
      requireControlToken(control, ctx.env.SANDBOX_CONTROL_TOKEN);
      registerStateControlRoutes(control, ctx);
      registerTenantControlRoutes(control, ctx);
      registerClientActionRoutes(control, ctx);
      registerOperatorActionRoutes(control, ctx);
      registerFaultControlRoutes(control, ctx);
      registerScenarioControlRoutes(control, runner);
      registerAnonymizationControlRoutes(control, ctx);
      done();
    },
    { prefix: '/control' },
  );
}

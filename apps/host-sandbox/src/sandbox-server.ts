import Fastify, { type FastifyInstance } from 'fastify';
import type { SandboxEnv } from './config/env.js';
import { registerHealthRoutes } from './health/health.routes.js';

/** Builds the emulated host; main.ts and the tests boot the same server. */
export function createSandboxServer(env: Pick<SandboxEnv, 'LOG_LEVEL'>): FastifyInstance {
  const app = Fastify({ logger: { level: env.LOG_LEVEL } });
  registerHealthRoutes(app);
  return app;
}

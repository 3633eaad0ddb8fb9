import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { parseWith } from '../common/parse-body.js';
import type { ScenarioRunner } from '../scenario/scenario-runner.js';

/** Demo traffic: run a number of steps now (deterministic per seed) or keep it flowing at a rate. */
export function registerScenarioControlRoutes(app: FastifyInstance, runner: ScenarioRunner): void {
  app.get('/scenario', () => ({ running: runner.active, recent: runner.log.slice(-50) }));

  app.post('/scenario/run', async (request) => {
    const body = parseWith(
      z.object({
        steps: z.number().int().min(1).max(10_000),
        seed: z.number().int().optional(),
        tenantId: z.number().int().nullish(),
      }),
      request.body,
    );
    if (body.seed !== undefined) runner.reseed(body.seed);
    return { steps: await runner.run(body.steps, body.tenantId ?? null) };
  });

  app.post('/scenario/start', (request) => {
    const body = parseWith(
      z.object({
        stepsPerSecond: z.number().positive().max(1000).default(1),
        seed: z.number().int().optional(),
        tenantId: z.number().int().nullish(),
      }),
      request.body,
    );
    if (body.seed !== undefined) runner.reseed(body.seed);
    runner.start(body.stepsPerSecond, body.tenantId ?? null);
    return { running: true };
  });

  app.post('/scenario/stop', () => {
    runner.stop();
    return { running: false };
  });
}

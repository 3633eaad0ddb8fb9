import type { FastifyInstance } from 'fastify';
import { loadEnv } from '../src/config/env.js';
import { createSandboxServer } from '../src/sandbox-server.js';

describe('host sandbox server', () => {
  let app: FastifyInstance;
  let baseUrl: string;

  beforeAll(async () => {
    app = createSandboxServer({ LOG_LEVEL: 'silent' });
    baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  });

  afterAll(async () => {
    await app.close();
  });

  it('answers its health endpoint over HTTP', async () => {
    const response = await fetch(`${baseUrl}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', service: 'host-sandbox' });
  });

  it('refuses a bad port in its environment, naming the variable', () => {
    expect(() => loadEnv({ SANDBOX_PORT: 'eighty' })).toThrow(/SANDBOX_PORT/);
    expect(loadEnv({}).SANDBOX_PORT).toBe(4000);
  });
});

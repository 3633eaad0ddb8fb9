import { loadEnv } from './config/env.js';
import { createSandboxServer } from './sandbox-server.js';

const env = loadEnv();
const app = createSandboxServer(env);
const shutdown = (): void => {
  void app.close().then(() => process.exit(0));
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
const address = await app.listen({ port: env.SANDBOX_PORT, host: env.SANDBOX_HOST });
app.log.info(
  {
    api: `${address}/api/v1`,
    control: `${address}/control`,
    demoTraffic: env.SANDBOX_DEMO_TRAFFIC,
    v1Only: env.SANDBOX_V1_ONLY,
  },
  'host sandbox ready (demo API client: demo-client / demo-secret)',
);

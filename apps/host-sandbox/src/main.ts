import { loadEnv } from './config/env.js';
import { createSandboxServer } from './sandbox-server.js';

const env = loadEnv();
const app = createSandboxServer(env);
const shutdown = (): void => {
  void app.close().then(() => process.exit(0));
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
await app.listen({ port: env.SANDBOX_PORT, host: env.SANDBOX_HOST });

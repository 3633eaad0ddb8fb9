import { Logger } from '@nestjs/common';
import { startApp } from './bootstrap.js';
import { EnvValidationError, loadEnv } from './config/env.js';

async function main(): Promise<void> {
  const env = loadEnv();
  const app = await startApp(env);
  new Logger('Main').log(`Switchboard backend listening on ${await app.getUrl()}`);
}

main().catch((error: unknown) => {
  // Before the logger exists (bad env, database down at boot) the console is all there is.
  console.error(error instanceof EnvValidationError ? error.message : error);
  process.exitCode = 1;
});

import { EnvValidationError, loadEnv, requireServiceEnv } from './config/env.js';

async function main(): Promise<void> {
  // Validated before the application code is even loaded: a bad variable fails in a moment.
  const env = requireServiceEnv(loadEnv());
  const [{ Logger }, { startApp }, { bufferedStdout, exitOnFatalErrors }] = await Promise.all([
    import('@nestjs/common'),
    import('./bootstrap.js'),
    import('./common/logging/log-destination.js'),
  ]);
  // Buffered: flushed every second, at shutdown (app close, SIGTERM) and before a fatal exit.
  const logDestination = bufferedStdout();
  exitOnFatalErrors(logDestination);
  const app = await startApp(env, { logDestination });
  new Logger('Main').log(`Switchboard backend listening on ${await app.getUrl()}`);
}

main().catch((error: unknown) => {
  // Before the logger exists (bad env, database down at boot) the console is all there is.
  console.error(error instanceof EnvValidationError ? error.message : error);
  process.exitCode = 1;
});

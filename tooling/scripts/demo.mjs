// The README's start command: install, build, migrate, then run the host sandbox and the backend
// (which serves the admin panel) until Ctrl+C.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { childEnv, installDependencies, repoRoot, run, step } from './bootstrap.mjs';

const backendPort = process.env.PORT ?? '3000';
const sandboxPort = process.env.SANDBOX_PORT ?? '4000';

function start(name, entry, env) {
  const child = spawn(process.execPath, [entry], {
    cwd: join(repoRoot, name),
    stdio: ['ignore', 'inherit', 'inherit'],
    env: childEnv(env),
  });
  child.on('exit', (code, signal) => {
    console.error(`${name} stopped (${signal ?? code}); stopping the demo.`);
    process.exit(code ?? 1);
  });
  return child;
}

async function waitFor(url, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not become ready within ${timeoutMs / 1000} s`);
}

async function main() {
  await installDependencies();
  step('Building (turbo; a second start reuses the cache)');
  await run('turbo', ['run', 'build', '--output-logs=errors-only']);
  step('Migrating the database');
  await run('pnpm', ['--filter', '@switchboard/backend', 'run', 'db:migrate']);
  step('Starting the host sandbox and the backend');
  const children = [
    start('apps/host-sandbox', 'dist/main.js', { SANDBOX_PORT: sandboxPort }),
    start('apps/backend', 'dist/main.js', { PORT: backendPort, MIGRATE_ON_START: 'false' }),
  ];
  const stop = () => {
    for (const child of children) child.kill('SIGTERM');
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await waitFor(`http://127.0.0.1:${sandboxPort}/health`);
  await waitFor(`http://127.0.0.1:${backendPort}/health/ready`);
  step('Switchboard is running');
  console.log(`  Backend health: http://127.0.0.1:${backendPort}/health/ready`);
  console.log(`  Host sandbox:   http://127.0.0.1:${sandboxPort}/health`);
  console.log('  Stop with Ctrl+C.');
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

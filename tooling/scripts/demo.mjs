// The README's start command: install, build, migrate, then run the host sandbox (with a seeded
// demo tenant and live traffic) and the backend (which serves the admin panel) until Ctrl+C.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { childEnv, installDependencies, repoRoot, run, step } from './bootstrap.mjs';

const backendPort = process.env.PORT ?? '3000';
const sandboxPort = process.env.SANDBOX_PORT ?? '4000';
const backendUrl = `http://127.0.0.1:${backendPort}`;
const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
const demoTenant = '101';
// Request logs would bury the URLs below; LOG_LEVEL=info brings them back.
const logLevel = process.env.LOG_LEVEL ?? 'warn';
const dataDir = join(repoRoot, 'data');

/**
 * The demo's secrets, generated on the first start and kept in data/ (git-ignored), so a restart
 * can still decrypt what the first run stored. A real deployment sets these in its environment.
 */
function demoSecrets() {
  const file = join(dataDir, 'demo-secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
  mkdirSync(dataDir, { recursive: true });
  const secrets = {
    platformSecret: `whsec_${randomBytes(32).toString('base64')}`,
    encryptionKeys: `demo1:${randomBytes(32).toString('base64')}`,
  };
  writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  return secrets;
}

function start(name, dir, env) {
  const child = spawn(process.execPath, ['dist/main.js'], {
    cwd: join(repoRoot, dir),
    stdio: ['ignore', 'inherit', 'inherit'],
    env: childEnv(env),
  });
  child.on('exit', (code, signal) => {
    if (stopping) return;
    console.error(`${name} stopped (${signal ?? code}); stopping the demo.`);
    process.exit(code ?? 1);
  });
  return child;
}

async function waitFor(what, check, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if (await check()) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${what} was not ready within ${timeoutMs / 1000} s`);
}

let stopping = false;

async function main() {
  await installDependencies();
  step('Building (turbo; a second start reuses the cache)');
  await run('turbo', ['run', 'build', '--output-logs=errors-only']);
  step('Migrating the database (SQLite in apps/backend/data unless DATABASE_URL is set)');
  await run('pnpm', ['--filter', '@switchboard/backend', 'run', 'db:migrate']);

  const secrets = demoSecrets();
  step('Starting the backend and the host sandbox');
  const children = [
    start('backend', 'apps/backend', {
      PORT: backendPort,
      LOG_LEVEL: logLevel,
      MIGRATE_ON_START: 'false',
      PUBLIC_URL: backendUrl,
      PLATFORM_SECRETS: secrets.platformSecret,
      ENCRYPTION_KEYS: secrets.encryptionKeys,
      PANEL_FRAME_ANCESTORS: sandboxUrl,
    }),
    start('host sandbox', 'apps/host-sandbox', {
      SANDBOX_PORT: sandboxPort,
      LOG_LEVEL: logLevel,
      SANDBOX_DATA_DIR: join(dataDir, 'sandbox'),
      SANDBOX_SWITCHBOARD_URL: backendUrl,
      SANDBOX_PLATFORM_SECRET: secrets.platformSecret,
      SANDBOX_DEMO_TRAFFIC: 'on',
    }),
  ];
  const stop = () => {
    stopping = true;
    for (const child of children) child.kill('SIGTERM');
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);

  await waitFor('the backend', async () => (await fetch(`${backendUrl}/health/ready`)).ok);
  await waitFor('the host sandbox', async () => (await fetch(`${sandboxUrl}/health`)).ok);
  await waitFor('the demo tenant installation', async () => {
    const response = await fetch(`${sandboxUrl}/control/tenants/${demoTenant}/installation`);
    return response.ok && (await response.json()).active === true;
  });

  step('Switchboard is running');
  console.log(
    `  Open the admin panel as the demo admin:  ${sandboxUrl}/open-panel?tenant=${demoTenant}&role=admin&lang=cs`,
  );
  console.log(
    `  (in English:                             ${sandboxUrl}/open-panel?tenant=${demoTenant}&role=admin&lang=en)`,
  );
  console.log(`  Every tenant and role:                   ${sandboxUrl}/`);
  console.log(`  API docs:                                ${backendUrl}/docs`);
  console.log('  Stop with Ctrl+C.');
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  stopping = true;
  process.exit(1);
});

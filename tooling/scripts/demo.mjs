// The README's start command: install, build, then run the backend (which migrates its database
// and serves the admin panel) and the host sandbox (a seeded demo tenant with live traffic) until
// Ctrl+C, and print where to open the panel.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { childEnv, installDependencies, repoRoot, step } from './bootstrap.mjs';

const started = Date.now();
const backendPort = process.env.PORT ?? '3000';
const sandboxPort = process.env.SANDBOX_PORT ?? '4000';
const backendUrl = `http://127.0.0.1:${backendPort}`;
const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
const demoTenant = '101';
// Request logs would bury the URLs below; LOG_LEVEL=info brings them back.
const logLevel = process.env.LOG_LEVEL ?? 'warn';
const dataDir = join(repoRoot, 'data');
const interactive = process.stdout.isTTY === true;

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

/**
 * The demo's secrets, generated on the first start and kept in data/ (git-ignored), so a restart
 * can still decrypt what the first run stored. A real deployment sets these in its environment.
 * Entries added by later versions are filled in without touching the existing ones.
 */
function demoSecrets() {
  const file = join(dataDir, 'demo-secrets.json');
  const stored = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  const secrets = {
    platformSecret: `whsec_${randomBytes(32).toString('base64')}`,
    encryptionKeys: `demo1:${randomBytes(32).toString('base64')}`,
    metricsToken: randomBytes(24).toString('base64url'),
    ...stored,
  };
  if (Object.keys(secrets).length !== Object.keys(stored).length) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  }
  return secrets;
}

/** The workspace packages with a build script: what `turbo run build` runs. */
function buildablePackages() {
  const names = [];
  for (const group of ['apps', 'packages', 'tooling']) {
    for (const dir of readdirSync(join(repoRoot, group))) {
      const manifest = join(repoRoot, group, dir, 'package.json');
      if (!existsSync(manifest)) continue;
      const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
      if (pkg.scripts?.build !== undefined) names.push(pkg.name);
    }
  }
  return names;
}

/**
 * `turbo run build` with a progress display. Turbo prints each task's output as one block when
 * the task ends (`--log-order=grouped`), led by a `<package>:build: cache hit|miss` line: one
 * such line = one package built. The full output goes to data/build.log; on failure its end is
 * shown. On a terminal one status line is redrawn with the elapsed time; elsewhere (CI, a test)
 * there is one line per package.
 */
function buildWithProgress() {
  const total = buildablePackages().length;
  mkdirSync(dataDir, { recursive: true });
  const logFile = join(dataDir, 'build.log');
  const log = createWriteStream(logFile);
  const done = [];
  const cached = [];
  const buildStarted = Date.now();
  const status = () =>
    `  building ${done.length}/${total} packages · ${seconds(Date.now() - buildStarted)}`;
  const redraw = () => interactive && process.stdout.write(`\r\u001b[2K${status()}`);
  const ticker = interactive ? setInterval(redraw, 250) : undefined;

  return new Promise((resolvePromise, reject) => {
    const child = spawn(
      'turbo',
      ['run', 'build', '--output-logs=full', '--log-order=grouped', '--log-prefix=task'],
      { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], env: childEnv() },
    );
    let pending = '';
    const onData = (chunk) => {
      log.write(chunk);
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const match = /^(@?[\w./-]+):build: cache (hit|miss|bypass)/.exec(line);
        if (match === null) continue;
        done.push(match[1]);
        if (match[2] === 'hit') cached.push(match[1]);
        const how = match[2] === 'hit' ? 'from the cache' : 'built';
        const text = `  ✓ ${match[1]} (${how}) · ${done.length}/${total}`;
        process.stdout.write(interactive ? `\r\u001b[2K${text}\n` : `${text}\n`);
        redraw();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearInterval(ticker);
      if (interactive) process.stdout.write('\r\u001b[2K');
      log.end();
      if (code === 0) {
        const fromCache =
          cached.length === done.length ? 'all from the cache' : `${cached.length} from the cache`;
        console.log(
          `  ${done.length} packages in ${seconds(Date.now() - buildStarted)} (${fromCache})`,
        );
        resolvePromise();
        return;
      }
      const text = readFileSync(logFile, 'utf8').split('\n');
      console.error(text.slice(-60).join('\n'));
      reject(
        new Error(
          `The build failed (${signal ?? `exit ${code}`}); the full output is in ${logFile}`,
        ),
      );
    });
  });
}

let stopping = false;
const children = [];

function start(name, dir, env) {
  const child = spawn(process.execPath, ['dist/main.js'], {
    cwd: join(repoRoot, dir),
    stdio: ['ignore', 'inherit', 'inherit'],
    env: childEnv(env),
  });
  child.on('exit', (code, signal) => {
    if (stopping) return;
    console.error(`${name} stopped (${signal ?? code}); stopping the demo.`);
    stopAll();
    process.exitCode = code ?? 1;
  });
  children.push(child);
  return child;
}

function stopAll() {
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
}

async function waitFor(what, check, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (stopping) throw new Error(`stopped while waiting for ${what}`);
    try {
      if (await check()) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} was not ready within ${timeoutMs / 1000} s`);
}

async function main() {
  process.once('SIGINT', stopAll);
  process.once('SIGTERM', stopAll);

  await installDependencies();
  step('Building (turbo; a second start reuses the cache)');
  await buildWithProgress();

  const secrets = demoSecrets();
  const database = process.env.DATABASE_URL
    ? 'PostgreSQL (DATABASE_URL)'
    : 'SQLite in apps/backend/data';
  step(`Starting the backend: migrates ${database}, then serves the API and the panel`);
  start('backend', 'apps/backend', {
    PORT: backendPort,
    LOG_LEVEL: logLevel,
    MIGRATE_ON_START: 'true',
    PUBLIC_URL: backendUrl,
    PLATFORM_SECRETS: secrets.platformSecret,
    ENCRYPTION_KEYS: secrets.encryptionKeys,
    METRICS_TOKEN: secrets.metricsToken,
    PANEL_FRAME_ANCESTORS: sandboxUrl,
  });
  await waitFor('the backend', async () => (await fetch(`${backendUrl}/health/ready`)).ok);

  // Started once the backend answers, so the sandbox's first install attempt succeeds.
  step('Starting the host sandbox: demo tenant 101, live demo traffic');
  start('host sandbox', 'apps/host-sandbox', {
    SANDBOX_PORT: sandboxPort,
    LOG_LEVEL: logLevel,
    SANDBOX_DATA_DIR: join(dataDir, 'sandbox'),
    SANDBOX_SWITCHBOARD_URL: backendUrl,
    SANDBOX_PLATFORM_SECRET: secrets.platformSecret,
    SANDBOX_DEMO_TRAFFIC: 'on',
  });
  await waitFor('the host sandbox', async () => (await fetch(`${sandboxUrl}/health`)).ok);
  await waitFor('the demo tenant installation', async () => {
    const response = await fetch(`${sandboxUrl}/control/tenants/${demoTenant}/installation`);
    return response.ok && (await response.json()).active === true;
  });

  step(`Switchboard is running (ready in ${seconds(Date.now() - started)})`);
  console.log(
    `  Open the admin panel as the demo admin:  ${sandboxUrl}/open-panel?tenant=${demoTenant}&role=admin&lang=cs`,
  );
  console.log(
    `  (in English:                             ${sandboxUrl}/open-panel?tenant=${demoTenant}&role=admin&lang=en)`,
  );
  console.log(`  Every tenant and role:                   ${sandboxUrl}/`);
  console.log(`  API docs:                                ${backendUrl}/docs`);
  console.log(
    `  Metrics:   curl -H 'Authorization: Bearer ${secrets.metricsToken}' ${backendUrl}/metrics`,
  );
  console.log('  Stop with Ctrl+C.');
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  stopAll();
  process.exitCode = 1;
});

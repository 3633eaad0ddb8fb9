// Shared by the README's two commands: they must work on a machine with only Node 20 and npm.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';

export const repoRoot = resolve(import.meta.dirname, '../..');

const rootManifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
export const pinnedPnpm = rootManifest.packageManager; // e.g. "pnpm@12.4.2"

/** Environment for child processes: the workspace's own bin (turbo, pnpm) first on PATH. */
export function childEnv(extra = {}) {
  return {
    ...process.env,
    TURBO_TELEMETRY_DISABLED: '1',
    PATH: [join(repoRoot, 'node_modules', '.bin'), process.env.PATH ?? ''].join(delimiter),
    ...extra,
  };
}

export function run(command, args, options = {}) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, {
      cwd: repoRoot,
      stdio: 'inherit',
      env: childEnv(options.env),
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) resolvePromise();
      else reject(new Error(`${command} ${args.join(' ')} exited with ${signal ?? code}`));
    });
  });
}

export function step(title) {
  process.stdout.write(`\n\u001b[1m▶ ${title}\u001b[0m\n`);
}

/** Installs exactly the locked dependency tree with the pinned pnpm (fetched by npx if absent). */
export async function installDependencies() {
  step(`Installing dependencies with ${pinnedPnpm} (frozen lockfile)`);
  const localPnpm = join(repoRoot, 'node_modules', '.bin', 'pnpm');
  if (existsSync(localPnpm)) {
    await run(localPnpm, ['install', '--frozen-lockfile', '--reporter=append-only']);
  } else {
    await run('npx', [
      '--yes',
      pinnedPnpm,
      'install',
      '--frozen-lockfile',
      '--reporter=append-only',
    ]);
  }
}

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * The browser tests drive Debian's Chromium through playwright-core (a browser download is not
 * possible on these machines). A fresh machine lacks it: install it from Debian's packages.
 */
export async function ensureChromium() {
  if (existsSync(chromiumPath)) return chromiumPath;
  step(`Installing Chromium for the browser tests (apt-get; ${chromiumPath} is missing)`);
  if (process.getuid?.() !== 0) {
    throw new Error(
      `Chromium is missing at ${chromiumPath}. Install Debian's chromium package ` +
        '(sudo apt-get install -y chromium) or set CHROMIUM_PATH.',
    );
  }
  await run('apt-get', ['update', '-qq']);
  await run('apt-get', ['install', '-y', '-qq', 'chromium'], {
    env: { DEBIAN_FRONTEND: 'noninteractive' },
  });
  return chromiumPath;
}

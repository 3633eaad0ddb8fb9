import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { backendDir } from '../../src/config/paths.js';
import { TEST_ENCRYPTION_KEYS, TEST_PLATFORM_SECRET } from './test-app.js';
import type { TestDatabase } from './test-database.js';

export const JOBS_FIXTURE = join(backendDir, 'test', 'support', 'jobs-fixture.mjs');

export interface BackendProcess {
  pid: number;
  /** What the process wrote, for failure messages. */
  output(): string;
  /** SIGTERM (graceful shutdown), then SIGKILL if it has not exited after `timeoutMs`. */
  stop(timeoutMs?: number): Promise<void>;
  /** kill -9: no shutdown hooks, leases left behind. */
  kill(): Promise<void>;
}

/**
 * Starts the built backend as its own process (`node <script>`, by default the jobs fixture that
 * boots dist/ plus a test job kind) on the given database and a free port, and waits for its
 * ready line. Build the backend first (`pnpm build`; turbo does it before the tests).
 */
export async function startBackendProcess(
  database: TestDatabase,
  options: { env?: Record<string, string>; args?: string[]; script?: string } = {},
): Promise<BackendProcess> {
  const script = options.script ?? JOBS_FIXTURE;
  if (!existsSync(join(backendDir, 'dist', 'bootstrap.js'))) {
    throw new Error('dist/bootstrap.js is missing: build the backend first (pnpm build)');
  }
  let output = '';
  const child: ChildProcess = spawn(process.execPath, [script, ...(options.args ?? [])], {
    cwd: backendDir,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
      PLATFORM_SECRETS: TEST_PLATFORM_SECRET,
      ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
      ...database.env,
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const running = (): boolean => child.exitCode === null && child.signalCode === null;
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.includes('"ready":true')) resolve();
    });
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    void exited.then(() =>
      reject(new Error(`the backend process exited before it was ready:\n${output}`)),
    );
  });

  const waitForExit = async (timeoutMs: number): Promise<void> => {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      exited,
      new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs))),
    ]);
    clearTimeout(timer);
  };
  const kill = async (): Promise<void> => {
    if (running()) child.kill('SIGKILL');
    await waitForExit(5000);
  };
  const stop = async (timeoutMs = 15_000): Promise<void> => {
    if (running()) child.kill('SIGTERM');
    await waitForExit(timeoutMs);
    await kill();
  };

  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      ready,
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`the backend process did not start:\n${output}`)),
          30_000,
        );
      }),
    ]);
  } catch (error) {
    await kill();
    throw error;
  } finally {
    clearTimeout(timer);
  }
  if (child.pid === undefined) throw new Error('the backend process has no pid');
  return { pid: child.pid, output: () => output, stop, kill };
}

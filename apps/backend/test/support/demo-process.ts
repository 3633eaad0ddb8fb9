import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { backendDir } from '../../src/config/paths.js';
import { freePort } from './sandbox-process.js';

export const repoRoot = join(backendDir, '..', '..');

/**
 * A clean copy of the working tree: the files git tracks or would track (the ignored ones, i.e.
 * node_modules, dist, data, caches, left out), as a fresh clone of the next commit would hold
 * them. The working tree rather than HEAD, so that what is tested is what is about to be committed.
 */
export function cleanCopyOfWorkingTree(): string {
  const listed = execFileSync(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
    { cwd: repoRoot, maxBuffer: 64 * 1024 * 1024 },
  )
    .toString('utf8')
    .split('\0')
    .filter((path) => path !== '' && existsSync(join(repoRoot, path)));
  const copy = mkdtempSync(join(tmpdir(), 'sb-clean-clone-'));
  for (const path of listed) {
    mkdirSync(dirname(join(copy, path)), { recursive: true });
    cpSync(join(repoRoot, path), join(copy, path));
  }
  return copy;
}

export interface DemoProcess {
  /** The login link the start command printed. */
  panelUrl: string;
  backendUrl: string;
  sandboxUrl: string;
  output(): string;
  /** Stops the command and everything it started (its own process group). */
  stop(): Promise<void>;
}

/**
 * Runs the README's start command (`npm run demo`) in `dir` on free ports, as in a fresh shell:
 * the caller's PATH and HOME, none of the test runner's variables. Resolves once it printed the
 * panel URL; rejects with its output if it exits or stays silent past `timeoutMs`.
 */
export async function runDemo(
  dir: string,
  env: Record<string, string>,
  timeoutMs: number,
): Promise<DemoProcess> {
  const [backendPort, sandboxPort] = [await freePort(), await freePort()];
  let output = '';
  const child: ChildProcess = spawn('npm', ['run', 'demo'], {
    cwd: dir,
    env: {
      PATH: process.env.PATH ?? '',
      // npm's and pnpm's caches live there (turbo may not pass HOME on: the passwd entry then).
      HOME: process.env.HOME ?? homedir(),
      PORT: String(backendPort),
      SANDBOX_PORT: String(sandboxPort),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: npm, the script, the backend and the sandbox stop together.
    detached: true,
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const signalGroup = (signal: NodeJS.Signals): void => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, signal);
    } catch {
      // the group is gone already
    }
  };
  const stop = async (): Promise<void> => {
    signalGroup('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(resolve, 10_000)))]);
    clearTimeout(timer);
    signalGroup('SIGKILL');
  };

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const url = /Open the admin panel as the demo admin:\s+(\S+)/.exec(output)?.[1];
    if (url !== undefined) {
      return {
        panelUrl: url,
        backendUrl: `http://127.0.0.1:${backendPort}`,
        sandboxUrl: `http://127.0.0.1:${sandboxPort}`,
        output: () => output,
        stop,
      };
    }
    if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`npm run demo did not print the panel URL:\n${output.slice(-6000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Removes a copy made by `cleanCopyOfWorkingTree`. */
export function removeCopy(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

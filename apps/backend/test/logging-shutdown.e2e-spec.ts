import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { backendDir } from '../src/config/paths.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { TEST_ENCRYPTION_KEYS, TEST_PLATFORM_SECRET } from './support/test-app.js';

const MAIN = join(backendDir, 'dist', 'main.js');
const LOG_DESTINATION_MODULE = join(backendDir, 'dist', 'common', 'logging', 'log-destination.js');

interface Run {
  child: ChildProcess;
  stdout(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Spawns node with a pipe as stdout, the way a container runtime or systemd reads it. */
function run(args: string[], env: Record<string, string>): Run {
  let stdout = '';
  let stderr = '';
  const child = spawn(process.execPath, args, {
    cwd: backendDir,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    // 'close': the exit, and every byte of stdout read.
    child.once('close', (code, signal) => resolve({ code, signal })),
  );
  return { child, stdout: () => stdout + stderr, exited };
}

function jsonLines(text: string): Record<string, unknown>[] {
  return text
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

async function waitFor<T>(
  what: string,
  check: () => T | undefined,
  output: () => string,
): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`no ${what} within 30 s:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * The service writes its logs to stdout through an asynchronous buffer (sonic-boom, 4 KiB): the
 * lines logged just before the process ends must still reach the reader.
 */
describe('buffered logs of the built service', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: build the backend first`);
    database = await createTestDatabase();
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('writes the last lines before a SIGTERM, down to the line saying it stopped', async () => {
    const service = run([MAIN], {
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
      PLATFORM_SECRETS: TEST_PLATFORM_SECRET,
      ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
      ...database.env,
    });
    try {
      // A quiet service's lines show up without a shutdown too (the periodic flush).
      const url = await waitFor(
        'listening line',
        () =>
          /Switchboard backend listening on (http:\/\/[^"\s]+)/.exec(service.stdout())?.[1] ??
          undefined,
        service.stdout,
      );
      const requestId = `last-${randomUUID()}`;
      const response = await fetch(`${url}/api/no-such-route`, {
        headers: { 'x-request-id': requestId },
      });
      expect(response.status).toBe(404);
      // At once: the request line is far smaller than the buffer, so only the shutdown writes it.
      service.child.kill('SIGTERM');
      expect(await service.exited).toEqual({ code: null, signal: 'SIGTERM' });

      const lines = jsonLines(service.stdout());
      const requestLine = lines.find(
        (line) => (line['req'] as { id?: unknown } | undefined)?.id === requestId,
      );
      expect(requestLine).toMatchObject({ res: { statusCode: 404 } });
      expect(lines.at(-1)).toMatchObject({
        context: 'Main',
        signal: 'SIGTERM',
        msg: 'Switchboard backend stopped',
      });
      expect(lines.indexOf(requestLine ?? {})).toBeLessThan(lines.length - 1);
    } finally {
      if (service.child.exitCode === null && service.child.signalCode === null) {
        service.child.kill('SIGKILL');
      }
      await service.exited;
    }
  });

  it('writes the buffered lines and the error before a fatal exit', async () => {
    const script = [
      `const { pino } = await import('pino');`,
      `const { bufferedStdout, exitOnFatalErrors } = await import(${JSON.stringify(pathToFileURL(LOG_DESTINATION_MODULE).href)});`,
      `const destination = bufferedStdout();`,
      `exitOnFatalErrors(destination);`,
      `pino(destination).info('buffered before the crash');`,
      `setTimeout(() => { throw new Error('boom at ' + 'runtime'); }, 10);`,
    ].join('\n');
    const crash = run(['--input-type=module', '-e', script], {});
    const { code } = await crash.exited;
    expect(code).toBe(1);
    const lines = jsonLines(crash.stdout());
    expect(lines.map((line) => line['msg'])).toEqual([
      'buffered before the crash',
      'Uncaught exception; exiting',
    ]);
    expect(lines[1]).toMatchObject({ level: 60, err: { message: 'boom at runtime' } });
  });
});

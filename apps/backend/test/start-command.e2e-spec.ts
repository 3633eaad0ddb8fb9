import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { backendDir } from '../src/config/paths.js';
import { TEST_ENCRYPTION_KEYS, TEST_PLATFORM_SECRET } from './support/test-app.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

const main = join(backendDir, 'dist', 'main.js');

describe('pnpm start (compiled dist/main.js)', () => {
  let database: TestDatabase;
  let child: ChildProcessByStdio<null, Readable, Readable> | undefined;

  beforeAll(async () => {
    if (!existsSync(main))
      throw new Error(`${main} is missing: build the backend first (pnpm run build)`);
    database = await createTestDatabase();
  });

  afterAll(async () => {
    if (child !== undefined && child.exitCode === null && child.signalCode === null)
      child.kill('SIGKILL');
    await database?.drop();
  });

  it('migrates, serves health, and shuts down on SIGTERM', async () => {
    const proc = spawn(process.execPath, [main], {
      cwd: backendDir,
      env: {
        PATH: process.env.PATH ?? '',
        ...database.env,
        PORT: '0',
        LOG_LEVEL: 'info',
        PLATFORM_SECRETS: TEST_PLATFORM_SECRET,
        ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = proc;
    let output = '';
    proc.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      proc.on('exit', (code, signal) => resolve({ code, signal })),
    );

    const baseUrl = await new Promise<string>((resolve, reject) => {
      proc.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /listening on (http:\/\/[\d.]+:\d+)/.exec(output);
        if (match?.[1] !== undefined) resolve(match[1]);
      });
      void exited.then(() => reject(new Error(`dist/main.js exited before listening:\n${output}`)));
    });

    const response = await fetch(`${baseUrl}/health/ready`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: 'ok',
      database: { pendingMigrations: 0 },
    });
    expect(output).toMatch(/Applied [1-9]\d* migration\(s\)/);

    proc.kill('SIGTERM');
    const exit = await exited;
    // Nest closes the app (database included), then re-raises the signal to exit with it.
    expect(exit.code === 0 || exit.signal === 'SIGTERM').toBe(true);
    await expect(fetch(`${baseUrl}/health/live`)).rejects.toThrow();
  });
});

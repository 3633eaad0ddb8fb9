import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { backendDir } from '../src/config/paths.js';
import { TEST_ENCRYPTION_KEYS, TEST_PLATFORM_SECRET } from './support/test-app.js';

const pnpm = join(backendDir, '..', '..', 'node_modules', '.bin', 'pnpm');

/** `pnpm start` in the backend package (the README's start script), with only PATH inherited. */
function pnpmStart(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(pnpm, ['run', 'start'], {
      cwd: backendDir,
      env: { PATH: process.env.PATH ?? '', PORT: '0', ...env },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

const serviceEnv = {
  PLATFORM_SECRETS: TEST_PLATFORM_SECRET,
  ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
};

describe('pnpm start with a bad configuration', () => {
  beforeAll(() => {
    if (!existsSync(join(backendDir, 'dist', 'main.js')))
      throw new Error('dist/main.js is missing: build the backend first (pnpm run build)');
  });

  it.each([
    ['PORT', { PORT: 'eighty' }, 'PORT: must be a number', 'eighty'],
    [
      'DATABASE_URL',
      { DATABASE_URL: 'mysql://app:hunter2-db-password@db/switchboard' },
      'DATABASE_URL: must be a postgres:// or postgresql:// URL',
      'hunter2-db-password',
    ],
    [
      'ENCRYPTION_KEYS',
      { ENCRYPTION_KEYS: 'k1:dG9vLXNob3J0LWtleS1tYXRlcmlhbA==' },
      'ENCRYPTION_KEYS: entry 1 must be <keyId>:<base64 of exactly 32 bytes>',
      'dG9vLXNob3J0LWtleS1tYXRlcmlhbA',
    ],
    [
      'METRICS_TOKEN',
      { METRICS_TOKEN: 'short secret' },
      'METRICS_TOKEN: must be 16 to 256 characters without spaces',
      'short secret',
    ],
    ['LOG_LEVEL', { LOG_LEVEL: 'chatty' }, 'LOG_LEVEL: ', 'chatty'],
  ])(
    'a bad %s stops the boot with a message naming it, without echoing the value',
    async (_, bad, message, value) => {
      const { code, output } = await pnpmStart({ ...serviceEnv, ...bad });
      expect(code).not.toBe(0);
      expect(output).toContain('Invalid environment configuration:');
      expect(output).toContain(`  - ${message}`);
      expect(output).not.toContain(value);
      expect(output).not.toMatch(/listening on/);
    },
  );

  it('names every missing variable the service cannot run without', async () => {
    const { code, output } = await pnpmStart({});
    expect(code).not.toBe(0);
    expect(output).toContain('  - PLATFORM_SECRETS: is required to serve');
    expect(output).toContain('  - ENCRYPTION_KEYS: is required to serve');
  });
});

// The README's test command (and .ci/run): install, then lint, typecheck, build and every test,
// with the database tests run on SQLite and on a throwaway PostgreSQL database.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { ensureChromium, installDependencies, repoRoot, run, step } from './bootstrap.mjs';

const pgUrl = new URL(process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');

function probe(host, port) {
  return new Promise((resolvePromise) => {
    const socket = createConnection({ host, port: Number(port) });
    socket.setTimeout(3000);
    socket.once('connect', () => {
      socket.destroy();
      resolvePromise(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolvePromise(false);
    });
    socket.once('error', () => resolvePromise(false));
  });
}

function summarise() {
  const totals = { passed: 0, failed: 0, skipped: 0, suites: 0 };
  for (const group of ['apps', 'packages']) {
    for (const name of readdirSync(join(repoRoot, group))) {
      const file = join(repoRoot, group, name, 'test-results', 'jest.json');
      if (!existsSync(file)) continue;
      const result = JSON.parse(readFileSync(file, 'utf8'));
      totals.passed += result.numPassedTests;
      totals.failed += result.numFailedTests;
      totals.skipped += result.numPendingTests + result.numTodoTests;
      totals.suites += result.numTotalTestSuites;
    }
  }
  return totals;
}

async function main() {
  const databases = process.env.TEST_DATABASES ?? 'sqlite,postgres';
  if (databases.split(',').includes('postgres')) {
    step(`Checking PostgreSQL at ${pgUrl.hostname}:${pgUrl.port || 5432}`);
    if (!(await probe(pgUrl.hostname, pgUrl.port || 5432))) {
      console.error(
        `PostgreSQL does not answer at ${pgUrl.hostname}:${pgUrl.port || 5432}. The database tests run on ` +
          'SQLite and PostgreSQL; start the server (on Debian: ' +
          '`pg_ctlcluster --skip-systemctl-redirect 15 main start`) or point TEST_PG_URL at one. ' +
          'Set TEST_DATABASES=sqlite to run on SQLite only (not accepted in CI).',
      );
      process.exit(1);
    }
  }
  if (process.env.CI === 'true' && databases !== 'sqlite,postgres') {
    console.error('CI must run the database tests on both SQLite and PostgreSQL (TEST_DATABASES).');
    process.exit(1);
  }

  await installDependencies();
  const chromium = await ensureChromium();
  step('Formatting (prettier --check)');
  await run('prettier', ['--check', '.', '--log-level=warn']);
  step('Lint, typecheck, build and test every package (turbo)');
  await run(
    'turbo',
    ['run', 'lint', 'typecheck', 'build', 'test', '--continue', '--output-logs=new-only'],
    {
      env: { TEST_DATABASES: databases, TEST_PG_URL: pgUrl.toString(), CHROMIUM_PATH: chromium },
    },
  );
  const totals = summarise();
  step('Summary');
  console.log(`${totals.suites} test suites`);
  console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  if (totals.failed > 0 || totals.passed === 0) process.exit(1);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

import { jestConfig } from '@switchboard/jest-preset';

const rootDir = import.meta.dirname;
const base = jestConfig({ rootDir });

// The e2e suite runs once per database; TEST_DATABASES=sqlite runs just the SQLite pass.
const supported = ['sqlite', 'postgres'];
const databases = (process.env.TEST_DATABASES ?? 'sqlite,postgres')
  .split(',')
  .map((name) => name.trim())
  .filter(Boolean);
for (const name of databases) {
  if (!supported.includes(name)) {
    throw new Error(
      `TEST_DATABASES: unknown database "${name}" (expected ${supported.join(', ')})`,
    );
  }
}

// `--selectProjects` takes every following word as a project name, so a test path written after
// it is silently ignored and the whole suite runs. Refuse that instead of running for minutes.
const selectAt = process.argv.indexOf('--selectProjects');
if (selectAt !== -1) {
  const known = new Set(['unit', ...supported.map((name) => `e2e:${name}`)]);
  for (const word of process.argv.slice(selectAt + 1)) {
    if (word.startsWith('-')) break;
    if (!known.has(word)) {
      throw new Error(
        `jest: "${word}" follows --selectProjects, which reads it as a project name. ` +
          'Put test paths before --selectProjects (jest test/x.e2e-spec.ts --selectProjects e2e:sqlite).',
      );
    }
  }
}

export default {
  rootDir,
  cacheDirectory: base.cacheDirectory,
  // A global option: set inside `projects` only, jest ignores it (and falls back to 5 s).
  testTimeout: base.testTimeout,
  // The e2e suites mostly wait (databases, the sandbox process, timers, a browser), so three
  // workers on two cores finish far sooner than one; the default on two cores is one.
  maxWorkers: 3,
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    ...databases.map((database) => ({
      ...base,
      displayName: `e2e:${database}`,
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      // The README's start command runs the demo on its embedded SQLite; running it a second time
      // under the PostgreSQL pass would repeat the same install, build and boot for minutes.
      ...(database === 'postgres'
        ? { testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/start-command.e2e-spec.ts'] }
        : {}),
      // Read by test/support/test-database.ts: which database this pass runs against.
      globals: { testDatabase: database },
    })),
  ],
};

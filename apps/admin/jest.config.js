import { esmOnlyPackages, jestConfig } from '@switchboard/jest-preset';

// ESM-only packages that react-admin's UI loads in the jsdom tests.
const panelEsmOnly = ['react-hotkeys-hook'];

// The preset compiles .ts; the panel's components are .tsx with React's automatic JSX runtime.
const swcTsx = {
  jsc: {
    parser: { syntax: 'typescript', tsx: true },
    transform: { react: { runtime: 'automatic' } },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

const config = jestConfig({
  rootDir: import.meta.dirname,
  testMatch: ['<rootDir>/test/**/*.spec.ts', '<rootDir>/test/**/*.spec.tsx'],
  // A hang guard, not a speed target: the jsdom suites render react-admin screens while CI runs
  // other packages' suites on the same two cores.
  testTimeout: 60_000,
});

export default {
  ...config,
  transform: { ...config.transform, '^.+\\.tsx?$': ['@swc/jest', swcTsx] },
  transformIgnorePatterns: [
    `/node_modules/\\.pnpm/(?!(${[...esmOnlyPackages, ...panelEsmOnly].map((p) => p.replace('/', '\\+')).join('|')})[+@])`,
  ],
};

// One Jest setup for every Node package. Jest runs in CommonJS mode: NestJS 12 and several other
// dependencies ship ESM only, so @swc/jest compiles both our TypeScript and those packages to CJS.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const swcTs = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

const swcJs = {
  jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022', keepClassNames: true },
  module: { type: 'commonjs' },
};

// Packages published as ESM only that tests load; they must be compiled rather than ignored.
export const esmOnlyPackages = [
  '@nestjs',
  'load-esm',
  'file-type',
  'uid',
  'cron',
  '@standard-schema',
  'nodemailer',
  'smtp-server',
  'libphonenumber-js',
  'jose',
  'strtok3',
  'token-types',
  '@tokenizer',
  'ua-parser-js',
];

/**
 * @param {{ rootDir: string, projects?: object[], [key: string]: unknown }} options
 */
export function jestConfig({ rootDir, ...rest }) {
  const cacheDirectory = join(rootDir, 'node_modules', '.cache', 'jest');
  mkdirSync(cacheDirectory, { recursive: true });
  // `jest --outputFile test-results/jest.json` (read by tooling/scripts/check.mjs) needs the folder.
  mkdirSync(join(rootDir, 'test-results'), { recursive: true });
  return {
    rootDir,
    cacheDirectory,
    ...baseProject(),
    ...rest,
  };
}

export function baseProject() {
  return {
    testEnvironment: 'node',
    // A guard against hangs, not a speed target (those live in `pnpm bench`): e2e tests boot real
    // servers and databases, and CI runs several packages' suites at once on two cores.
    testTimeout: 30_000,
    moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
    transform: {
      '^.+\\.tsx?$': ['@swc/jest', swcTs],
      '^.+\\.m?js$': ['@swc/jest', swcJs],
    },
    transformIgnorePatterns: [
      `/node_modules/\\.pnpm/(?!(${esmOnlyPackages.map((p) => p.replace('/', '\\+')).join('|')})[+@])`,
    ],
  };
}

import { esmOnlyPackages, jestConfig } from '@switchboard/jest-preset';

// @apidevtools/swagger-parser pulls in json-schema-ref-parser, which ships ESM only.
const compiled = [...esmOnlyPackages, '@apidevtools'].map((p) => p.replace('/', '\\+')).join('|');

export default jestConfig({
  rootDir: import.meta.dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
  transformIgnorePatterns: [`/node_modules/\\.pnpm/(?!(${compiled})[+@])`],
});

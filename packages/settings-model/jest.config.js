import { jestConfig } from '@switchboard/jest-preset';

export default jestConfig({
  rootDir: import.meta.dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
});

import { reactConfig } from '@switchboard/eslint-config/react';

export default [
  ...reactConfig,
  // CommonJS on purpose: Jest loads test environments with require().
  { ignores: ['test/support/*.cjs'] },
];

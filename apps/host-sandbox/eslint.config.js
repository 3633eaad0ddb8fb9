import { allowProcessEnv, nodeConfig } from '@switchboard/eslint-config/node';

export default [
  ...nodeConfig,
  allowProcessEnv,
  {
    // e2e specs assert on parsed JSON responses structurally; the shared test override already
    // allows unsafe member access and assignment on them, calls and returns are the same thing.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
];

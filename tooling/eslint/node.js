import globals from 'globals';
import tseslint from 'typescript-eslint';
import { baseConfig } from './base.js';

/**
 * Node services: environment is read in one validated module per app (`src/config/env.ts`);
 * everywhere else `process.env` is banned so that nothing reads an unvalidated variable.
 */
export const nodeConfig = tseslint.config(...baseConfig, {
  languageOptions: { globals: { ...globals.node } },
  rules: {
    'no-restricted-properties': [
      'error',
      {
        object: 'process',
        property: 'env',
        message: 'Read configuration from the validated env module.',
      },
    ],
  },
});

export const envModuleFiles = [
  'src/config/env.ts',
  '**/*.spec.ts',
  'test/**/*.ts',
  'bench/**/*.ts',
  'scripts/**/*.ts',
];

export const allowProcessEnv = {
  files: envModuleFiles,
  rules: { 'no-restricted-properties': 'off' },
};

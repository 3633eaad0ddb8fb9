import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { backendDir } from './paths.js';

const postgresUrl = z
  .string()
  .refine((value) => URL.canParse(value) && /^postgres(ql)?:$/.test(new URL(value).protocol), {
    error: 'must be a postgres:// or postgresql:// URL',
  });

const port = z.coerce
  .number({ error: 'must be a number' })
  .int({ error: 'must be an integer' })
  .min(0, { error: 'must be between 0 and 65535' })
  .max(65535, { error: 'must be between 0 and 65535' });

export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.default(3000),
  /** PostgreSQL connection; when unset the embedded SQLite file is used. */
  DATABASE_URL: postgresUrl.optional(),
  /** SQLite database file, relative to the backend package directory unless absolute. */
  SQLITE_PATH: z
    .string()
    .min(1)
    .default('data/switchboard.sqlite')
    .transform((path) => (isAbsolute(path) ? path : resolve(backendDir, path))),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Apply pending migrations before listening; turn off when a deploy step runs `db:migrate`. */
  MIGRATE_ON_START: z.stringbool({ error: 'must be true or false' }).default(true),
  /** Largest accepted request body in bytes. */
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(50 * 1024 * 1024)
    .default(256 * 1024),
});

export type Env = z.output<typeof envSchema>;
export type EnvSource = Readonly<Record<string, string | undefined>>;
export type DatabaseDialect = 'sqlite' | 'postgresql';

export class EnvValidationError extends Error {
  constructor(readonly problems: readonly { variable: string; message: string }[]) {
    super(
      [
        'Invalid environment configuration:',
        ...problems.map(({ variable, message }) => `  - ${variable}: ${message}`),
      ].join('\n'),
    );
    this.name = 'EnvValidationError';
  }
}

function parseWith<T extends z.ZodType>(schema: T, source: EnvSource): z.output<T> {
  // An empty variable (`DATABASE_URL=` in a compose file) means "not set", not "set to nothing".
  const present = Object.fromEntries(
    Object.entries(source).filter(([, value]) => value !== undefined && value !== ''),
  );
  const result = schema.safeParse(present);
  if (result.success) return result.data;
  // Values are not echoed: some of them (DATABASE_URL) carry credentials.
  throw new EnvValidationError(
    result.error.issues.map((issue) => ({
      variable: issue.path.map(String).join('.') || '(environment)',
      message: issue.message,
    })),
  );
}

/**
 * Reads and validates the service configuration. This module is the only place that touches
 * `process.env`; everything else receives the parsed `Env` (tests pass their own source).
 */
export function loadEnv(source: EnvSource = process.env): Env {
  return parseWith(envSchema, source);
}

export function databaseDialect(env: Pick<Env, 'DATABASE_URL'>): DatabaseDialect {
  return env.DATABASE_URL === undefined ? 'sqlite' : 'postgresql';
}

const scratchEnvSchema = z.object({
  /** Server on which tests and the migration generator create throwaway databases. */
  TEST_PG_URL: postgresUrl.default('postgres://postgres@127.0.0.1:5432/postgres'),
});

export type ScratchEnv = z.output<typeof scratchEnvSchema>;

/** Configuration of developer tooling (tests, migration generator), kept apart from the service's. */
export function loadScratchEnv(source: EnvSource = process.env): ScratchEnv {
  return parseWith(scratchEnvSchema, source);
}

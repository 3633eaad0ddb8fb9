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

/** `<keyId>:<base64 of 32 bytes>`, comma-separated; the first encrypts, all decrypt. */
const encryptionKeys = z.string().transform((value, ctx) => {
  const keys: { keyId: string; key: Buffer }[] = [];
  for (const item of value.split(',').map((part) => part.trim())) {
    const match = /^([\w.-]{1,64}):([A-Za-z0-9+/]+={0,2})$/.exec(item);
    const key = match?.[2] === undefined ? undefined : Buffer.from(match[2], 'base64');
    if (match?.[1] === undefined || key?.length !== 32) {
      // The offending value is a key: it is never echoed, only its position.
      ctx.addIssue({
        code: 'custom',
        message: `entry ${keys.length + 1} must be <keyId>:<base64 of exactly 32 bytes>`,
      });
      return z.NEVER;
    }
    if (keys.some((known) => known.keyId === match[1])) {
      ctx.addIssue({ code: 'custom', message: `key id "${match[1]}" appears twice` });
      return z.NEVER;
    }
    keys.push({ keyId: match[1], key });
  }
  return keys;
});

/** Standard Webhooks secrets (`whsec_<base64>`), comma-separated; any of them verifies. */
const platformSecrets = z.string().transform((value, ctx) => {
  const secrets = value.split(',').map((part) => part.trim());
  for (const [index, secret] of secrets.entries()) {
    const match = /^whsec_([A-Za-z0-9+/]+={0,2})$/.exec(secret);
    if (match?.[1] === undefined || Buffer.from(match[1], 'base64').length < 24) {
      ctx.addIssue({
        code: 'custom',
        message: `entry ${index + 1} must be whsec_<base64 of at least 24 bytes>`,
      });
      return z.NEVER;
    }
  }
  return secrets;
});

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
  /**
   * Secrets the platform signs /install and /uninstall with (Standard Webhooks), comma-separated
   * so the platform secret can rotate. Required to serve (checked at boot by `requireServiceEnv`).
   */
  PLATFORM_SECRETS: platformSecrets.optional(),
  /** AES-256-GCM keys for tenant secrets at rest. Required to serve, like PLATFORM_SECRETS. */
  ENCRYPTION_KEYS: encryptionKeys.optional(),
  /** `aud` the host puts in the panel and operator JWTs it signs. */
  JWT_AUDIENCE: z.string().min(1).max(200).default('switchboard'),
  /** The built admin panel served at /admin; relative to the backend package unless absolute. */
  ADMIN_DIST_DIR: z
    .string()
    .min(1)
    .default('../admin/dist')
    .transform((path) => (isAbsolute(path) ? path : resolve(backendDir, path))),
  /**
   * Origins allowed to embed the panel in an iframe (the hosts' admin UIs), space-separated;
   * unset means only Switchboard's own origin may frame it.
   */
  PANEL_FRAME_ANCESTORS: z
    .string()
    .default('')
    .transform((value) => value.split(/\s+/).filter(Boolean))
    .pipe(z.array(z.url({ protocol: /^https?$/, error: 'must be http(s) origins' })))
    .transform((urls) => urls.map((url) => new URL(url).origin)),
  /**
   * Switchboard's base URL as the host reaches it (webhook callbacks are registered under it:
   * `${PUBLIC_URL}/webhooks/{tenantId}`). Unset: derived from the listening address.
   */
  PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .transform((url) => url.replace(/\/+$/, ''))
    .optional(),
  /** Processing attempts of one inbox message before it becomes a dead letter. */
  INBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(8),
  /** First retry delay of a failed inbox message; doubles per attempt (capped at 10 min). */
  INBOX_RETRY_BASE_MS: z.coerce.number().int().min(1).max(3_600_000).default(1000),
  /** How often the inbox processor looks for due messages when nothing woke it. */
  INBOX_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(1000),
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

/** The variables the service cannot serve without (migrations and tooling do not need them). */
export type ServiceEnv = Env & Required<Pick<Env, 'PLATFORM_SECRETS' | 'ENCRYPTION_KEYS'>>;

/**
 * Refuses to serve without the platform secrets and encryption keys. They are optional in the
 * schema only so that `db:migrate` and the developer tools can run without them.
 */
export function requireServiceEnv(env: Env): ServiceEnv {
  const missing = (['PLATFORM_SECRETS', 'ENCRYPTION_KEYS'] as const).filter(
    (variable) => env[variable] === undefined,
  );
  if (missing.length > 0) {
    throw new EnvValidationError(
      missing.map((variable) => ({ variable, message: 'is required to serve' })),
    );
  }
  return env as ServiceEnv;
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

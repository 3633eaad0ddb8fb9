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
  /**
   * Whether this instance processes the inbox (off: it only ingests, e.g. ingest instances behind
   * the load balancer while others process; the inbox is shared through the database).
   */
  INBOX_WORKER: z.stringbool({ error: 'must be true or false' }).default(true),
  /**
   * Processed webhook deliveries are deleted after this many hours: their bodies hold personal
   * data (chat text, phone numbers) that anonymization must not find surviving in the inbox.
   */
  INBOX_RETENTION_HOURS: z.coerce.number().int().min(1).max(8760).default(72),
  /** Dead letters are deleted after this many days unless retried. */
  INBOX_DEAD_RETENTION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** How long an e-mail thread claimed by the next-e-mail hook waits to be taken up before it is queued again. */
  EMAIL_CLAIM_TTL_MS: z.coerce.number().int().min(1000).max(86_400_000).default(120_000),
  /** Whether this instance claims and runs durable jobs (off: it only schedules them). */
  JOBS_WORKER: z.stringbool({ error: 'must be true or false' }).default(true),
  /** How often the job worker looks for due jobs other instances scheduled (it wakes at once for its own). */
  JOBS_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(500),
  /** Jobs one instance runs at the same time; also the largest claim batch. */
  JOBS_CONCURRENCY: z.coerce.number().int().min(1).max(500).default(20),
  /** A running job's lease when its kind sets none; the worker renews it while the handler runs. */
  JOBS_LEASE_MS: z.coerce.number().int().min(1000).max(3_600_000).default(60_000),
  /** Attempts of a job when neither the schedule call nor its kind says otherwise. */
  JOBS_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(5),
  /** First retry delay of a failed job when its kind sets none; doubles per attempt (capped at 1 h). */
  JOBS_RETRY_BASE_MS: z.coerce.number().int().min(1).max(3_600_000).default(5000),
  /** How often each instance turns due cron slots into jobs (the first insert of a slot wins). */
  JOBS_CRON_TICK_MS: z.coerce.number().int().min(100).max(60_000).default(1000),
  /** At shutdown, how long running jobs may finish before they are given back to other instances. */
  JOBS_SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  /** At shutdown, how long requests in flight may finish before their connections are closed. */
  HTTP_SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  /** Finished (done) jobs are deleted after this many hours; dead letters stay until retried or purged. */
  JOBS_RETENTION_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 365)
    .default(72),
  /**
   * Bearer token Prometheus presents to scrape `GET /metrics`; unset turns the endpoint off (404).
   * At least 16 characters: it guards tenant ids and traffic volumes.
   */
  METRICS_TOKEN: z
    .string()
    .regex(/^\S{16,256}$/, { error: 'must be 16 to 256 characters without spaces' })
    .optional(),
  /** Per-tenant counters (`switchboard_tenant_*`); turn off when tenants number in the thousands. */
  METRICS_TENANT_LABELS: z.stringbool({ error: 'must be true or false' }).default(true),
  /**
   * SMTP server for transcript e-mails (setting 8). Unset: transcripts cannot be e-mailed and each
   * request is recorded as failed. With it, SMTP_FROM is required (checked at boot).
   */
  SMTP_HOST: z.string().min(1).max(255).optional(),
  SMTP_PORT: port.default(587),
  /** Implicit TLS from the first byte (port 465); false uses STARTTLS when the server offers it. */
  SMTP_SECURE: z.stringbool({ error: 'must be true or false' }).default(false),
  /** Refuse to send when the server does not offer STARTTLS (ignored with SMTP_SECURE). */
  SMTP_REQUIRE_TLS: z.stringbool({ error: 'must be true or false' }).default(false),
  /** SMTP AUTH credentials; both or neither (checked at boot). */
  SMTP_USER: z.string().min(1).max(500).optional(),
  SMTP_PASSWORD: z.string().min(1).max(500).optional(),
  /** Sender of transcript e-mails: `no-reply@example.com` or `Example <no-reply@example.com>`. */
  SMTP_FROM: z
    .string()
    .max(400)
    .regex(/^(?:[^<>]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/, {
      error: 'must be an e-mail address, optionally as Name <address>',
    })
    .optional(),
  /** Connection, greeting and socket timeout of one SMTP attempt; a failed send is retried as a job. */
  SMTP_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(10_000),
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

import { z } from 'zod';

const onOff = z
  .enum(['on', 'off', 'true', 'false', '1', '0'])
  .transform((value) => value === 'on' || value === 'true' || value === '1');

const envSchema = z.object({
  SANDBOX_PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  SANDBOX_HOST: z.string().min(1).default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Where the state snapshot (state.json) lives; a restart on the same dir keeps everything. */
  SANDBOX_DATA_DIR: z.string().min(1).default('data'),
  /** Milliseconds between a change and the snapshot write; changes in between are batched. */
  SANDBOX_PERSIST_DEBOUNCE_MS: z.coerce.number().int().min(0).max(60_000).default(50),
  /** Required on every /control call when set (`Authorization: Bearer …` or `x-control-token`). */
  SANDBOX_CONTROL_TOKEN: z.string().min(1).optional(),
  /** The URL the sandbox tells plugins to call it on (…/api/v1); derived from the listen address when unset. */
  SANDBOX_PUBLIC_URL: z.url().optional(),
  /** Seed the demo tenant at boot when the state is empty. */
  SANDBOX_SEED: onOff.default(true),
  /** Start with the plugin extension switched off (v1-only host). */
  SANDBOX_V1_ONLY: onOff.default(false),
  /** Time budget of one decision-hook call before the safe default applies. */
  SANDBOX_HOOK_BUDGET_MS: z.coerce.number().int().min(1).max(60_000).default(300),
  /** Pause before each of the two webhook retries. */
  SANDBOX_WEBHOOK_RETRY_DELAY_MS: z.coerce.number().int().min(0).max(600_000).default(1000),
  /** A delivery attempt that takes longer than this counts as failed. */
  SANDBOX_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(1).max(120_000).default(5000),
  /** Lifetime of OAuth access tokens (the real host: 3600). */
  SANDBOX_TOKEN_TTL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(3600),
  SANDBOX_DEMO_TRAFFIC: onOff.default(false),
  /** Scenario steps per second when demo traffic runs. */
  SANDBOX_DEMO_RATE: z.coerce.number().positive().max(1000).default(1),
  SANDBOX_DEMO_SEED: z.coerce.number().int().default(1),
  /** When both are set, the demo tenant installs the plugin at boot (retrying until Switchboard is up). */
  SANDBOX_SWITCHBOARD_URL: z.url().optional(),
  SANDBOX_PLATFORM_SECRET: z.string().min(1).optional(),
});

export type SandboxEnv = z.infer<typeof envSchema>;

/** The only place the sandbox reads its environment; a bad value names the variable and stops boot. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): SandboxEnv {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.')}: ${issue.message}`,
    );
    throw new Error(`Invalid host-sandbox environment: ${problems.join('; ')}`);
  }
  return parsed.data;
}

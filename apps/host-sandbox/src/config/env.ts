import { z } from 'zod';

const envSchema = z.object({
  SANDBOX_PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  SANDBOX_HOST: z.string().min(1).default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type SandboxEnv = z.infer<typeof envSchema>;

/** The only place the sandbox reads its environment; a bad value names the variable and stops boot. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): SandboxEnv {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid host-sandbox environment: ${problems.join('; ')}`);
  }
  return parsed.data;
}

import { z } from 'zod';

/** Host tenant ids: printable, URL-safe; starting with a letter or digit keeps `_`-names ours. */
export const tenantIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/);

const httpUrl = z.url({ protocol: /^https?$/ }).max(2000);

const ianaTimeZone = z
  .string()
  .max(64)
  .refine(
    (zone) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    },
    { params: { code: 'invalid_time_zone' } },
  );

/** What the host sends to POST /install, signed with the platform secret. */
export const installRequestSchema = z.strictObject({
  tenantId: tenantIdSchema,
  name: z.string().min(1).max(200).optional(),
  hostApiBaseUrl: httpUrl,
  clientId: z.string().min(1).max(500),
  clientSecret: z.string().min(1).max(2000),
  webhookSecret: z.string().min(16).max(2000),
  /** Shared with the host, which signs panel/operator JWTs (HS256) with its UTF-8 bytes. */
  panelTokenSecret: z.string().min(32).max(2000),
  entitlements: z.array(z.string().min(1).max(200)).max(500),
  capabilities: z.array(z.string().min(1).max(200)).max(500),
  timeZone: ianaTimeZone.optional(),
  locale: z.enum(['cs', 'en']).optional(),
});

export type InstallRequest = z.output<typeof installRequestSchema>;

export const uninstallRequestSchema = z.strictObject({ tenantId: tenantIdSchema });
export type UninstallRequest = z.output<typeof uninstallRequestSchema>;

/** The answer to an install: never any secret. */
export const installResponseSchema = z.object({
  tenantId: z.string(),
  created: z.boolean(),
  name: z.string().nullable(),
  hostApiBaseUrl: z.string(),
  entitlements: z.array(z.string()),
  capabilities: z.array(z.string()),
  timeZone: z.string(),
  locale: z.enum(['cs', 'en']),
  installedAt: z.string(),
  updatedAt: z.string(),
});
export type InstallResponse = z.output<typeof installResponseSchema>;

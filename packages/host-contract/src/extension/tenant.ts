import { z } from 'zod';

/*
 * Installation and tenant-level messages of the extension. Switchboard identifies a tenant by the
 * host's tenant (department) id written as a string, the same value v1 payloads send as a number.
 */

/** A tenant id: printable and URL-safe, at most 64 characters. A number is read as its digits. */
export const tenantIdSchema = z
  .union([z.string(), z.number().int().nonnegative()])
  .transform((value) => String(value))
  .pipe(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/));

const httpUrl = z.url({ protocol: /^https?$/ }).max(2000);

/** `no-reply@example.com` or `Example <no-reply@example.com>`, as SMTP_FROM accepts it. */
const senderAddress = z
  .string()
  .max(400)
  .regex(/^(?:[^<>]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/);

/**
 * The tenant's own SMTP relay for the e-mails Switchboard sends on its behalf (transcripts). The
 * host platform owns it: it arrives with /install only and is never editable in the panel. The
 * fields mean what Switchboard's SMTP_* variables mean; without a relay the service's own
 * (SMTP_HOST) is used.
 */
export const smtpRelaySchema = z
  .strictObject({
    /** Host name or IP address. */
    host: z
      .string()
      .min(1)
      .max(255)
      .regex(/^[A-Za-z0-9._:-]+$/),
    port: z.number().int().min(1).max(65535).default(587),
    /** Implicit TLS from the first byte (port 465); false uses STARTTLS when the server offers it. */
    secure: z.boolean().default(false),
    /** Refuse to send when the server does not offer STARTTLS (ignored with `secure`). */
    requireTls: z.boolean().default(false),
    /** SMTP AUTH credentials: both or neither. */
    user: z.string().min(1).max(500).optional(),
    password: z.string().min(1).max(500).optional(),
    /** The sender of the tenant's e-mails; Message-IDs are minted under its domain. */
    from: senderAddress,
  })
  .refine((relay) => (relay.user === undefined) === (relay.password === undefined), {
    error: 'user and password go together',
    path: ['password'],
  });
export type SmtpRelay = z.output<typeof smtpRelaySchema>;

/**
 * `POST {switchboard}/install`, sent by the host when a tenant admin enables the plugin and again
 * when credentials rotate; signed with Standard Webhooks headers using the platform secret shared
 * by the host operator and Switchboard (not a tenant secret: the tenant is not known yet).
 */
export const installRequestSchema = z.strictObject({
  tenantId: tenantIdSchema,
  name: z.string().min(1).max(200).optional(),
  /** Where Switchboard calls the host, including the version prefix: `https://host/api/v1`. */
  hostApiBaseUrl: httpUrl,
  clientId: z.string().min(1).max(500),
  clientSecret: z.string().min(1).max(2000),
  /** Signs webhooks and hook calls in both directions, and the settings-updated notification. */
  webhookSecret: z.string().min(16).max(2000),
  /** The host signs panel JWTs (HS256) with the UTF-8 bytes of this secret. */
  panelTokenSecret: z.string().min(32).max(2000),
  /** Licence flags, e.g. `phone.callerIdSelection`, `av`. */
  entitlements: z.array(z.string().min(1).max(200)).max(500),
  /** Extension capabilities (see CAPABILITIES); unknown names are kept and ignored. */
  capabilities: z.array(z.string().min(1).max(200)).max(500),
  /** IANA time zone of the tenant. */
  timeZone: z.string().max(64).optional(),
  locale: z.enum(['cs', 'en']).optional(),
  /**
   * The tenant's SMTP relay. Every install states the whole installation, so a reinstall without
   * it removes a relay sent before (the service's own is used again).
   */
  smtp: smtpRelaySchema.optional(),
});
export type InstallRequest = z.output<typeof installRequestSchema>;

/** `POST {switchboard}/uninstall`, signed like install: Switchboard deletes the tenant's data. */
export const uninstallRequestSchema = z.strictObject({ tenantId: tenantIdSchema });
export type UninstallRequest = z.output<typeof uninstallRequestSchema>;

/** Switchboard's answer to install; it never echoes a secret (nor the SMTP relay's password). */
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

/**
 * `POST {hostApiBaseUrl}/extension/settings-updated` (capability `settingsWebhook`), signed with the
 * tenant's webhook secret: the host re-reads effective settings it caches. `packageIds` is empty
 * when only tenant-level values changed.
 */
export const settingsUpdatedNotificationSchema = z.object({
  type: z.literal('settings.updated'),
  tenantId: tenantIdSchema,
  version: z.number().int().nonnegative(),
  changedKeys: z.array(z.string().min(1)),
  packageIds: z.array(z.union([z.string(), z.number()]).transform((value) => String(value))),
});
export type SettingsUpdatedNotification = z.output<typeof settingsUpdatedNotificationSchema>;

/** `GET {hostApiBaseUrl}/extension/entitlements` (capability `entitlements`). */
export const entitlementsResponseSchema = z.object({
  tenantId: tenantIdSchema,
  entitlements: z.array(z.string()),
  capabilities: z.array(z.string()),
});
export type EntitlementsResponse = z.output<typeof entitlementsResponseSchema>;

/** The error body extension endpoints answer with on 4xx/5xx. */
export const extensionErrorSchema = z.object({
  code: z.string(),
  message: z.string().optional(),
  path: z.array(z.union([z.string(), z.number()])).optional(),
});
export type ExtensionError = z.output<typeof extensionErrorSchema>;

import { z } from 'zod';

/** Largest logo or favicon accepted, as the length of its data: URL (about 96 KiB of image). */
export const MAX_IMAGE_URL_LENGTH = 131_072;

const hexColour = z.string().regex(/^#[0-9a-fA-F]{6}$/, { error: 'must be a colour like #1f5fbf' });

const DATA_IMAGE =
  /^data:image\/(png|svg\+xml|webp|jpeg|gif|x-icon|vnd\.microsoft\.icon)(;base64)?,/;
/** An absolute path on the backend's own origin: `/x`, never `//host` (protocol-relative). */
const SAME_ORIGIN_PATH = /^\/(?!\/)[\w\-./%~]*$/;

/**
 * A logo or favicon. Only a data: URL or a path on the backend's own origin: the panel must load
 * nothing from anywhere else (and its CSP would refuse it).
 */
const imageUrl = z
  .string()
  .max(MAX_IMAGE_URL_LENGTH)
  .refine((value) => DATA_IMAGE.test(value) || SAME_ORIGIN_PATH.test(value), {
    params: { code: 'image_not_same_origin' },
  });

const palette = z.object({ primary: hexColour.optional(), secondary: hexColour.optional() });

/**
 * A partner's white-label theme. Every field is optional: what a partner leaves out keeps the
 * panel's default (the shell's props), so a theme can be as small as a product name.
 */
export const partnerThemeSchema = z.object({
  productName: z.string().trim().min(1).max(60).optional(),
  logo: imageUrl.optional(),
  favicon: imageUrl.optional(),
  colors: z.object({ light: palette.optional(), dark: palette.optional() }).optional(),
  /** Where "Help" points: the partner's support site or address. */
  supportUrl: z
    .url({ protocol: /^(https|mailto)$/, error: 'must be an https: or mailto: URL' })
    .max(500)
    .optional(),
  /** The panel's language when neither the host nor the user chose one. */
  defaultLanguage: z.enum(['cs', 'en']).optional(),
});
export type PartnerTheme = z.output<typeof partnerThemeSchema>;

/** A partner id: lower-case letters, digits and dashes, as it appears in URLs and configs. */
export const partnerIdSchema = z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/, {
  error: '1–40 lower-case letters, digits or dashes, not starting or ending with a dash',
});

export const partnerBodySchema = z.object({
  /** The partner's own name, for the platform operator (the theme's productName is what users see). */
  name: z.string().trim().min(1).max(120),
  theme: partnerThemeSchema,
});
export type PartnerBody = z.output<typeof partnerBodySchema>;

export const partnerSchema = z.object({
  id: z.string(),
  name: z.string(),
  theme: partnerThemeSchema,
  tenantCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PartnerView = z.output<typeof partnerSchema>;

export const assignPartnerBodySchema = z.object({
  /** The partner the tenant belongs to; null for none (Switchboard's own brand). */
  partnerId: partnerIdSchema.nullable(),
});
export type AssignPartnerBody = z.output<typeof assignPartnerBodySchema>;

/** What the panel loads at run time: the tenant's partner (if any) and its theme. */
export const brandingSchema = z.object({
  partnerId: z.string().nullable(),
  theme: partnerThemeSchema,
});
export type Branding = z.output<typeof brandingSchema>;

export const resolveBrandingBodySchema = z.object({ token: z.string().min(1).max(8192) });

import { createHmac } from 'node:crypto';
import { z } from 'zod';

/**
 * Widget tokens: the host vouches for the browser its chat widget runs in, so that the widget may
 * call Switchboard directly (client chat history, setting 13). The host signs them like panel
 * tokens (HS256 over the UTF-8 bytes of the tenant's `panelTokenSecret`) but with their own JOSE
 * `typ` and without roles, so neither kind of token is accepted in place of the other.
 */
export const WIDGET_TOKEN_TYPE = 'widget+jwt';

/** A widget token lives as long as one page view at most; the host mints one per widget load. */
export const WIDGET_TOKEN_MAX_LIFETIME_SECONDS = 60 * 60;

export const widgetTokenClaimsSchema = z.object({
  /** Tenant id. */
  tid: z.string().min(1).max(64),
  /** The device: the host's per-browser tracking id (v1 `Guest.TrackedId`). */
  sub: z.string().min(1).max(200),
  /** The package (chat button) the widget belongs to; absent for a tenant-wide widget. */
  pkg: z
    .union([z.string().min(1).max(64), z.number().int()])
    .transform((value) => String(value))
    .optional(),
  /** Switchboard's configured audience, as in panel tokens. */
  aud: z.union([z.string(), z.array(z.string())]),
  exp: z.number().int(),
  iat: z.number().int(),
});
export type WidgetTokenClaims = z.input<typeof widgetTokenClaimsSchema>;

const base64url = (input: Buffer | string): string => Buffer.from(input).toString('base64url');

/** Mints a widget token as the host does. For the host side (the sandbox) and tests. */
export function signWidgetToken(claims: WidgetTokenClaims, panelTokenSecret: string): string {
  const checked = widgetTokenClaimsSchema.parse(claims);
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: WIDGET_TOKEN_TYPE }));
  const payload = base64url(JSON.stringify(checked));
  const signature = createHmac('sha256', Buffer.from(panelTokenSecret, 'utf8'))
    .update(`${header}.${payload}`)
    .digest();
  return `${header}.${payload}.${base64url(signature)}`;
}

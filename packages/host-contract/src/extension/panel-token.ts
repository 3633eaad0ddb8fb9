import { createHmac, randomUUID } from 'node:crypto';
import { z } from 'zod';

/** The host signs panel tokens with HS256 over the tenant's `panelTokenSecret` (UTF-8 bytes). */
export const PANEL_TOKEN_ALGORITHM = 'HS256';

/** Panel tokens are short-lived: the host mints one per panel open. */
export const PANEL_TOKEN_MAX_LIFETIME_SECONDS = 15 * 60;

/**
 * Roles the host grants in a panel token: admin edits settings; supervisor reads settings and
 * manages bans; viewer reads; operator acts from the operator UI (e.g. banning); host is the host's
 * own server.
 */
export const PANEL_ROLES = ['admin', 'supervisor', 'viewer', 'operator', 'host'] as const;
export type PanelRole = (typeof PANEL_ROLES)[number];

/** Claims of the JWT the host passes when it opens the embedded admin panel. */
export const panelTokenClaimsSchema = z.object({
  /** Tenant id. */
  tid: z.string().min(1).max(64),
  /** The host user id. */
  sub: z.string().min(1).max(200),
  name: z.string().max(200).nullish(),
  roles: z.array(z.enum(PANEL_ROLES)).min(1),
  locale: z.enum(['cs', 'en']).optional(),
  /** Switchboard's configured audience. */
  aud: z.union([z.string(), z.array(z.string())]),
  exp: z.number().int(),
  iat: z.number().int(),
  /**
   * Unique token id. Switchboard exchanges a token for a panel session once only, so tokens meant
   * for the panel must carry one; `signPanelToken` adds it when absent.
   */
  jti: z.string().min(8).max(128).optional(),
});
export type PanelTokenClaims = z.output<typeof panelTokenClaimsSchema>;

const base64url = (input: Buffer | string): string => Buffer.from(input).toString('base64url');

/**
 * Mints a panel token as the host does (HS256 over the UTF-8 bytes of the tenant's
 * `panelTokenSecret`). For the host side (the sandbox) and tests; Switchboard only verifies.
 */
export function signPanelToken(claims: PanelTokenClaims, panelTokenSecret: string): string {
  const checked = panelTokenClaimsSchema.parse({ jti: randomUUID(), ...claims });
  const header = base64url(JSON.stringify({ alg: PANEL_TOKEN_ALGORITHM, typ: 'JWT' }));
  const payload = base64url(JSON.stringify(checked));
  const signature = createHmac('sha256', Buffer.from(panelTokenSecret, 'utf8'))
    .update(`${header}.${payload}`)
    .digest();
  return `${header}.${payload}.${base64url(signature)}`;
}

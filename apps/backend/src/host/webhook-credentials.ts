import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * v1 hosts authenticate deliveries only with Basic credentials written into the callback URL.
 * They are derived from the tenant's webhook secret (HMAC), so nothing more is stored and a new
 * secret at reinstall gives new credentials (the registration is then updated).
 */
export function webhookBasicCredentials(
  tenantId: string,
  webhookSecret: string,
): { username: string; password: string } {
  const password = createHmac('sha256', webhookSecret)
    .update(`switchboard:v1-webhook-basic:${tenantId}`)
    .digest('base64url');
  return { username: `switchboard-${tenantId}`, password };
}

/** The `Authorization` header value a v1 delivery must carry. */
export function basicAuthorization(credentials: { username: string; password: string }): string {
  const token = Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64');
  return `Basic ${token}`;
}

/** Constant-time comparison of an `Authorization` header with the expected value. */
export function authorizationMatches(received: string | undefined, expected: string): boolean {
  if (received === undefined) return false;
  const a = Buffer.from(received);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

import { createHmac } from 'node:crypto';

const b64url = (value: string | Buffer): string => Buffer.from(value).toString('base64url');

/**
 * A panel JWT as the host mints it when it opens Switchboard's admin panel: HS256 over the UTF-8
 * bytes of the tenant's panel secret, claims tid, sub, name, roles, locale, aud, iat, exp.
 */
export function signPanelToken(
  secret: string,
  claims: {
    tid: string;
    sub: string;
    name?: string | null;
    roles: string[];
    locale?: 'cs' | 'en';
    aud: string;
  },
  lifetimeSeconds: number,
  nowSeconds = Math.floor(Date.now() / 1000),
): string {
  const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = b64url(
    JSON.stringify({ ...claims, iat: nowSeconds, exp: nowSeconds + lifetimeSeconds }),
  );
  const signature = createHmac('sha256', Buffer.from(secret, 'utf8'))
    .update(`${header}.${payload}`)
    .digest('base64url');
  return `${header}.${payload}.${signature}`;
}

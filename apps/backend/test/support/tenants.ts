import { randomBytes, randomUUID } from 'node:crypto';
import { generateWebhookSecret, signedHeaders } from '@switchboard/host-contract';
import { SignJWT } from 'jose';
import type { Principal, Role } from '../../src/auth/principal.js';
import type { InstallRequest } from '../../src/installation/install-request.js';
import { TEST_PLATFORM_SECRET, type TestApp } from './test-app.js';

export interface InstalledTenant {
  tenantId: string;
  secrets: {
    panelTokenSecret: string;
    webhookSecret: string;
    clientId: string;
    clientSecret: string;
  };
}

/** A complete, valid install request for a fresh random tenant. */
export function installRequest(overrides: Partial<InstallRequest> = {}): InstallRequest {
  return {
    tenantId: `t-${randomBytes(6).toString('hex')}`,
    name: 'Test tenant',
    hostApiBaseUrl: 'https://host.example/api/v1',
    clientId: `client-${randomBytes(4).toString('hex')}`,
    clientSecret: `cs-${randomBytes(24).toString('base64url')}`,
    webhookSecret: generateWebhookSecret(),
    panelTokenSecret: randomBytes(32).toString('base64url'),
    entitlements: [],
    capabilities: ['signedWebhooks'],
    ...overrides,
  };
}

/**
 * POSTs `body` (serialized as given when a string) signed with the platform secret, as the
 * host platform calls /install and /uninstall.
 */
export function platformPost(
  app: TestApp,
  path: '/install' | '/uninstall',
  body: unknown,
  options: {
    secret?: string;
    messageId?: string;
    timestamp?: number;
    headers?: Record<string, string>;
  } = {},
): Promise<Response> {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  const signed = signedHeaders(
    options.secret ?? TEST_PLATFORM_SECRET,
    options.messageId ?? `msg_${randomUUID()}`,
    raw,
    options.timestamp,
  );
  return fetch(`${app.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...signed, ...options.headers },
    body: raw,
  });
}

/** Installs a tenant (random id unless given) and returns its id and the secrets it was given. */
export async function installTenant(
  app: TestApp,
  overrides: Partial<InstallRequest> = {},
): Promise<InstalledTenant> {
  const request = installRequest(overrides);
  const response = await platformPost(app, '/install', request);
  if (response.status !== 201 && response.status !== 200) {
    throw new Error(`install failed: ${response.status} ${await response.text()}`);
  }
  return {
    tenantId: request.tenantId,
    secrets: {
      panelTokenSecret: request.panelTokenSecret,
      webhookSecret: request.webhookSecret,
      clientId: request.clientId,
      clientSecret: request.clientSecret,
    },
  };
}

/**
 * A JWT as the host signs it for the panel or an operator action (HS256, panelTokenSecret),
 * with a fresh random `jti` as the host gives every token.
 */
export async function hostToken(
  secret: string,
  claims: {
    tenantId: string;
    userId?: string;
    userName?: string;
    roles: Role[];
    locale?: 'cs' | 'en';
    expiresInSeconds?: number;
    audience?: string;
  },
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    tid: claims.tenantId,
    roles: claims.roles,
    ...(claims.userName === undefined ? {} : { name: claims.userName }),
    ...(claims.locale === undefined ? {} : { locale: claims.locale }),
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.userId ?? `user-${claims.roles.join('-')}`)
    .setAudience(claims.audience ?? 'switchboard')
    .setJti(randomUUID())
    .setIssuedAt(now)
    .setExpirationTime(now + (claims.expiresInSeconds ?? 300))
    .sign(new TextEncoder().encode(secret));
}

/** Opens a panel session for the tenant with the given roles; returns the header to send. */
export async function panelSession(
  app: TestApp,
  tenant: { tenantId: string; secrets: { panelTokenSecret: string } },
  roles: Role[],
  options: { locale?: 'cs' | 'en' } = {},
): Promise<{ authorization: string; principal: Principal }> {
  const token = await hostToken(tenant.secrets.panelTokenSecret, {
    tenantId: tenant.tenantId,
    roles,
    userName: `Test ${roles.join('+')}`,
    ...(options.locale === undefined ? {} : { locale: options.locale }),
  });
  const response = await fetch(`${app.baseUrl}/api/auth/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token }),
  });
  if (response.status !== 201) {
    throw new Error(`session failed: ${response.status} ${await response.text()}`);
  }
  const body = (await response.json()) as { sessionToken: string; principal: Principal };
  return { authorization: `Bearer ${body.sessionToken}`, principal: body.principal };
}

/**
 * The Authorization header a caller with these roles sends: the JWT itself for the host's
 * server and operators, a panel session (the JWT exchanged once) for panel people.
 */
export async function authorizationFor(
  app: TestApp,
  tenant: { tenantId: string; secrets: { panelTokenSecret: string } },
  roles: Role[],
): Promise<string> {
  if (roles.every((role) => role === 'host' || role === 'operator')) {
    return `Bearer ${await hostToken(tenant.secrets.panelTokenSecret, { tenantId: tenant.tenantId, roles })}`;
  }
  return (await panelSession(app, tenant, roles)).authorization;
}

import { randomBytes, randomUUID } from 'node:crypto';
import {
  EXTENSION_PATHS,
  generateWebhookSecret,
  signedHeaders,
  type SmtpRelay,
} from '@switchboard/host-contract';
import { findTenant } from '../actions/lookup.js';
import { joinUrl } from '../common/join-url.js';
import type { SandboxContext } from '../sandbox-context.js';
import type { PluginInstallation } from '../state/integration.model.js';
import { hostCapabilities } from './capabilities.js';

export interface InstallOutcome {
  ok: boolean;
  status: number | null;
  error: string | null;
  installation: PluginInstallation;
}

async function postSigned(
  url: string,
  secret: string,
  body: unknown,
): Promise<{ status: number | null; body: unknown; error: string | null }> {
  const text = JSON.stringify(body);
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...signedHeaders(secret, `msg_${randomUUID()}`, text),
      },
      body: text,
      signal: AbortSignal.timeout(10_000),
    });
    const raw = await response.text();
    let parsed: unknown = raw;
    try {
      parsed = raw ? JSON.parse(raw) : null;
    } catch {
      // Not JSON: keep the text.
    }
    return { status: response.status, body: parsed, error: null };
  } catch (error) {
    return {
      status: null,
      body: null,
      error: error instanceof Error ? error.message : String(error),
    };
  }
}

/**
 * The tenant admin enables the plugin: fresh API credentials, webhook secret and panel secret,
 * sent to Switchboard's /install signed with the platform secret, with the tenant's SMTP relay when
 * one is given. A reinstall rotates everything and revokes the previous API client (and sends the
 * relay again, or none).
 */
export async function installPlugin(
  ctx: SandboxContext,
  tenantId: number,
  input: { switchboardUrl: string; platformSecret: string; smtp?: SmtpRelay | undefined },
): Promise<InstallOutcome> {
  const s = ctx.store.state;
  const tenant = findTenant(s, tenantId);
  const now = new Date().toISOString();
  const installation: PluginInstallation = {
    tenantId,
    switchboardUrl: input.switchboardUrl,
    platformSecret: input.platformSecret,
    hostApiBaseUrl: ctx.publicApiUrl(),
    clientId: `switchboard-${tenantId}-${randomBytes(4).toString('hex')}`,
    clientSecret: randomBytes(24).toString('base64url'),
    webhookSecret: generateWebhookSecret(),
    panelTokenSecret: randomBytes(32).toString('base64url'),
    capabilities: hostCapabilities(s.settings.v1Only),
    entitlements: [...tenant.entitlements],
    smtp: input.smtp ?? null,
    installedAt: now,
    responseStatus: null,
    responseBody: null,
    active: false,
    uninstalledAt: null,
  };
  const body = {
    tenantId: String(tenantId),
    name: tenant.name,
    hostApiBaseUrl: installation.hostApiBaseUrl,
    clientId: installation.clientId,
    clientSecret: installation.clientSecret,
    webhookSecret: installation.webhookSecret,
    panelTokenSecret: installation.panelTokenSecret,
    entitlements: installation.entitlements,
    capabilities: installation.capabilities,
    timeZone: tenant.timeZone,
    locale: tenant.locale,
    ...(installation.smtp === null ? {} : { smtp: installation.smtp }),
  };
  // The client must exist before Switchboard answers: its install registers webhooks right away.
  s.oauthClients.push({
    clientId: installation.clientId,
    clientSecret: installation.clientSecret,
    tenantId,
    createdAt: now,
    revoked: false,
  });
  const answer = await postSigned(
    joinUrl(input.switchboardUrl, EXTENSION_PATHS.switchboard.install),
    input.platformSecret,
    body,
  );
  installation.responseStatus = answer.status;
  installation.responseBody = answer.body;
  const ok = answer.status !== null && answer.status >= 200 && answer.status < 300;
  if (ok) {
    for (const previous of s.installations.filter((i) => i.tenantId === tenantId && i.active)) {
      previous.active = false;
      const client = s.oauthClients.find((c) => c.clientId === previous.clientId);
      if (client) client.revoked = true;
    }
    installation.active = true;
  } else {
    const client = s.oauthClients.find((c) => c.clientId === installation.clientId);
    if (client) client.revoked = true;
  }
  s.installations.push(installation);
  ctx.store.changed();
  return { ok, status: answer.status, error: answer.error, installation };
}

/** The tenant admin removes the plugin: Switchboard is told, credentials and its webhooks go. */
export async function uninstallPlugin(
  ctx: SandboxContext,
  tenantId: number,
): Promise<{ ok: boolean; status: number | null; error: string | null }> {
  const s = ctx.store.state;
  const installation = s.installations.find((i) => i.tenantId === tenantId && i.active);
  if (!installation) return { ok: false, status: null, error: 'not_installed' };
  const answer = await postSigned(
    joinUrl(installation.switchboardUrl, EXTENSION_PATHS.switchboard.uninstall),
    installation.platformSecret,
    { tenantId: String(tenantId) },
  );
  installation.active = false;
  installation.uninstalledAt = new Date().toISOString();
  const client = s.oauthClients.find((c) => c.clientId === installation.clientId);
  if (client) client.revoked = true;
  const origin = new URL(installation.switchboardUrl).origin;
  s.webhooks = s.webhooks.filter(
    (w) => !(w.tenantId === tenantId && safeOrigin(w.callbackUrl) === origin),
  );
  ctx.store.changed();
  const ok = answer.status !== null && answer.status >= 200 && answer.status < 300;
  return { ok, status: answer.status, error: answer.error };
}

function safeOrigin(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

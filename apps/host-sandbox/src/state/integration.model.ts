import type { SmtpRelay } from '@switchboard/host-contract';

/** A webhook registration made through the v1 API: an event list and a URL, nothing else. */
export interface WebhookRegistration {
  id: number;
  tenantId: number;
  eventTypes: string[];
  callbackUrl: string;
  created: string;
}

/** API credentials (the "API username and password" an admin generates). */
export interface OAuthClient {
  clientId: string;
  clientSecret: string;
  tenantId: number;
  createdAt: string;
  revoked: boolean;
}

export interface AccessToken {
  token: string;
  clientId: string;
  tenantId: number;
  expiresAt: string;
}

/** What the sandbox sent to Switchboard's /install, kept so tests and the demo can read secrets back. */
export interface PluginInstallation {
  tenantId: number;
  switchboardUrl: string;
  platformSecret: string;
  hostApiBaseUrl: string;
  clientId: string;
  clientSecret: string;
  webhookSecret: string;
  panelTokenSecret: string;
  capabilities: string[];
  entitlements: string[];
  /** The tenant's SMTP relay sent with the install (null: none; absent in state saved before it). */
  smtp?: SmtpRelay | null;
  installedAt: string;
  /** Switchboard's answer to the install request. */
  responseStatus: number | null;
  responseBody: unknown;
  active: boolean;
  uninstalledAt: string | null;
}

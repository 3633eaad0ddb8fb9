import { AuditEntry } from '../audit/audit-entry.entity.js';
import { PanelSession } from '../auth/panel-session.entity.js';
import { UsedToken } from '../auth/used-token.entity.js';
import { PlatformRequest } from '../installation/platform-request.entity.js';
import { SettingsRevision } from '../settings/settings-revision.entity.js';
import { TenantSettings } from '../settings/tenant-settings.entity.js';
import { TenantSecret } from '../installation/tenant-secret.entity.js';
import { Tenant } from '../installation/tenant.entity.js';
import { InboxMessage } from '../host/inbox-message.entity.js';
import { WebhookRegistration } from '../host/webhook-registration.entity.js';
import { AppMeta } from './app-meta.entity.js';

/**
 * Every entity of the service, registered explicitly (no folder scanning): a capability adds its
 * entities here and a migration for both dialects (`pnpm db:migration:create <name>`).
 */
export const entities = [
  AppMeta,
  Tenant,
  TenantSecret,
  PlatformRequest,
  PanelSession,
  UsedToken,
  AuditEntry,
  TenantSettings,
  SettingsRevision,
  InboxMessage,
  WebhookRegistration,
];

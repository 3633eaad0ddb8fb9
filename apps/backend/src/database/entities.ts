import { AuditEntry } from '../audit/audit-entry.entity.js';
import { PanelSession } from '../auth/panel-session.entity.js';
import { UsedToken } from '../auth/used-token.entity.js';
import { PlatformRequest } from '../installation/platform-request.entity.js';
import { SettingsRevision } from '../settings/settings-revision.entity.js';
import { TenantSettings } from '../settings/tenant-settings.entity.js';
import { TenantSecret } from '../installation/tenant-secret.entity.js';
import { TenantSmtpRelay } from '../installation/tenant-smtp-relay.entity.js';
import { Tenant } from '../installation/tenant.entity.js';
import { InboxMessage } from '../host/inbox-message.entity.js';
import { WebhookRegistration } from '../host/webhook-registration.entity.js';
import { Job } from '../jobs/job.entity.js';
import { RecurringJob } from '../jobs/recurring-job.entity.js';
import { Partner } from '../partners/partner.entity.js';
import { TenantPartner } from '../partners/tenant-partner.entity.js';
import { EmailQueueThread } from '../email-queue/email-queue-thread.entity.js';
import { OperatorPresence } from '../package-status/operator-presence.entity.js';
import { PackageRoute } from '../package-status/package-route.entity.js';
import { PackageState } from '../package-status/package-state.entity.js';
import { PackageStatusChange } from '../package-status/package-status-change.entity.js';
import { PackageStatusSync } from '../package-status/package-status-sync.entity.js';
import { AppMeta } from './app-meta.entity.js';
import { Ban } from '../bans/ban.entity.js';
import { CallbackNumberBlock } from '../callbacks/callback-number-block.entity.js';
import { OfflineCallback } from '../callbacks/offline-callback.entity.js';
import { ClientPreview } from '../client-preview/client-preview.entity.js';
import { RoutingStep } from '../routed-operators/routing-step.entity.js';
import { AnonymizationRunItem } from '../anonymization/anonymization-run-item.entity.js';
import { AnonymizationRun } from '../anonymization/anonymization-run.entity.js';
import { Backfill } from '../anonymization/backfill.entity.js';
import { EndedSession } from '../anonymization/ended-session.entity.js';
import { LedgerEntry } from '../anonymization/ledger-entry.entity.js';
import { ClientHistoryEntry } from '../client-history/client-history-entry.entity.js';
import { GuestConnectivity } from '../disconnect-grace/guest-connectivity.entity.js';
import { SessionRecording } from '../recordings/session-recording.entity.js';
import { TranscriptRequest } from '../transcripts/transcript-request.entity.js';

/**
 * Every entity of the service, registered explicitly (no folder scanning): a capability adds its
 * entities here and a migration for both dialects (`pnpm db:migration:create <name>`).
 */
export const entities = [
  AppMeta,
  Tenant,
  TenantSecret,
  TenantSmtpRelay,
  PlatformRequest,
  PanelSession,
  UsedToken,
  AuditEntry,
  TenantSettings,
  SettingsRevision,
  InboxMessage,
  WebhookRegistration,
  Job,
  RecurringJob,
  SessionRecording,
  ClientHistoryEntry,
  TranscriptRequest,
  GuestConnectivity,
  Partner,
  TenantPartner,
  OperatorPresence,
  PackageRoute,
  PackageState,
  PackageStatusChange,
  PackageStatusSync,
  EmailQueueThread,
  EndedSession,
  AnonymizationRun,
  AnonymizationRunItem,
  LedgerEntry,
  Backfill,
  ClientPreview,
  RoutingStep,
  Ban,
  CallbackNumberBlock,
  OfflineCallback,
];

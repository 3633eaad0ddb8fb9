import type { AuditActor } from '../audit/audit.service.js';
import type { RevisionKind } from './settings-revision.entity.js';
import type { DocumentChange, SettingsDocument } from './settings-document.js';

/** Emitted after a settings write commits; the cache and the host notifier react to it. */
export const SETTINGS_UPDATED = 'settings.updated';

export interface SettingsUpdatedEvent {
  /**
   * Unique per write (UUID). Versions restart after an uninstall and reinstall, so only this
   * identifies a change for the host's dedupe (the notification's webhook-id).
   */
  eventId: string;
  tenantId: string;
  /** The version the write produced (equal to its revision number). */
  version: number;
  kind: RevisionKind;
  changes: DocumentChange[];
  /** Whole stored documents before and after the write. */
  before: SettingsDocument;
  after: SettingsDocument;
  actor: AuditActor;
}

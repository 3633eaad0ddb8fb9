import type { SandboxContext } from '../sandbox-context.js';
import {
  ANONYMIZATION_CATEGORIES,
  type AnonymizationCategory,
  type SessionFileRemovalState,
} from '../state/enums.js';
import type { Session } from '../state/session.model.js';

export interface FileRemoval {
  fileId: number;
  state: SessionFileRemovalState;
}

/** Removes files of a session; ids of other sessions or unreachable storage report INACCESSIBLE. */
export function deleteFiles(
  ctx: SandboxContext,
  session: Session,
  fileIds: readonly number[] | null,
): FileRemoval[] {
  const ids = fileIds ?? session.files.map((f) => f.id);
  const time = new Date().toISOString();
  const results = ids.map((fileId): FileRemoval => {
    const file = session.files.find((f) => f.id === fileId);
    if (!file || file.inaccessible) return { fileId, state: 'INACCESSIBLE' };
    if (file.isDeleted) return { fileId, state: 'ALREADY_REMOVED' };
    file.isDeleted = true;
    file.deletedAt = time;
    return { fileId, state: 'REMOVED' };
  });
  ctx.store.changed();
  return results;
}

export interface CategoryResult {
  category: AnonymizationCategory;
  state: 'ANONYMIZED' | 'ALREADY_ANONYMIZED' | 'NOTHING_TO_ANONYMIZE';
  itemsAffected: number;
}

/** Blanks the non-null fields among `keys` and counts them. */
function blank<T extends object>(target: T, keys: readonly (keyof T)[]): number {
  let count = 0;
  for (const key of keys) {
    if (target[key] !== null) {
      (target as Record<keyof T, unknown>)[key] = null;
      count++;
    }
  }
  return count;
}

function anonymizeCategory(
  session: Session,
  category: AnonymizationCategory,
  time: string,
): number {
  switch (category) {
    case 'messages_files': {
      let count = 0;
      for (const activity of session.activities) count += blank(activity, ['text']);
      for (const file of session.files) {
        if (!file.isDeleted) {
          file.isDeleted = true;
          file.deletedAt = time;
          count++;
        }
      }
      return count;
    }
    case 'recordings': {
      const live = session.recordings.filter((r) => !r.isDeleted);
      for (const recording of live) recording.isDeleted = true;
      return live.length;
    }
    case 'contact_link':
      // Whatever ties the session to a person: the directory record, the channel identity and
      // contact details, and the identifiers of the client's device and connection.
      return (
        blank(session.guest, [
          'identity',
          'channelIdentity',
          'phone',
          'email',
          'messengerId',
          'name',
          'ipAddress',
          'trackedId',
          'userAgent',
        ]) + blank(session, ['phoneCallbackNumber'])
      );
    case 'session_params': {
      const count = session.callParams.length;
      session.callParams = [];
      return count;
    }
    case 'result_feedback': {
      const count =
        blank(session, ['result']) + blank(session.feedback, ['stars', 'scale', 'text']);
      return count;
    }
  }
}

function applyCategories(
  session: Session,
  categories: readonly AnonymizationCategory[],
  time: string,
): CategoryResult[] {
  const results = categories.map((category): CategoryResult => {
    const already = session.anonymizedCategories.includes(category);
    const itemsAffected = anonymizeCategory(session, category, time);
    if (!already) session.anonymizedCategories.push(category);
    const state =
      itemsAffected > 0 ? 'ANONYMIZED' : already ? 'ALREADY_ANONYMIZED' : 'NOTHING_TO_ANONYMIZE';
    return { category, state, itemsAffected };
  });
  if (ANONYMIZATION_CATEGORIES.every((c) => session.anonymizedCategories.includes(c)))
    session.anonymized ??= time;
  return results;
}

function logCall(
  ctx: SandboxContext,
  session: Session,
  via: 'extension' | 'v1',
  results: readonly CategoryResult[],
  time: string,
): void {
  ctx.store.state.anonymizations.push({
    id: ctx.store.nextId('anonymization'),
    tenantId: session.tenantId,
    sessionId: session.id,
    via,
    categories: results.map((r) => r.category),
    results: results.map((r) => ({
      category: r.category,
      outcome: r.state,
      itemCount: r.itemsAffected,
    })),
    at: time,
  });
  ctx.store.changed();
}

/** Extension: erases the chosen categories; each reports what it did, so a rerun is visibly a no-op. */
export function anonymizeByCategory(
  ctx: SandboxContext,
  session: Session,
  categories: readonly AnonymizationCategory[],
): CategoryResult[] {
  const time = new Date().toISOString();
  const results = applyCategories(session, categories, time);
  logCall(ctx, session, 'extension', results, time);
  return results;
}

/** v1 `POST /Sessions/{id}/anonymize`: every category of the whole session at once. */
export function anonymizeSession(ctx: SandboxContext, session: Session): void {
  const time = new Date().toISOString();
  logCall(ctx, session, 'v1', applyCategories(session, ANONYMIZATION_CATEGORIES, time), time);
}

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

function anonymizeCategory(
  session: Session,
  category: AnonymizationCategory,
  time: string,
): number {
  switch (category) {
    case 'messages_files': {
      let count = 0;
      for (const activity of session.activities) {
        if (activity.text !== null) {
          activity.text = null;
          count++;
        }
      }
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
    case 'contact_link': {
      const g = session.guest;
      const count = [
        g.identity,
        g.channelIdentity,
        g.phone,
        g.email,
        g.messengerId,
        g.name,
        session.phoneCallbackNumber,
      ].filter((v) => v !== null).length;
      Object.assign(g, {
        identity: null,
        channelIdentity: null,
        phone: null,
        email: null,
        messengerId: null,
        name: null,
      });
      session.phoneCallbackNumber = null;
      return count;
    }
    case 'session_params': {
      const count = session.callParams.length;
      session.callParams = [];
      return count;
    }
    case 'result_feedback': {
      const f = session.feedback;
      const count = [session.result, f.stars, f.text].filter((v) => v !== null).length;
      session.result = null;
      session.feedback = { stars: null, scale: null, text: null };
      return count;
    }
  }
}

/** Extension: erases the chosen categories; each reports what it did, so a rerun is visibly a no-op. */
export function anonymizeByCategory(
  ctx: SandboxContext,
  session: Session,
  categories: readonly AnonymizationCategory[],
): CategoryResult[] {
  const time = new Date().toISOString();
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
  ctx.store.changed();
  return results;
}

/** v1 `POST /Sessions/{id}/anonymize`: the whole session, including the guest's device facts. */
export function anonymizeSession(ctx: SandboxContext, session: Session): void {
  anonymizeByCategory(ctx, session, ANONYMIZATION_CATEGORIES);
  Object.assign(session.guest, { ipAddress: null, userAgent: null, trackedId: null });
  session.anonymized ??= new Date().toISOString();
  ctx.store.changed();
}

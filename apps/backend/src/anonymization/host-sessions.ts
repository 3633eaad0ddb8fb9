import {
  ANONYMIZATION_CATEGORIES,
  type AnonymizationCategory,
  type HostApiClient,
  HostApiError,
  type SessionModel,
  isHostApiError,
} from '@switchboard/host-contract';
import { channelOf, type SessionFacts } from './anonymization-rule.js';

/*
 * What anonymization asks of the host: the current record of a batch of sessions (the rule is
 * re-checked against it right before erasing), and the erasure itself, by category through the
 * extension or whole-session through v1.
 */

/** Sessions re-read per list call: the ids travel in the query string. */
export const FACTS_PER_CALL = 50;

export interface HostSessionFacts extends SessionFacts {
  sessionId: string;
  /** Whether the host's record says which package the session came through (extension only). */
  packageKnown: boolean;
}

export function factsOf(session: SessionModel): HostSessionFacts {
  const packageKnown = session.packageId !== undefined;
  return {
    sessionId: session.id,
    channel: channelOf(session.channel),
    packageId:
      session.packageId === null || session.packageId === undefined
        ? null
        : String(session.packageId),
    packageKnown,
    endedAt: session.ended ? new Date(session.ended) : null,
    tags: (session.tags ?? []).map((tag) => tag.name),
  };
}

/**
 * The host's current record of each session, or null for one the host does not know. One list
 * call per FACTS_PER_CALL ids; a session the list leaves out is fetched on its own, so a host that
 * ignores the id filter or pages differently costs calls, never correctness.
 */
export async function readSessionFacts(
  client: HostApiClient,
  sessionIds: readonly string[],
): Promise<Map<string, HostSessionFacts | null>> {
  const found = new Map<string, HostSessionFacts | null>();
  for (let start = 0; start < sessionIds.length; start += FACTS_PER_CALL) {
    const chunk = sessionIds.slice(start, start + FACTS_PER_CALL);
    const wanted = new Set(chunk);
    const page = await client.listSessions({ sessionId: [...chunk], limit: chunk.length });
    for (const session of page) if (wanted.has(session.id)) found.set(session.id, factsOf(session));
  }
  for (const sessionId of sessionIds) {
    if (found.has(sessionId)) continue;
    try {
      found.set(sessionId, factsOf(await client.getSession(sessionId)));
    } catch (error) {
      if (isHostApiError(error, 'http') && error.status === 404) found.set(sessionId, null);
      else throw error;
    }
  }
  return found;
}

/** The outcome of one category on the host, as the ledger records it. */
export interface CategoryOutcome {
  category: AnonymizationCategory;
  done: boolean;
  method: 'extension' | 'v1_whole_session';
  /** The host's word (ANONYMIZED, ALREADY_ANONYMIZED, NOTHING_TO_ANONYMIZE, FAILED…). */
  outcome: string;
  itemCount: number | null;
  error: string | null;
}

/** The v1 call covers every category at once; the ledger says so per category. */
export const COVERED_BY_WHOLE_SESSION = 'COVERED_BY_WHOLE_SESSION';

const DONE_OUTCOMES = new Set(['ANONYMIZED', 'ALREADY_ANONYMIZED', 'NOTHING_TO_ANONYMIZE']);

/**
 * Erases the given categories of one session on the host. With the extension, one call names
 * them and each answers for itself; without it, the v1 anonymize of the whole session covers
 * them all. Throws HostApiError when the call itself failed (the caller decides on a retry).
 */
export async function eraseOnHost(
  client: HostApiClient,
  sessionId: string,
  categories: readonly AnonymizationCategory[],
  byCategory: boolean,
): Promise<CategoryOutcome[]> {
  if (!byCategory) {
    await client.anonymizeSession(sessionId);
    return categories.map((category) => ({
      category,
      done: true,
      method: 'v1_whole_session',
      outcome: COVERED_BY_WHOLE_SESSION,
      itemCount: null,
      error: null,
    }));
  }
  const answer = await client.anonymizeSessionCategories(sessionId, categories);
  return categories.map((category): CategoryOutcome => {
    const result = answer.results.find((r) => r.category === category);
    if (result === undefined) {
      return {
        category,
        done: false,
        method: 'extension',
        outcome: 'NO_ANSWER',
        itemCount: null,
        error: 'the host did not answer for this category',
      };
    }
    const done = DONE_OUTCOMES.has(result.outcome);
    return {
      category,
      done,
      method: 'extension',
      outcome: result.outcome,
      itemCount: result.itemCount ?? null,
      error: done ? null : (result.message ?? `the host answered ${result.outcome}`),
    };
  });
}

export const HOST_CATEGORIES: readonly AnonymizationCategory[] = ANONYMIZATION_CATEGORIES;

/**
 * Whether a failed host call may succeed later: the host was unreachable, slow, overloaded,
 * throttling, or its circuit is open. A refusal (4xx) or an answer outside the contract is final.
 */
export function isRetryable(error: unknown): boolean {
  if (!(error instanceof HostApiError)) return true;
  switch (error.kind) {
    case 'network':
    case 'timeout':
    case 'circuit_open':
    case 'auth':
      return true;
    case 'invalid_response':
      return false;
    case 'http':
      return error.status === null || error.status >= 500 || [408, 409, 429].includes(error.status);
  }
}

/** A short, credential-free description of a failure for the ledger and the audit. */
export function describeError(error: unknown): string {
  if (error instanceof HostApiError) {
    const status = error.status === null ? '' : ` ${error.status}`;
    return `host ${error.kind}${status} on ${error.method} ${error.path}: ${error.message}`.slice(
      0,
      500,
    );
  }
  return (error instanceof Error ? error.message : String(error)).slice(0, 500);
}

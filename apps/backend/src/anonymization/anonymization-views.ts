import type { AnonymizationRunItem } from './anonymization-run-item.entity.js';
import type { AnonymizationRun } from './anonymization-run.entity.js';
import type { RunProgress } from './anonymization-runs.service.js';
import type { BackfillView, ItemView, LedgerEntryView, RunView } from './anonymization.schemas.js';
import type { Backfill } from './backfill.entity.js';
import type { LedgerEntry } from './ledger-entry.entity.js';

const iso = (date: Date | null): string | null => date?.toISOString() ?? null;

export function runView(run: AnonymizationRun, progress: RunProgress, now = new Date()): RunView {
  const end = run.finishedAt ?? (run.status === 'running' ? now : (run.lastProgressAt ?? now));
  const durationMs = Math.max(0, end.getTime() - run.createdAt.getTime());
  return {
    id: run.id,
    trigger: run.trigger,
    status: run.status,
    mode: run.mode,
    rule: { ...run.rule },
    cutoff: run.cutoff.toISOString(),
    deadline: iso(run.deadline),
    requestedBy: run.requestedBy,
    createdAt: run.createdAt.toISOString(),
    finishedAt: iso(run.finishedAt),
    lastProgressAt: iso(run.lastProgressAt),
    error: run.error,
    total: run.total,
    counts: progress.counts,
    processed: progress.processed,
    progress: run.total === 0 ? 1 : Math.min(1, progress.processed / run.total),
    durationMs,
    hostMs: Number(run.hostMs),
    switchboardMs: Number(run.switchboardMs),
    erasureMs: Number(run.erasureMs),
    sessionsPerSecond:
      durationMs === 0 ? null : Math.round((progress.processed / durationMs) * 1000 * 10) / 10,
  };
}

export function itemView(item: AnonymizationRunItem): ItemView {
  return {
    id: item.id,
    sessionId: item.sessionId,
    seq: item.seq,
    status: item.status,
    reason: item.reason,
    error: item.error,
    attempts: item.attempts,
    finishedAt: iso(item.finishedAt),
  };
}

export function ledgerView(entry: LedgerEntry): LedgerEntryView {
  return {
    id: entry.id,
    sessionId: entry.sessionId,
    category: entry.category,
    status: entry.status,
    method: entry.method,
    outcome: entry.outcome,
    itemCount: entry.itemCount,
    details: entry.details,
    error: entry.error,
    runId: entry.runId,
    updatedAt: entry.updatedAt.toISOString(),
    doneAt: iso(entry.doneAt),
  };
}

export function backfillView(backfill: Backfill): BackfillView {
  return {
    id: backfill.id,
    trigger: backfill.trigger,
    status: backfill.status,
    endedAfter: iso(backfill.endedAfter),
    endedBefore: backfill.endedBefore.toISOString(),
    pages: backfill.pages,
    sessionsSeen: backfill.sessionsSeen,
    startedAt: backfill.startedAt.toISOString(),
    finishedAt: iso(backfill.finishedAt),
    error: backfill.error,
  };
}

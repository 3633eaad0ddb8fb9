import { EntityManager } from '@mikro-orm/core';
import { Injectable, Logger } from '@nestjs/common';
import { type AnonymizationCategory, HostApiError } from '@switchboard/host-contract';
import { AuditService, systemActor } from '../audit/audit.service.js';
import { InjectEnv } from '../config/config.module.js';
import { databaseDialect, type Env } from '../config/env.js';
import { HostApiClientFactory } from '../host/host-api-client.factory.js';
import { SessionErasureRegistry } from '../privacy/session-erasure.registry.js';
import { evaluateRule, type MismatchReason } from './anonymization-rule.js';
import { AnonymizationRun } from './anonymization-run.entity.js';
import { mapLimit, pause } from './concurrency.js';
import { EndedSessionIndex } from './ended-session-index.service.js';
import {
  type CategoryOutcome,
  describeError,
  eraseOnHost,
  HOST_CATEGORIES,
  type HostSessionFacts,
  isRetryable,
  readSessionFacts,
} from './host-sessions.js';
import { type LedgerWrite, LedgerWriter, SWITCHBOARD_CATEGORY } from './ledger.js';
import { SqlDialect } from './sql-dialect.js';

/** Sessions claimed per batch (one re-read call per 50 on the host, one commit here). */
export const BATCH_SIZE = 50;
/** Host calls of one run in flight at once (the tenant's client caps its own concurrency too). */
export const HOST_CONCURRENCY = 4;
/** How long a claim holds items; renewed while the batch is worked on. */
const LEASE_MS = 30_000;
const RENEW_EVERY_MS = 10_000;
/** Attempts at one session whose host call failed in a way that may pass. */
export const MAX_ITEM_ATTEMPTS = 8;
const MAX_BACKOFF_MS = 30_000;
/** The longest and the shortest pause of a run while the host is down. */
const MAX_HOST_PAUSE_MS = 30_000;
const MIN_HOST_PAUSE_MS = 500;
/** Batches one driver has in hand at once. */
export const LANES = 2;
/** A driver looks again this often for items that are not yet available (claimed, backing off). */
const IDLE_POLL_MS = 1_000;

/** What the lanes of one driver share: when the host may be asked again. */
interface HostState {
  pausedUntil: number;
  consecutiveFailures: number;
}

interface ClaimedItem {
  id: number;
  sessionId: string;
  attempts: number;
}

/** What the engine needs of a run while working on it. */
interface RunRef {
  id: string;
  tenantId: string;
  rule: AnonymizationRun['rule'];
  cutoff: Date;
  deadline: Date | null;
  byCategory: boolean;
}

type HostWork =
  | { kind: 'skip'; item: ClaimedItem; reason: MismatchReason | 'not_found' }
  | {
      kind: 'erase';
      item: ClaimedItem;
      facts: HostSessionFacts;
      open: AnonymizationCategory[];
      outcomes: CategoryOutcome[];
      error: unknown;
    };

const backoffMs = (attempts: number): number =>
  Math.min(MAX_BACKOFF_MS, 1_000 * 2 ** Math.max(0, attempts - 1));

/**
 * Works through a run's items in batches: claim, re-read the sessions on the host and re-check the
 * rule (legal holds placed since the selection count), erase the open categories on the host,
 * then in one transaction erase Switchboard's own data and record everything (ledger, items, index,
 * audit). Any number of drivers may work on one run: claims keep them apart, and every write is
 * idempotent, so a crash at any point repeats at most the batch in hand.
 */
@Injectable()
export class RunEngine {
  private readonly logger = new Logger(RunEngine.name);
  private readonly sql: SqlDialect;
  private readonly ledger: LedgerWriter;

  constructor(
    private readonly em: EntityManager,
    private readonly clients: HostApiClientFactory,
    private readonly erasure: SessionErasureRegistry,
    private readonly audit: AuditService,
    private readonly index: EndedSessionIndex,
    @InjectEnv() env: Env,
  ) {
    this.sql = new SqlDialect(databaseDialect(env) === 'postgresql');
    this.ledger = new LedgerWriter(this.sql);
  }

  /**
   * Works on the run until it is finished, stopped or cancelled, or `signal` aborts (the process
   * is shutting down: the batches in hand are finished first). Returns the run's status at the end.
   * LANES batches are in hand at once, so one batch's host calls overlap another's commit; claims
   * keep the lanes (and other processes) on different sessions.
   */
  async drive(runId: string, signal: AbortSignal): Promise<string> {
    const host: HostState = { pausedUntil: 0, consecutiveFailures: 0 };
    await Promise.all(Array.from({ length: LANES }, () => this.lane(runId, signal, host)));
    const run = await this.em.fork().findOne(AnonymizationRun, { id: runId });
    return run?.status ?? 'gone';
  }

  private async lane(runId: string, signal: AbortSignal, host: HostState): Promise<void> {
    for (;;) {
      // Let timers and sockets run between batches: SQLite answers without giving the event loop
      // a turn, so a lane that never waits would starve the rest of the process.
      await new Promise((resolve) => setImmediate(resolve));
      const run = await this.em.fork().findOne(AnonymizationRun, { id: runId });
      if (run === null || run.status !== 'running' || signal.aborted) return;
      const ref: RunRef = {
        id: run.id,
        tenantId: run.tenant.id,
        rule: run.rule,
        cutoff: run.cutoff,
        deadline: run.deadline,
        byCategory: run.mode === 'categories',
      };
      if (ref.deadline !== null && Date.now() >= ref.deadline.getTime()) {
        await this.end(ref.id, ref.tenantId, 'stopped', 'window_end');
        return;
      }
      const wait = host.pausedUntil - Date.now();
      if (wait > 0) {
        await pause(Math.min(wait, IDLE_POLL_MS), signal);
        continue;
      }
      const items = await this.claim(ref.id);
      if (items.length === 0) {
        if (!(await this.hasPending(ref.id))) {
          await this.finish(ref.id, ref.tenantId);
          return;
        }
        await pause(IDLE_POLL_MS, signal);
        continue;
      }
      const hostDown = await this.processBatch(ref, items);
      if (hostDown === null) {
        host.consecutiveFailures = 0;
        continue;
      }
      // An open circuit says when the host may be asked again (already past while its probe is
      // out); otherwise back off, doubling. Never less than a moment: a lane must not spin.
      if (hostDown.retryAt === null) host.consecutiveFailures += 1;
      host.pausedUntil = Math.max(
        host.pausedUntil,
        Date.now() + MIN_HOST_PAUSE_MS,
        hostDown.retryAt ??
          Date.now() + Math.min(MAX_HOST_PAUSE_MS, 1_000 * 2 ** (host.consecutiveFailures - 1)),
      );
      this.logger.warn(
        {
          runId,
          tenantId: ref.tenantId,
          error: describeError(hostDown.error),
          pausedForMs: host.pausedUntil - Date.now(),
        },
        'anonymization run pauses: the host is unavailable',
      );
    }
  }

  /** Takes up to BATCH_SIZE available pending items, oldest session first. */
  private async claim(runId: string): Promise<ClaimedItem[]> {
    const now = new Date();
    const rows = await this.sql.rows(
      this.em.fork(),
      `update anonymization_run_item set available_at = ?, attempts = attempts + 1
        where id in (select id from anonymization_run_item
                      where run_id = ? and status = 'pending' and available_at <= ?
                      order by seq limit ?${this.sql.skipLocked})
        returning id, session_id, attempts`,
      [this.sql.time(new Date(now.getTime() + LEASE_MS)), runId, this.sql.time(now), BATCH_SIZE],
    );
    return rows.map((row) => ({
      id: Number(row['id']),
      sessionId: String(row['session_id']),
      attempts: Number(row['attempts']),
    }));
  }

  private async hasPending(runId: string): Promise<boolean> {
    const rows = await this.sql.rows(
      this.em.fork(),
      `select 1 as one from anonymization_run_item where run_id = ? and status = 'pending' limit 1`,
      [runId],
    );
    return rows.length > 0;
  }

  /** Extends the claim on items still pending while their batch is being worked on. */
  private renewClaims(items: readonly ClaimedItem[]): () => void {
    const timer = setInterval(() => {
      const until = this.sql.time(new Date(Date.now() + LEASE_MS));
      this.sql
        .run(
          this.em.fork(),
          `update anonymization_run_item set available_at = ?
            where status = 'pending' and id in (${this.sql.list(items.length)})`,
          [until, ...items.map((item) => item.id)],
        )
        .catch((error: unknown) => this.logger.warn({ err: error }, 'claim renewal failed'));
    }, RENEW_EVERY_MS);
    timer.unref();
    return () => clearInterval(timer);
  }

  /**
   * One batch. Returns null when the host answered, or the failure when it could not even be
   * asked for the sessions' records (the batch is released untouched and the run pauses).
   */
  private async processBatch(
    run: RunRef,
    items: ClaimedItem[],
  ): Promise<{ error: unknown; retryAt: number | null } | null> {
    const stopRenewing = this.renewClaims(items);
    try {
      const client = await this.clients.forTenant(run.tenantId);
      let hostMs = 0;
      let switchboardMs = 0;

      let started = Date.now();
      let facts: Map<string, HostSessionFacts | null>;
      try {
        facts = await readSessionFacts(
          client,
          items.map((item) => item.sessionId),
        );
      } catch (error) {
        await this.release(items, 0, describeError(error), false);
        return { error, retryAt: error instanceof HostApiError ? error.retryAt : null };
      }
      hostMs += Date.now() - started;

      started = Date.now();
      const work: HostWork[] = [];
      const eligible: { item: ClaimedItem; facts: HostSessionFacts }[] = [];
      for (const item of items) {
        const current = facts.get(item.sessionId) ?? null;
        if (current === null) {
          work.push({ kind: 'skip', item, reason: 'not_found' });
          continue;
        }
        const verdict = evaluateRule(run.rule, run.cutoff, current);
        if (verdict.match) eligible.push({ item, facts: current });
        else work.push({ kind: 'skip', item, reason: verdict.reason });
      }
      const em = this.em.fork();
      const done = await this.ledger.doneCategories(
        em,
        run.tenantId,
        eligible.map((e) => e.item.sessionId),
      );
      const openOf = (sessionId: string): AnonymizationCategory[] =>
        HOST_CATEGORIES.filter((category) => !done.get(sessionId)?.has(category));
      await this.ledger.markPending(
        em,
        run.tenantId,
        run.id,
        eligible.flatMap(({ item }) =>
          [...openOf(item.sessionId), SWITCHBOARD_CATEGORY]
            .filter((category) => !done.get(item.sessionId)?.has(category))
            .map((category) => ({ sessionId: item.sessionId, category })),
        ),
      );
      switchboardMs += Date.now() - started;

      started = Date.now();
      work.push(
        ...(await mapLimit(eligible, HOST_CONCURRENCY, async ({ item, facts: current }) => {
          const open = openOf(item.sessionId);
          if (open.length === 0) {
            return {
              kind: 'erase' as const,
              item,
              facts: current,
              open,
              outcomes: [],
              error: null,
            };
          }
          try {
            const outcomes = await eraseOnHost(client, item.sessionId, open, run.byCategory);
            return { kind: 'erase' as const, item, facts: current, open, outcomes, error: null };
          } catch (error) {
            return { kind: 'erase' as const, item, facts: current, open, outcomes: [], error };
          }
        })),
      );
      hostMs += Date.now() - started;

      started = Date.now();
      const erasureMs = await this.commit(run, work, facts, done);
      const commitMs = Date.now() - started;
      switchboardMs += commitMs;
      this.logger.debug(
        { runId: run.id, sessions: items.length, hostMs, switchboardMs, commitMs, erasureMs },
        'anonymization batch recorded',
      );
      await this.sql.run(
        this.em.fork(),
        `update anonymization_run set host_ms = host_ms + ?, switchboard_ms = switchboard_ms + ?,
                erasure_ms = erasure_ms + ?, last_progress_at = ? where id = ?`,
        [hostMs, switchboardMs, erasureMs, this.sql.time(new Date()), run.id],
      );
      const failures = work.filter(
        (w) => w.kind === 'erase' && w.error !== null && isRetryable(w.error),
      );
      // Most of the batch failing on the host alike means the host is down, not the sessions.
      const first = failures[0];
      if (first?.kind === 'erase' && failures.length * 2 > eligible.length) {
        return {
          error: first.error,
          retryAt: first.error instanceof HostApiError ? first.error.retryAt : null,
        };
      }
      return null;
    } finally {
      stopRenewing();
    }
  }

  /** Makes items claimable again after `delayMs`; `charge` false gives back the claim's attempt. */
  private async release(
    items: readonly ClaimedItem[],
    delayMs: number,
    error: string,
    charge: boolean,
    em: EntityManager = this.em.fork(),
  ): Promise<void> {
    if (items.length === 0) return;
    await this.sql.run(
      em,
      `update anonymization_run_item
          set available_at = ?, error = ?${charge ? '' : ', attempts = attempts - 1'}
        where status = 'pending' and id in (${this.sql.list(items.length)})`,
      [this.sql.time(new Date(Date.now() + delayMs)), error, ...items.map((item) => item.id)],
    );
  }

  /**
   * Records a batch in one transaction. If an eraser of Switchboard's data fails, the batch is
   * recorded again with each session's erasure on its own savepoint, so one session's failure
   * does not hold back the others. Answers the time spent in the erasers.
   */
  private async commit(
    run: RunRef,
    work: readonly HostWork[],
    facts: Map<string, HostSessionFacts | null>,
    done: Map<string, Set<string>>,
  ): Promise<number> {
    try {
      return await this.em
        .fork()
        .transactional((em) => this.record(em, run, work, facts, done, false));
    } catch (error) {
      this.logger.warn(
        { err: error, runId: run.id },
        'recording an anonymization batch failed; recording each session apart',
      );
      return this.em.fork().transactional((em) => this.record(em, run, work, facts, done, true));
    }
  }

  private async record(
    em: EntityManager,
    run: RunRef,
    work: readonly HostWork[],
    facts: Map<string, HostSessionFacts | null>,
    done: Map<string, Set<string>>,
    isolate: boolean,
  ): Promise<number> {
    const now = new Date();
    let erasureMs = 0;
    const ledger: LedgerWrite[] = [];
    const finished: {
      item: ClaimedItem;
      status: 'done' | 'failed' | 'skipped';
      reason: string | null;
      error: string | null;
    }[] = [];
    const retry: { item: ClaimedItem; error: string }[] = [];
    const anonymized: string[] = [];
    const missing: string[] = [];

    for (const w of work) {
      const sessionId = w.item.sessionId;
      if (w.kind === 'skip') {
        finished.push({ item: w.item, status: 'skipped', reason: w.reason, error: null });
        if (w.reason === 'not_found') missing.push(sessionId);
        await this.audit.record(
          {
            tenantId: run.tenantId,
            actor: systemActor,
            action: 'anonymization.session_skipped',
            target: { type: 'session', id: sessionId },
            details: { runId: run.id, reason: w.reason },
          },
          em,
        );
        continue;
      }
      if (w.error !== null) {
        const message = describeError(w.error);
        if (isRetryable(w.error) && w.item.attempts < MAX_ITEM_ATTEMPTS) {
          retry.push({ item: w.item, error: message });
          continue;
        }
        for (const category of w.open) {
          ledger.push({
            sessionId,
            category,
            status: 'failed',
            method: run.byCategory ? 'extension' : 'v1_whole_session',
            outcome: null,
            itemCount: null,
            details: null,
            error: message,
          });
        }
      }
      for (const outcome of w.outcomes) {
        ledger.push({
          sessionId,
          category: outcome.category,
          status: outcome.done ? 'done' : 'failed',
          method: outcome.method,
          outcome: outcome.outcome,
          itemCount: outcome.itemCount,
          details: null,
          error: outcome.error,
        });
      }
      // Switchboard's own data is due whatever the host said; erasing it again is harmless.
      let switchboardError: string | null = null;
      if (!done.get(sessionId)?.has(SWITCHBOARD_CATEGORY)) {
        const erasing = Date.now();
        try {
          const input = { tenantId: run.tenantId, sessionId };
          const results = isolate
            ? await em.transactional((inner) => this.erasure.eraseSession(input, inner))
            : await this.erasure.eraseSession(input, em);
          ledger.push({
            sessionId,
            category: SWITCHBOARD_CATEGORY,
            status: 'done',
            method: 'switchboard',
            outcome: 'ERASED',
            itemCount: results.reduce((sum, r) => sum + r.erased, 0),
            details: results,
            error: null,
          });
        } catch (error) {
          if (!isolate) throw error;
          switchboardError = describeError(error);
        } finally {
          erasureMs += Date.now() - erasing;
        }
      }
      if (switchboardError !== null && w.item.attempts < MAX_ITEM_ATTEMPTS) {
        retry.push({ item: w.item, error: switchboardError });
        // The host's answers stand; only Switchboard's part is tried again.
        continue;
      }
      if (switchboardError !== null) {
        ledger.push({
          sessionId,
          category: SWITCHBOARD_CATEGORY,
          status: 'failed',
          method: 'switchboard',
          outcome: null,
          itemCount: null,
          details: null,
          error: switchboardError,
        });
      }
      const failed = ledger.filter((row) => row.sessionId === sessionId && row.status === 'failed');
      const status = failed.length === 0 ? 'done' : 'failed';
      finished.push({
        item: w.item,
        status,
        reason: null,
        error: failed.map((row) => `${row.category}: ${row.error ?? ''}`).join('; ') || null,
      });
      if (status === 'done') anonymized.push(sessionId);
      await this.audit.record(
        {
          tenantId: run.tenantId,
          actor: systemActor,
          action:
            status === 'done' ? 'anonymization.session_anonymized' : 'anonymization.session_failed',
          target: { type: 'session', id: sessionId },
          outcome: status === 'done' ? 'success' : 'failed',
          details: {
            runId: run.id,
            categories: Object.fromEntries(
              ledger
                .filter((row) => row.sessionId === sessionId)
                .map((row) => [
                  row.category,
                  row.status === 'done' ? row.outcome : `FAILED: ${row.error ?? ''}`,
                ]),
            ),
            previouslyDone: [...(done.get(sessionId) ?? [])],
          },
        },
        em,
      );
    }

    // Pending rows opened for a session the host could not take yet, and the rows of this batch.
    await this.ledger.record(em, run.tenantId, run.id, ledger);
    await this.finishItems(em, finished, now);
    for (const r of retry) {
      await this.release([r.item], backoffMs(r.item.attempts), r.error, true, em);
    }
    await this.index.recordFromHost(
      run.tenantId,
      [...facts.values()].filter((f): f is HostSessionFacts => f !== null),
      'host',
      em,
    );
    await this.index.markAnonymized(run.tenantId, anonymized, now, em);
    await this.index.markMissing(run.tenantId, missing, now, em);
    await em.flush();
    return erasureMs;
  }

  private async finishItems(
    em: EntityManager,
    finished: readonly {
      item: ClaimedItem;
      status: string;
      reason: string | null;
      error: string | null;
    }[],
    at: Date,
  ): Promise<void> {
    // Rows of one kind go in one statement; failures carry their own error text.
    const groups = new Map<
      string,
      { status: string; reason: string | null; error: string | null; ids: number[] }
    >();
    for (const f of finished) {
      const key = JSON.stringify([f.status, f.reason, f.error]);
      const group = groups.get(key) ?? {
        status: f.status,
        reason: f.reason,
        error: f.error,
        ids: [],
      };
      group.ids.push(f.item.id);
      groups.set(key, group);
    }
    for (const group of groups.values()) {
      await this.sql.run(
        em,
        `update anonymization_run_item set status = ?, reason = ?, error = ?, finished_at = ?
          where status = 'pending' and id in (${this.sql.list(group.ids.length)})`,
        [group.status, group.reason, group.error, this.sql.time(at), ...group.ids],
      );
    }
  }

  /** Per-status item counts of a run. */
  async counts(runId: string, em: EntityManager = this.em.fork()): Promise<Record<string, number>> {
    const rows = await this.sql.rows(
      em,
      `select status, count(*) as n from anonymization_run_item where run_id = ? group by status`,
      [runId],
    );
    const counts: Record<string, number> = {
      pending: 0,
      done: 0,
      failed: 0,
      skipped: 0,
      deferred: 0,
    };
    for (const row of rows) counts[String(row['status'])] = Number(row['n']);
    return counts;
  }

  /** Every item is finished: the run completes (once, whoever gets here first). */
  private async finish(runId: string, tenantId: string): Promise<void> {
    await this.em.fork().transactional(async (em) => {
      const counts = await this.counts(runId, em);
      const status = (counts['failed'] ?? 0) > 0 ? 'completed_with_failures' : 'completed';
      const changed = await this.sql.run(
        em,
        `update anonymization_run set status = ?, counts = ?, finished_at = ?, active_key = null
          where id = ? and status = 'running'`,
        [status, this.sql.json(counts), this.sql.time(new Date()), runId],
      );
      if (changed === 0) return;
      await this.audit.record(
        {
          tenantId,
          actor: systemActor,
          action: 'anonymization.run_finished',
          target: { type: 'anonymization_run', id: runId },
          outcome: status === 'completed' ? 'success' : 'failed',
          details: { status, counts },
        },
        em,
      );
      await em.flush();
    });
  }

  /**
   * Ends a running run early (window closed, cancelled): the items not yet reached are deferred
   * to a later run. Answers whether this call ended it.
   */
  async end(
    runId: string,
    tenantId: string,
    status: 'stopped' | 'cancelled',
    reason: string,
    actor = systemActor,
  ): Promise<boolean> {
    return this.em.fork().transactional(async (em) => {
      const changed = await this.sql.run(
        em,
        `update anonymization_run set status = ?, finished_at = ?, active_key = null, error = ?
          where id = ? and tenant_id = ? and status = 'running'`,
        [status, this.sql.time(new Date()), reason, runId, tenantId],
      );
      if (changed === 0) return false;
      await this.sql.run(
        em,
        `update anonymization_run_item set status = 'deferred', reason = ?, finished_at = ?
          where run_id = ? and status = 'pending'`,
        [reason, this.sql.time(new Date()), runId],
      );
      const counts = await this.counts(runId, em);
      await this.sql.run(em, `update anonymization_run set counts = ? where id = ?`, [
        this.sql.json(counts),
        runId,
      ]);
      await this.audit.record(
        {
          tenantId,
          actor,
          action:
            status === 'cancelled' ? 'anonymization.run_cancelled' : 'anonymization.run_stopped',
          target: { type: 'anonymization_run', id: runId },
          details: { reason, counts },
        },
        em,
      );
      await em.flush();
      return true;
    });
  }
}

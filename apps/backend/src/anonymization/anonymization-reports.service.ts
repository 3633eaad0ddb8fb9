import { EntityManager, type FilterQuery, type QueryOrderMap } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { csvRow, UTF8_BOM } from '../audit/csv.js';
import type { ListQuery } from '../common/rest/list-query.js';
import { AnonymizationRunItem } from './anonymization-run-item.entity.js';
import type {
  ItemFilter,
  ItemView,
  LedgerEntryView,
  LedgerFilter,
  SessionProof,
} from './anonymization.schemas.js';
import { itemView, ledgerView } from './anonymization-views.js';
import { EndedSession } from './ended-session.entity.js';
import { LEDGER_CATEGORIES } from './ledger.js';
import { LedgerEntry } from './ledger-entry.entity.js';

const EXPORT_BATCH = 500;

const RUN_CSV_COLUMNS = [
  'runId',
  'sessionId',
  'sessionEndedAt',
  'channel',
  'packageId',
  'sessionStatus',
  'reason',
  'category',
  'categoryStatus',
  'method',
  'outcome',
  'itemCount',
  'error',
  'doneAt',
  'doneByRun',
] as const;

const LEDGER_CSV_COLUMNS = [
  'sessionId',
  'sessionEndedAt',
  'channel',
  'packageId',
  'category',
  'status',
  'method',
  'outcome',
  'itemCount',
  'error',
  'runId',
  'updatedAt',
  'doneAt',
] as const;

const iso = (date: Date | null | undefined): string => date?.toISOString() ?? '';

/**
 * What anonymization can show: a run's sessions, the ledger, one session's proof, and the CSV
 * files a data-protection officer files (UTF-8 with BOM, one row per session and category).
 * Every query is under the caller's tenant.
 */
@Injectable()
export class AnonymizationReports {
  constructor(private readonly em: EntityManager) {}

  async items(
    tenantId: string,
    runId: string,
    query: ListQuery<ItemFilter>,
  ): Promise<{ rows: ItemView[]; total: number }> {
    const where: FilterQuery<AnonymizationRunItem> = { run: runId, tenant: tenantId };
    if (query.filter.status !== undefined) where.status = query.filter.status;
    if (query.filter.sessionId !== undefined) where.sessionId = query.filter.sessionId;
    const [rows, total] = await this.em.fork().findAndCount(AnonymizationRunItem, where, {
      orderBy: [
        { [query.sort.field]: query.sort.order },
        { id: 'ASC' },
      ] as QueryOrderMap<AnonymizationRunItem>[],
      offset: query.range.offset,
      limit: query.range.limit,
    });
    return { rows: rows.map(itemView), total };
  }

  async ledger(
    tenantId: string,
    query: ListQuery<LedgerFilter>,
  ): Promise<{ rows: LedgerEntryView[]; total: number }> {
    const [rows, total] = await this.em
      .fork()
      .findAndCount(LedgerEntry, ledgerWhere(tenantId, query.filter), {
        orderBy: [
          { [query.sort.field]: query.sort.order },
          { id: 'ASC' },
        ] as QueryOrderMap<LedgerEntry>[],
        offset: query.range.offset,
        limit: query.range.limit,
      });
    return { rows: rows.map(ledgerView), total };
  }

  /** Everything recorded about one session: index row, ledger per category, runs that took it. */
  async session(tenantId: string, sessionId: string): Promise<SessionProof | null> {
    const em = this.em.fork();
    const indexed = await em.findOne(EndedSession, { tenant: tenantId, sessionId });
    const ledger = await em.find(LedgerEntry, { tenant: tenantId, sessionId });
    const items = await em.find(
      AnonymizationRunItem,
      { tenant: tenantId, sessionId },
      { orderBy: { id: 'ASC' } },
    );
    if (indexed === null && ledger.length === 0 && items.length === 0) return null;
    const order = (category: string): number => LEDGER_CATEGORIES.indexOf(category);
    return {
      sessionId,
      indexed:
        indexed === null
          ? null
          : {
              channel: indexed.channel,
              packageId: indexed.packageId,
              endedAt: indexed.endedAt.toISOString(),
              anonymizedAt: indexed.anonymizedAt?.toISOString() ?? null,
              missingSince: indexed.missingSince?.toISOString() ?? null,
            },
      ledger: ledger.sort((a, b) => order(a.category) - order(b.category)).map(ledgerView),
      runs: items.map((item) => ({
        runId: item.run.id,
        status: item.status,
        reason: item.reason,
        error: item.error,
        finishedAt: item.finishedAt?.toISOString() ?? null,
      })),
    };
  }

  /** A run's sessions with each category's state, in the run's order. */
  async *runCsv(tenantId: string, runId: string): AsyncGenerator<string> {
    const em = this.em.fork();
    yield UTF8_BOM + csvRow(RUN_CSV_COLUMNS);
    let afterSeq = 0;
    for (;;) {
      const items = await em.find(
        AnonymizationRunItem,
        { run: runId, tenant: tenantId, seq: { $gt: afterSeq } },
        { orderBy: { seq: 'ASC' }, limit: EXPORT_BATCH },
      );
      const sessionIds = items.map((item) => item.sessionId);
      const [indexed, ledger] = await Promise.all([
        this.indexed(em, tenantId, sessionIds),
        em.find(LedgerEntry, { tenant: tenantId, sessionId: { $in: sessionIds } }),
      ]);
      const bySession = groupBy(ledger, (entry) => entry.sessionId);
      for (const item of items) {
        const session = indexed.get(item.sessionId);
        const common = [
          runId,
          item.sessionId,
          iso(session?.endedAt),
          session?.channel ?? '',
          session?.packageId ?? '',
          item.status,
          item.reason ?? '',
        ];
        const entries = (bySession.get(item.sessionId) ?? []).sort(
          (a, b) => LEDGER_CATEGORIES.indexOf(a.category) - LEDGER_CATEGORIES.indexOf(b.category),
        );
        // A skipped session has no ledger rows: one line says why it was left alone.
        if (entries.length === 0)
          yield csvRow([...common, '', '', '', '', '', item.error ?? '', '', '']);
        for (const entry of entries) {
          yield csvRow([
            ...common,
            entry.category,
            entry.status,
            entry.method ?? '',
            entry.outcome ?? '',
            entry.itemCount ?? '',
            entry.error ?? '',
            iso(entry.doneAt),
            entry.runId ?? '',
          ]);
        }
      }
      em.clear();
      const last = items.at(-1);
      if (last === undefined || items.length < EXPORT_BATCH) return;
      afterSeq = last.seq;
    }
  }

  /** The tenant's ledger rows matching the filter, oldest first. */
  async *ledgerCsv(tenantId: string, filter: LedgerFilter): AsyncGenerator<string> {
    const em = this.em.fork();
    const where = ledgerWhere(tenantId, filter);
    yield UTF8_BOM + csvRow(LEDGER_CSV_COLUMNS);
    let after = 0;
    for (;;) {
      const batch = await em.find(
        LedgerEntry,
        { $and: [where, { id: { $gt: after } }] },
        { orderBy: { id: 'ASC' }, limit: EXPORT_BATCH },
      );
      const indexed = await this.indexed(
        em,
        tenantId,
        batch.map((entry) => entry.sessionId),
      );
      for (const entry of batch) {
        const session = indexed.get(entry.sessionId);
        yield csvRow([
          entry.sessionId,
          iso(session?.endedAt),
          session?.channel ?? '',
          session?.packageId ?? '',
          entry.category,
          entry.status,
          entry.method ?? '',
          entry.outcome ?? '',
          entry.itemCount ?? '',
          entry.error ?? '',
          entry.runId ?? '',
          iso(entry.updatedAt),
          iso(entry.doneAt),
        ]);
      }
      em.clear();
      const last = batch.at(-1);
      if (last === undefined || batch.length < EXPORT_BATCH) return;
      after = last.id;
    }
  }

  private async indexed(
    em: EntityManager,
    tenantId: string,
    sessionIds: readonly string[],
  ): Promise<Map<string, EndedSession>> {
    if (sessionIds.length === 0) return new Map();
    const rows = await em.find(EndedSession, {
      tenant: tenantId,
      sessionId: { $in: [...new Set(sessionIds)] },
    });
    return new Map(rows.map((row) => [row.sessionId, row]));
  }
}

function ledgerWhere(tenantId: string, filter: LedgerFilter): FilterQuery<LedgerEntry> {
  const conditions: FilterQuery<LedgerEntry>[] = [{ tenant: tenantId }];
  if (filter.sessionId !== undefined) conditions.push({ sessionId: filter.sessionId });
  if (filter.runId !== undefined) conditions.push({ runId: filter.runId });
  if (filter.category !== undefined) conditions.push({ category: filter.category });
  if (filter.status !== undefined) conditions.push({ status: filter.status });
  if (filter.from !== undefined) conditions.push({ updatedAt: { $gte: new Date(filter.from) } });
  if (filter.to !== undefined) conditions.push({ updatedAt: { $lte: new Date(filter.to) } });
  return { $and: conditions };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k) ?? [];
    list.push(item);
    map.set(k, list);
  }
  return map;
}

import { EntityManager, type FilterQuery, type QueryOrderMap } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal.js';
import type { ListQuery } from '../common/rest/list-query.js';
import { currentRequestContext } from '../common/rest/request-context.js';
import { InjectEnv } from '../config/config.module.js';
import { type DatabaseDialect, type Env, databaseDialect } from '../config/env.js';
import { AuditEntry, type AuditActorType, type AuditOutcome } from './audit-entry.entity.js';
import type { AuditEntryView, AuditFilter } from './audit.schemas.js';
import { csvRow, UTF8_BOM } from './csv.js';
import { redact } from './redact.js';

export interface AuditActor {
  type: AuditActorType;
  id: string;
  name?: string | null;
}

export interface AuditEntryInput {
  tenantId: string;
  actor: { type: 'user' | 'host' | 'system'; id: string; name?: string | null };
  action: string;
  target?: { type: string; id: string };
  before?: unknown;
  after?: unknown;
  outcome?: 'success' | 'denied' | 'failed';
  details?: Record<string, unknown>;
}

/** The audit actor for a principal: the host's own server calls are 'host', people are 'user'. */
export function actorFromPrincipal(principal: Principal): AuditActor {
  return {
    type: principal.roles.includes('host') ? 'host' : 'user',
    id: principal.userId,
    name: principal.userName,
  };
}

/** The actor for things Switchboard does by itself (jobs, timers, install bookkeeping). */
export const systemActor: AuditActor = { type: 'system', id: 'switchboard', name: null };

const CSV_COLUMNS = [
  'id',
  'occurredAt',
  'actorType',
  'actorId',
  'actorName',
  'action',
  'targetType',
  'targetId',
  'outcome',
  'before',
  'after',
  'details',
  'requestId',
] as const satisfies readonly (keyof AuditEntryView)[];

const EXPORT_BATCH = 500;

@Injectable()
export class AuditService {
  private readonly dialect: DatabaseDialect;

  constructor(
    private readonly em: EntityManager,
    @InjectEnv() env: Env,
  ) {
    this.dialect = databaseDialect(env);
  }

  /** One page of the tenant's entries, with the total the filter matches. */
  async list(
    tenantId: string,
    query: ListQuery<AuditFilter>,
  ): Promise<{ rows: AuditEntryView[]; total: number }> {
    const orderBy: QueryOrderMap<AuditEntry>[] = [{ [query.sort.field]: query.sort.order }];
    // A tiebreak on id keeps pages stable when many entries share the sorted value.
    if (query.sort.field !== 'id') orderBy.push({ id: query.sort.order });
    const [rows, total] = await this.em
      .fork()
      .findAndCount(AuditEntry, where(tenantId, query.filter, this.dialect), {
        orderBy,
        offset: query.range.offset,
        limit: query.range.limit,
      });
    return { rows: rows.map(view), total };
  }

  /**
   * The tenant's entries matching the filter as CSV lines (a BOM and a header row first),
   * oldest first. Keyset pagination on id keeps memory flat and is stable while new entries
   * arrive.
   */
  async *exportCsv(tenantId: string, filter: AuditFilter): AsyncGenerator<string> {
    const em = this.em.fork();
    const condition = where(tenantId, filter, this.dialect);
    yield UTF8_BOM + csvRow(CSV_COLUMNS);
    let after = 0;
    for (;;) {
      const batch = await em.find(
        AuditEntry,
        { $and: [condition, { id: { $gt: after } }] },
        { orderBy: { id: 'ASC' }, limit: EXPORT_BATCH },
      );
      for (const entry of batch) {
        const row = view(entry);
        yield csvRow(CSV_COLUMNS.map((column) => row[column]));
      }
      em.clear();
      const last = batch.at(-1);
      if (last === undefined || batch.length < EXPORT_BATCH) return;
      after = last.id;
    }
  }

  /**
   * Records one entry. With `em`, the entry is only persisted into that EntityManager, so it is
   * committed (or rolled back) together with the caller's change; without, it is written now in
   * a fork of its own. Before/after/details lose every credential-like key on the way in.
   */
  async record(input: AuditEntryInput, em?: EntityManager): Promise<void> {
    const entry = toEntity(input);
    if (em !== undefined) {
      em.persist(entry);
      return;
    }
    await this.em.fork().persistAndFlush(entry);
  }
}

function toEntity(input: AuditEntryInput): AuditEntry {
  const entry = new AuditEntry();
  entry.tenantId = input.tenantId;
  entry.actorType = input.actor.type;
  entry.actorId = input.actor.id;
  entry.actorName = input.actor.name ?? null;
  entry.action = input.action;
  entry.targetType = input.target?.type ?? null;
  entry.targetId = input.target?.id ?? null;
  entry.before = input.before === undefined ? null : redact(input.before);
  entry.after = input.after === undefined ? null : redact(input.after);
  entry.outcome = input.outcome ?? ('success' satisfies AuditOutcome);
  entry.details =
    input.details === undefined ? null : (redact(input.details) as Record<string, unknown>);
  entry.requestId = currentRequestContext()?.requestId ?? null;
  entry.occurredAt = new Date();
  return entry;
}

function view(entry: AuditEntry): AuditEntryView {
  return {
    id: entry.id,
    occurredAt: entry.occurredAt.toISOString(),
    actorType: entry.actorType,
    actorId: entry.actorId,
    actorName: entry.actorName,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    before: entry.before,
    after: entry.after,
    outcome: entry.outcome,
    details: entry.details,
    requestId: entry.requestId,
  };
}

/**
 * Every condition is under the tenant: nothing here can reach another tenant's rows. Free
 * text is matched case-insensitively: SQLite's LIKE already is, PostgreSQL needs ILIKE.
 */
function where(
  tenantId: string,
  filter: AuditFilter,
  dialect: DatabaseDialect,
): FilterQuery<AuditEntry> {
  const conditions: FilterQuery<AuditEntry>[] = [{ tenantId }];
  if (filter.id !== undefined) conditions.push({ id: { $in: filter.id } });
  if (filter.action !== undefined) {
    conditions.push(
      filter.action.endsWith('.')
        ? { action: { $like: `${filter.action}%` } }
        : { action: filter.action },
    );
  }
  if (filter.actorId !== undefined) conditions.push({ actorId: filter.actorId });
  if (filter.actorType !== undefined) conditions.push({ actorType: filter.actorType });
  if (filter.outcome !== undefined) conditions.push({ outcome: filter.outcome });
  if (filter.targetType !== undefined) conditions.push({ targetType: filter.targetType });
  if (filter.targetId !== undefined) conditions.push({ targetId: filter.targetId });
  if (filter.from !== undefined) conditions.push({ occurredAt: { $gte: new Date(filter.from) } });
  if (filter.to !== undefined) conditions.push({ occurredAt: { $lte: new Date(filter.to) } });
  if (filter.q !== undefined) {
    const pattern = `%${filter.q}%`;
    const match = dialect === 'postgresql' ? { $ilike: pattern } : { $like: pattern };
    conditions.push({
      $or: (['action', 'actorId', 'actorName', 'targetId'] as const).map((column) => ({
        [column]: match,
      })),
    });
  }
  return { $and: conditions };
}

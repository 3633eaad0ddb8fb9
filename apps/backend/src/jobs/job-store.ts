import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { InjectEnv } from '../config/config.module.js';
import { databaseDialect, type DatabaseDialect, type Env } from '../config/env.js';
import type { JobState } from './job.entity.js';

/** The states in which a job holds its key and may be claimed, as SQL. */
const ACTIVE = `('scheduled', 'running', 'failed')`;
/** How a key is matched: system jobs (no tenant) share one scope, like the unique index. */
const KEY_MATCH = `coalesce("tenant_id", '') = ? and "key" = ? and "state" in ${ACTIVE}`;
const MAX_ERROR_LENGTH = 2000;

/** A job row as claimed by a worker. */
export interface ClaimedJob {
  id: number;
  kind: string;
  tenantId: string | null;
  key: string | null;
  payload: unknown;
  attempts: number;
  maxAttempts: number;
  dueAt: Date;
}

export interface NewJobRow {
  kind: string;
  tenantId: string | null;
  key: string | null;
  payload: unknown;
  dueAt: Date;
  maxAttempts: number;
}

type Row = Record<string, unknown>;

/**
 * A timestamp as raw SQL returns it: a Date, epoch milliseconds (SQLite), or PostgreSQL's text
 * form `2026-03-29 01:00:00.123+00`, which MikroORM leaves unparsed.
 */
export function toDate(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'number' || typeof value === 'bigint') return new Date(Number(value));
  const text = String(value);
  const pg = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d(?:\.\d+)?)([+-]\d\d)(?::?(\d\d))?$/.exec(text);
  if (pg === null) return new Date(text);
  return new Date(`${pg[1]}T${pg[2]}${pg[3]}:${pg[4] ?? '00'}`);
}

function nullableString(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function toJson(value: unknown): unknown {
  return typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
}

/** A timestamp placeholder; PostgreSQL types a bare literal in a CASE branch as text. */
function timestampParam(dialect: DatabaseDialect): string {
  return dialect === 'postgresql' ? '?::timestamptz' : '?';
}

/**
 * The claim statement both the worker and the benchmark's plain-SQL baseline run: it moves up to
 * `limit` due jobs of the given kinds to `running` under a lease, in one round trip. On
 * PostgreSQL the inner select skips rows another instance has locked (`FOR UPDATE SKIP LOCKED`),
 * so concurrent claimers never wait for or take each other's rows; SQLite has one writer and one
 * in-process worker, so it needs no row locks. Placeholders are `?` in this order:
 * lease end per kind (one per kind, then the default), worker id, now, now, kinds..., limit.
 */
export function claimJobsSql(dialect: DatabaseDialect, kindCount: number): string {
  const kinds = Array.from({ length: kindCount }, () => '?').join(', ');
  const at = timestampParam(dialect);
  const leaseCases = Array.from({ length: kindCount }, () => `when ? then ${at}`).join(' ');
  return (
    `update "job" set "state" = 'running', "attempts" = "attempts" + 1, ` +
    `"available_at" = case "kind" ${leaseCases} else ${at} end, "locked_by" = ?, "started_at" = ? ` +
    `where "id" in (select "id" from "job" where "state" in ${ACTIVE} and "available_at" <= ? ` +
    `and "kind" in (${kinds}) order by "available_at" limit ?` +
    `${dialect === 'postgresql' ? ' for update skip locked' : ''}) ` +
    `returning "id", "kind", "tenant_id", "key", "payload", "attempts", "max_attempts", "due_at"`
  );
}

/**
 * The job table's statements. They are SQL rather than entity operations because every step is
 * a single conditional statement (claim, renew, finish, dedupe-insert), which is what makes them
 * safe between instances; the SQL is written once for both dialects (quoted identifiers,
 * `returning`, partial-index upserts are common to PostgreSQL and SQLite). Timestamps are bound
 * as ISO strings on PostgreSQL and as epoch milliseconds on SQLite, which is how MikroORM stores
 * them there.
 */
@Injectable()
export class JobStore {
  readonly dialect: DatabaseDialect;

  constructor(
    private readonly em: EntityManager,
    @InjectEnv() env: Env,
  ) {
    this.dialect = databaseDialect(env);
  }

  /** A timestamp as this dialect binds it. */
  ts(date: Date): string | number {
    return this.dialect === 'postgresql' ? date.toISOString() : date.getTime();
  }

  async query(sql: string, params: unknown[], em?: EntityManager): Promise<Row[]> {
    const target = em ?? this.em;
    const rows: unknown = await target
      .getConnection()
      .execute(sql, params, 'all', target.getTransactionContext());
    return rows as Row[];
  }

  /** Runs a statement for its affected row count (SQLite's driver returns no rows for `delete ... returning`). */
  async exec(sql: string, params: unknown[], em?: EntityManager): Promise<number> {
    const target = em ?? this.em;
    const result: unknown = await target
      .getConnection()
      .execute(sql, params, 'run', target.getTransactionContext());
    return (result as { affectedRows: number }).affectedRows;
  }

  /** Inserts unless an active job holds the key; returns the new id or null. */
  async insert(job: NewJobRow, em?: EntityManager): Promise<number | null> {
    const rows = await this.insertRows([job], em);
    return rows[0] === undefined ? null : Number(rows[0]['id']);
  }

  /** Inserts many jobs in one statement, skipping keys an active job holds; returns how many were new. */
  async insertMany(jobs: NewJobRow[], em?: EntityManager): Promise<number> {
    return jobs.length === 0 ? 0 : (await this.insertRows(jobs, em)).length;
  }

  /**
   * One insert statement. A key an active job holds is skipped (the partial unique index is the
   * conflict target, so only unfinished jobs block a key); a keyless job never conflicts.
   */
  private insertRows(jobs: NewJobRow[], em?: EntityManager): Promise<Row[]> {
    const now = this.ts(new Date());
    const params = jobs.flatMap((job) => [
      job.kind,
      job.tenantId,
      job.key,
      JSON.stringify(job.payload ?? null),
      this.ts(job.dueAt),
      this.ts(job.dueAt),
      job.maxAttempts,
      now,
    ]);
    return this.query(
      `insert into "job" ("kind", "tenant_id", "key", "payload", "state", "due_at", "available_at", ` +
        `"attempts", "max_attempts", "created_at") values ` +
        jobs.map(() => `(?, ?, ?, ?, 'scheduled', ?, ?, 0, ?, ?)`).join(', ') +
        ` on conflict (coalesce("tenant_id", ''), "key") where "state" in ${ACTIVE} do nothing returning "id"`,
      params,
      em,
    );
  }

  async findActiveId(
    tenantId: string | null,
    key: string,
    em?: EntityManager,
  ): Promise<number | null> {
    const rows = await this.query(
      `select "id" from "job" where ${KEY_MATCH}`,
      [tenantId ?? '', key],
      em,
    );
    return rows[0] === undefined ? null : Number(rows[0]['id']);
  }

  /**
   * Moves the active job of the key to a new due time and payload. A waiting job starts over
   * (attempts reset); a running one keeps running and is scheduled again when its attempt ends.
   */
  async replace(job: NewJobRow & { key: string }, em?: EntityManager): Promise<number | null> {
    const rows = await this.query(
      `update "job" set "kind" = ?, "payload" = ?, "due_at" = ?, "max_attempts" = ?, ` +
        `"available_at" = case when "state" = 'running' then "available_at" else ? end, ` +
        `"attempts" = case when "state" = 'running' then "attempts" else 0 end, ` +
        `"after_run" = case when "state" = 'running' then 'rerun' else null end, ` +
        `"state" = case when "state" = 'running' then 'running' else 'scheduled' end ` +
        `where ${KEY_MATCH} returning "id"`,
      [
        job.kind,
        JSON.stringify(job.payload ?? null),
        this.ts(job.dueAt),
        job.maxAttempts,
        this.ts(job.dueAt),
        job.tenantId ?? '',
        job.key,
      ],
      em,
    );
    return rows[0] === undefined ? null : Number(rows[0]['id']);
  }

  /** Deletes the waiting job of the key, or marks a running one not to retry or run again. */
  async cancel(tenantId: string | null, key: string, em?: EntityManager): Promise<boolean> {
    const deleted = await this.exec(
      `delete from "job" where ${KEY_MATCH} and "state" <> 'running'`,
      [tenantId ?? '', key],
      em,
    );
    if (deleted > 0) return true;
    const marked = await this.query(
      `update "job" set "after_run" = 'cancel' where ${KEY_MATCH} and "state" = 'running' returning "id"`,
      [tenantId ?? '', key],
      em,
    );
    return marked.length > 0;
  }

  /** Makes the waiting job of the key due now; returns when it is due (null: no such job). */
  async expedite(tenantId: string | null, key: string): Promise<Date | null> {
    const now = new Date();
    const rows = await this.query(
      `update "job" set "available_at" = ?, "due_at" = case when "due_at" > ? then ? else "due_at" end ` +
        `where ${KEY_MATCH} and "state" <> 'running' returning "id"`,
      [this.ts(now), this.ts(now), this.ts(now), tenantId ?? '', key],
    );
    return rows.length > 0 ? now : null;
  }

  /**
   * Sends a dead job of the tenant through again: scheduled now, attempts start over. null when
   * there is no such dead job; throws if another unfinished job holds its key (unique index).
   */
  async retryDead(id: number, tenantId: string, em: EntityManager): Promise<number | null> {
    const rows = await this.query(
      `update "job" set "state" = 'scheduled', "attempts" = 0, "available_at" = ?, ` +
        `"finished_at" = null, "locked_by" = null, "after_run" = null ` +
        `where "id" = ? and "tenant_id" = ? and "state" = 'dead' returning "id"`,
      [this.ts(new Date()), id, tenantId],
      em,
    );
    return rows[0] === undefined ? null : Number(rows[0]['id']);
  }

  async claim(
    kinds: { kind: string; leaseMs: number }[],
    defaultLeaseMs: number,
    workerId: string,
    limit: number,
  ): Promise<ClaimedJob[]> {
    if (kinds.length === 0 || limit < 1) return [];
    const now = new Date();
    const params: unknown[] = [];
    for (const { kind, leaseMs } of kinds) {
      params.push(kind, this.ts(new Date(now.getTime() + leaseMs)));
    }
    params.push(this.ts(new Date(now.getTime() + defaultLeaseMs)), workerId, this.ts(now));
    params.push(this.ts(now), ...kinds.map(({ kind }) => kind), limit);
    const rows = await this.query(claimJobsSql(this.dialect, kinds.length), params, this.em.fork());
    return rows
      .map((row) => ({
        id: Number(row['id']),
        kind: String(row['kind']),
        tenantId: nullableString(row['tenant_id']),
        key: nullableString(row['key']),
        payload: toJson(row['payload']),
        attempts: Number(row['attempts']),
        maxAttempts: Number(row['max_attempts']),
        dueAt: toDate(row['due_at']),
      }))
      .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.id - b.id);
  }

  /** The earliest time a claimable job of these kinds becomes available (null: none). */
  async nextAvailableAt(kinds: string[]): Promise<Date | null> {
    if (kinds.length === 0) return null;
    const rows = await this.query(
      `select min("available_at") as "at" from "job" where "state" in ${ACTIVE} ` +
        `and "kind" in (${kinds.map(() => '?').join(', ')})`,
      kinds,
      this.em.fork(),
    );
    const at = rows[0]?.['at'];
    return at === null || at === undefined ? null : toDate(at);
  }

  /** Extends the leases this worker holds; returns the ids it still holds. */
  async renew(ids: number[], leaseMs: number, workerId: string): Promise<Set<number>> {
    if (ids.length === 0) return new Set();
    const rows = await this.query(
      `update "job" set "available_at" = ? where "state" = 'running' and "locked_by" = ? ` +
        `and "id" in (${ids.map(() => '?').join(', ')}) returning "id"`,
      [this.ts(new Date(Date.now() + leaseMs)), workerId, ...ids],
      this.em.fork(),
    );
    return new Set(rows.map((row) => Number(row['id'])));
  }

  /**
   * Records a successful attempt, if the job is still this worker's: done, or scheduled again
   * when it was replaced during the run. Returns the resulting state (null: the lease was lost).
   */
  async complete(job: ClaimedJob, workerId: string, em?: EntityManager): Promise<JobState | null> {
    const states = await this.completeMany([job], workerId, em);
    return states.get(job.id) ?? null;
  }

  /**
   * `complete` for several jobs in one statement (the worker groups attempts that end while the
   * previous write is in flight). Returns the resulting state per job still held.
   */
  async completeMany(
    jobs: ClaimedJob[],
    workerId: string,
    em?: EntityManager,
  ): Promise<Map<number, JobState>> {
    if (jobs.length === 0) return new Map();
    const rows = await this.query(
      `update "job" set ` +
        `"state" = case when "after_run" = 'rerun' then 'scheduled' else 'done' end, ` +
        `"available_at" = case when "after_run" = 'rerun' then "due_at" else "available_at" end, ` +
        `"attempts" = case when "after_run" = 'rerun' then 0 else "attempts" end, ` +
        `"finished_at" = case when "after_run" = 'rerun' then null else ${timestampParam(this.dialect)} end, ` +
        `"after_run" = null, "locked_by" = null, "last_error" = null ` +
        `where "state" = 'running' and "locked_by" = ? and ("id", "attempts") in ` +
        `(values ${jobs.map(() => '(?, ?)').join(', ')}) returning "id", "state"`,
      [this.ts(new Date()), workerId, ...jobs.flatMap((job) => [job.id, job.attempts])],
      em ?? this.em.fork(),
    );
    return new Map(rows.map((row) => [Number(row['id']), String(row['state']) as JobState]));
  }

  /**
   * Records a failed attempt, if the job is still this worker's: retried at `retryAt`, dead after
   * its last attempt, scheduled afresh when it was replaced during the run, deleted when it was
   * cancelled. Returns the resulting state ('cancelled' when deleted; null: the lease was lost).
   */
  async fail(
    job: ClaimedJob,
    workerId: string,
    error: string,
    retryAt: Date,
  ): Promise<JobState | 'cancelled' | null> {
    const em = this.em.fork();
    const owned = `"id" = ? and "state" = 'running' and "locked_by" = ? and "attempts" = ?`;
    const ownedParams = [job.id, workerId, job.attempts];
    const cancelled = await this.exec(
      `delete from "job" where ${owned} and "after_run" = 'cancel'`,
      ownedParams,
      em,
    );
    if (cancelled > 0) return 'cancelled';
    const now = new Date();
    const rows = await this.query(
      `update "job" set ` +
        `"state" = case when "after_run" = 'rerun' then 'scheduled' ` +
        `when "attempts" >= "max_attempts" then 'dead' else 'failed' end, ` +
        `"available_at" = case when "after_run" = 'rerun' then "due_at" ` +
        `when "attempts" >= "max_attempts" then ? else ? end, ` +
        `"finished_at" = case when "after_run" is null and "attempts" >= "max_attempts" ` +
        `then ${timestampParam(this.dialect)} else null end, ` +
        `"attempts" = case when "after_run" = 'rerun' then 0 else "attempts" end, ` +
        `"after_run" = null, "locked_by" = null, "last_error" = ? ` +
        `where ${owned} returning "state"`,
      [
        this.ts(now),
        this.ts(retryAt),
        this.ts(now),
        error.slice(0, MAX_ERROR_LENGTH),
        ...ownedParams,
      ],
      em,
    );
    return rows[0] === undefined ? null : (String(rows[0]['state']) as JobState);
  }

  /**
   * Gives unfinished claims back at shutdown: claimable at once by another instance, the attempt
   * not counted (the handler was interrupted, it did not fail).
   */
  async release(jobs: ClaimedJob[], workerId: string): Promise<number> {
    let released = 0;
    for (const job of jobs) {
      const rows = await this.query(
        `update "job" set "state" = case when "attempts" > 1 then 'failed' else 'scheduled' end, ` +
          `"attempts" = "attempts" - 1, "available_at" = ?, "locked_by" = null ` +
          `where "id" = ? and "state" = 'running' and "locked_by" = ? and "attempts" = ? returning "id"`,
        [this.ts(new Date()), job.id, workerId, job.attempts],
        this.em.fork(),
      );
      released += rows.length;
    }
    return released;
  }

  /** Deletes finished jobs older than the cutoff, a batch at a time; returns how many. */
  async purgeDone(before: Date, limit = 1000): Promise<number> {
    return this.exec(
      `delete from "job" where "id" in (select "id" from "job" where "state" = 'done' ` +
        `and "finished_at" < ? limit ?)`,
      [this.ts(before), limit],
      this.em.fork(),
    );
  }
}

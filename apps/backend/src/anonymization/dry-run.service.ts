import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import type { HostApiClient } from '@switchboard/host-contract';
import { ApiError } from '../common/errors/api-error.js';
import { InjectEnv } from '../config/config.module.js';
import { databaseDialect, type Env } from '../config/env.js';
import { HostApiClientFactory } from '../host/host-api-client.factory.js';
import { type AnonymizationRule, cutoffFor } from './anonymization-rule.js';
import { selectionSql } from './anonymization-runs.service.js';
import { Backfill } from './backfill.entity.js';
import { EndedSessionIndex } from './ended-session-index.service.js';
import { describeError, readSessionFacts } from './host-sessions.js';
import { chunks, ROWS_PER_STATEMENT, SqlDialect } from './sql-dialect.js';

/** Index rows whose package a dry run looks up on the host before counting (the rest: unresolved). */
const RESOLVE_LIMIT = 2_000;
const SAMPLE_SIZE = 20;
const HOLD_PAGE_SIZE = 500;
/** Held sessions a dry run reads from the host at most (their count beyond is reported as such). */
const HOLD_LIMIT = 50_000;

export interface DryRunSample {
  sessionId: string;
  endedAt: string;
  channel: string;
  packageId: string | null;
}

export interface DryRunResult {
  cutoff: string;
  /** Sessions the rule would anonymize now. */
  count: number;
  byChannel: Record<string, number>;
  /** Due sessions a legal-hold tag exempts (checked on the host now). */
  exempted: number;
  /** Due sessions whose package is not known yet; a run reads it from the host and decides. */
  unresolved: number;
  sample: DryRunSample[];
  index: {
    indexed: number;
    anonymized: number;
    detailsUnknown: number;
    missing: number;
    oldestEndedAt: string | null;
  };
  lastBackfill: { status: string; finishedAt: string | null; sessionsSeen: number } | null;
}

/**
 * What a proposed rule would do now, touching nothing on the host or in the ledger: the due
 * sessions from the index, less those a legal-hold tag exempts according to the host's current
 * records. With a package filter, index rows that only saw SessionEnded have their package read
 * from the host first (and kept in the index, which only ever learns facts from it).
 */
@Injectable()
export class DryRunService {
  private readonly sql: SqlDialect;

  constructor(
    private readonly em: EntityManager,
    private readonly clients: HostApiClientFactory,
    private readonly index: EndedSessionIndex,
    @InjectEnv() env: Env,
  ) {
    this.sql = new SqlDialect(databaseDialect(env) === 'postgresql');
  }

  async dryRun(tenantId: string, rule: AnonymizationRule, now = new Date()): Promise<DryRunResult> {
    const cutoff = cutoffFor(rule, now);
    const em = this.em.fork();
    const selection = selectionSql(this.sql, rule);
    const base = [tenantId, this.sql.time(cutoff), ...selection.params];
    const unknownPackage = rule.packageIds !== undefined ? ` and details_known = ?` : '';
    const knownOnly =
      rule.packageIds !== undefined
        ? ` and details_known = ${this.sql.postgres ? 'true' : '1'}`
        : '';

    try {
      const client = await this.clients.forTenant(tenantId);
      if (rule.packageIds !== undefined) {
        const rows = await this.sql.rows(
          em,
          `select session_id from anonymization_ended_session
            where ${selection.where}${unknownPackage} order by ended_at limit ?`,
          [...base, this.sql.bool(false), RESOLVE_LIMIT],
        );
        await this.resolve(
          client,
          tenantId,
          rows.map((row) => String(row['session_id'])),
        );
      }
      const held =
        rule.exemptTags === undefined ? new Set<string>() : await this.held(client, rule, cutoff);

      const byChannelRows = await this.sql.rows(
        em,
        `select channel, count(*) as n from anonymization_ended_session
          where ${selection.where}${knownOnly} group by channel`,
        base,
      );
      const byChannel: Record<string, number> = {};
      for (const row of byChannelRows) byChannel[String(row['channel'])] = Number(row['n']);
      const heldByChannel = await this.heldByChannel(em, selection, base, knownOnly, held);
      let exempted = 0;
      for (const [channel, n] of Object.entries(heldByChannel)) {
        byChannel[channel] = (byChannel[channel] ?? 0) - n;
        exempted += n;
      }
      const count = Object.values(byChannel).reduce((sum, n) => sum + n, 0);

      const unresolvedRows =
        rule.packageIds === undefined
          ? []
          : await this.sql.rows(
              em,
              `select count(*) as n from anonymization_ended_session
                where ${selection.where}${unknownPackage}`,
              [...base, this.sql.bool(false)],
            );
      const sample = await this.sample(em, selection.where, base, knownOnly, held);
      const latest = await em.findOne(
        Backfill,
        { tenant: tenantId },
        { orderBy: { startedAt: 'DESC' } },
      );
      return {
        cutoff: cutoff.toISOString(),
        count,
        byChannel,
        exempted,
        unresolved: Number(unresolvedRows[0]?.['n'] ?? 0),
        sample,
        index: await this.indexStats(tenantId),
        lastBackfill:
          latest === null
            ? null
            : {
                status: latest.status,
                finishedAt: latest.finishedAt?.toISOString() ?? null,
                sessionsSeen: latest.sessionsSeen,
              },
      };
    } catch (error) {
      if (error instanceof ApiError) throw error;
      throw new ApiError({
        status: 502,
        code: 'host_unavailable',
        messageKey: 'anonymization.host_unavailable',
        details: { error: describeError(error) },
      });
    }
  }

  private async indexStats(tenantId: string): Promise<DryRunResult['index']> {
    const stats = await this.index.stats(tenantId);
    return { ...stats, oldestEndedAt: stats.oldestEndedAt?.toISOString() ?? null };
  }

  /** Reads the host's record of index rows that only saw SessionEnded, and keeps what it says. */
  private async resolve(
    client: HostApiClient,
    tenantId: string,
    sessionIds: string[],
  ): Promise<void> {
    if (sessionIds.length === 0) return;
    const facts = await readSessionFacts(client, sessionIds);
    const known = [...facts.values()].filter((f) => f !== null);
    await this.index.recordFromHost(tenantId, known, 'host');
    const missing = [...facts.entries()].filter(([, f]) => f === null).map(([id]) => id);
    if (missing.length > 0) {
      await this.em
        .fork()
        .transactional((em) => this.index.markMissing(tenantId, missing, new Date(), em));
    }
  }

  /** Ids of sessions that ended before the cutoff and carry an exempting tag, per the host now. */
  private async held(
    client: HostApiClient,
    rule: AnonymizationRule,
    cutoff: Date,
  ): Promise<Set<string>> {
    const held = new Set<string>();
    for (let offset = 0; offset < HOLD_LIMIT; offset += HOLD_PAGE_SIZE) {
      const page = await client.listSessions({
        tags: [...(rule.exemptTags ?? [])],
        ended: { max: cutoff },
        limit: HOLD_PAGE_SIZE,
        offset,
      });
      for (const session of page) held.add(session.id);
      if (page.length < HOLD_PAGE_SIZE) break;
    }
    return held;
  }

  private async heldByChannel(
    em: EntityManager,
    selection: { where: string },
    base: unknown[],
    knownOnly: string,
    held: Set<string>,
  ): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const part of chunks([...held], ROWS_PER_STATEMENT)) {
      const rows = await this.sql.rows(
        em,
        `select channel, count(*) as n from anonymization_ended_session
          where ${selection.where}${knownOnly} and session_id in (${this.sql.list(part.length)})
          group by channel`,
        [...base, ...part],
      );
      for (const row of rows) {
        const channel = String(row['channel']);
        counts[channel] = (counts[channel] ?? 0) + Number(row['n']);
      }
    }
    return counts;
  }

  private async sample(
    em: EntityManager,
    where: string,
    base: unknown[],
    knownOnly: string,
    held: Set<string>,
  ): Promise<DryRunSample[]> {
    const sample: DryRunSample[] = [];
    for (let offset = 0; sample.length < SAMPLE_SIZE && offset < 10 * SAMPLE_SIZE * 5;) {
      const rows = await this.sql.rows(
        em,
        `select session_id, ended_at, channel, package_id from anonymization_ended_session
          where ${where}${knownOnly} order by ended_at, id limit ? offset ?`,
        [...base, SAMPLE_SIZE * 5, offset],
      );
      for (const row of rows) {
        const sessionId = String(row['session_id']);
        if (held.has(sessionId) || sample.length >= SAMPLE_SIZE) continue;
        sample.push({
          sessionId,
          endedAt: new Date(toTime(row['ended_at'])).toISOString(),
          channel: String(row['channel']),
          packageId: typeof row['package_id'] === 'string' ? row['package_id'] : null,
        });
      }
      if (rows.length < SAMPLE_SIZE * 5) break;
      offset += rows.length;
    }
    return sample;
  }
}

/** A timestamp as the driver hands it back: a Date (PostgreSQL) or epoch ms (SQLite). */
export function toTime(value: unknown): number {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  return Number.NaN;
}

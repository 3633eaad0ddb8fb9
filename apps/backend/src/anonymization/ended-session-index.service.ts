import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { InjectEnv } from '../config/config.module.js';
import { databaseDialect, type Env } from '../config/env.js';
import type { EndedSessionSource } from './ended-session.entity.js';
import type { HostSessionFacts } from './host-sessions.js';
import { chunks, ROWS_PER_STATEMENT, SqlDialect } from './sql-dialect.js';

export interface EndedSessionEvent {
  sessionId: string;
  channel: string;
  endedAt: Date;
}

/**
 * Writes the ended-session index. Every write is an idempotent upsert: SessionEnded may arrive
 * more than once, before or after the backfill saw the session, and a crashed backfill page is
 * simply written again. An event never overwrites what the host's record said (package, tags),
 * and nothing here ever clears `anonymized_at`.
 */
@Injectable()
export class EndedSessionIndex {
  private readonly sql: SqlDialect;

  constructor(
    private readonly em: EntityManager,
    @InjectEnv() env: Env,
  ) {
    this.sql = new SqlDialect(databaseDialect(env) === 'postgresql');
  }

  /** From SessionEnded: the end time and channel; the details stay as the host last said. */
  async recordEnded(tenantId: string, event: EndedSessionEvent): Promise<void> {
    const now = this.sql.time(new Date());
    await this.sql.run(
      this.em.fork(),
      `insert into anonymization_ended_session
         (tenant_id, session_id, channel, package_id, details_known, tags, ended_at, source, indexed_at, updated_at)
       values (?, ?, ?, null, ?, null, ?, 'event', ?, ?)
       on conflict (tenant_id, session_id) do update
         set ended_at = excluded.ended_at, channel = excluded.channel, updated_at = excluded.updated_at`,
      [
        tenantId,
        event.sessionId,
        event.channel,
        this.sql.bool(false),
        this.sql.time(event.endedAt),
        now,
        now,
      ],
    );
  }

  /**
   * From the host's records (backfill pages, the run's re-read): every fact the rule looks at.
   * Sessions the host reports as not ended are left out.
   */
  async recordFromHost(
    tenantId: string,
    facts: readonly HostSessionFacts[],
    source: EndedSessionSource,
    em: EntityManager = this.em.fork(),
  ): Promise<void> {
    const ended = facts.filter((f) => f.endedAt !== null);
    const now = this.sql.time(new Date());
    for (const part of chunks(ended, ROWS_PER_STATEMENT)) {
      const params = part.flatMap((f) => [
        tenantId,
        f.sessionId,
        f.channel,
        f.packageId,
        this.sql.bool(true),
        this.sql.json([...f.tags]),
        this.sql.time(f.endedAt as Date),
        source,
        now,
        now,
      ]);
      await this.sql.run(
        em,
        `insert into anonymization_ended_session
           (tenant_id, session_id, channel, package_id, details_known, tags, ended_at, source, indexed_at, updated_at)
         values ${this.sql.valuesList(part.length, 10)}
         on conflict (tenant_id, session_id) do update
           set channel = excluded.channel, package_id = excluded.package_id,
               details_known = excluded.details_known, tags = excluded.tags,
               ended_at = excluded.ended_at, missing_since = null, updated_at = excluded.updated_at`,
        params,
      );
    }
  }

  async markAnonymized(
    tenantId: string,
    sessionIds: readonly string[],
    at: Date,
    em: EntityManager,
  ): Promise<void> {
    await this.setTime('anonymized_at', tenantId, sessionIds, at, em);
  }

  /** The host no longer has these sessions: they are not selected again. */
  async markMissing(
    tenantId: string,
    sessionIds: readonly string[],
    at: Date,
    em: EntityManager,
  ): Promise<void> {
    await this.setTime('missing_since', tenantId, sessionIds, at, em);
  }

  private async setTime(
    column: 'anonymized_at' | 'missing_since',
    tenantId: string,
    sessionIds: readonly string[],
    at: Date,
    em: EntityManager,
  ): Promise<void> {
    for (const part of chunks(sessionIds, ROWS_PER_STATEMENT)) {
      await this.sql.run(
        em,
        `update anonymization_ended_session set ${column} = ?, updated_at = ?
          where tenant_id = ? and session_id in (${this.sql.list(part.length)})`,
        [this.sql.time(at), this.sql.time(at), tenantId, ...part],
      );
    }
  }

  /** How much the index holds for the tenant. */
  async stats(tenantId: string): Promise<{
    indexed: number;
    anonymized: number;
    detailsUnknown: number;
    missing: number;
    oldestEndedAt: Date | null;
  }> {
    const [row] = await this.sql.rows(
      this.em.fork(),
      `select count(*) as indexed,
              count(anonymized_at) as anonymized,
              sum(case when details_known = ? then 1 else 0 end) as details_unknown,
              count(missing_since) as missing,
              min(ended_at) as oldest
         from anonymization_ended_session where tenant_id = ?`,
      [this.sql.bool(false), tenantId],
    );
    const oldest = row?.['oldest'];
    return {
      indexed: Number(row?.['indexed'] ?? 0),
      anonymized: Number(row?.['anonymized'] ?? 0),
      detailsUnknown: Number(row?.['details_unknown'] ?? 0),
      missing: Number(row?.['missing'] ?? 0),
      oldestEndedAt:
        oldest === null || oldest === undefined
          ? null
          : new Date(
              typeof oldest === 'string' && /^\d+$/.test(oldest)
                ? Number(oldest)
                : (oldest as string | number),
            ),
    };
  }
}

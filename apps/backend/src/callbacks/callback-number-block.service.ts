import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { InjectEnv } from '../config/config.module.js';
import { databaseDialect, type Env } from '../config/env.js';
import { fromDatabaseTime, toDatabaseTime } from '../bans/database-time.js';

export type NumberClaim = { accepted: true } | { accepted: false; retryAt: Date };

/**
 * Same-number blocking (setting 10), decided in the database: the claim of a number is one
 * upsert on the unique `(tenant_id, number)`, which succeeds only when the number has no row, its
 * last accepted request lies a whole blocking period back, or the row is this session's own (a
 * repeated call). Concurrent claims of one number serialize on the unique index (PostgreSQL
 * locks the conflicting row; SQLite writes one at a time), so exactly one of them is accepted.
 */
@Injectable()
export class CallbackNumberBlockService {
  private readonly postgres: boolean;

  constructor(
    private readonly em: EntityManager,
    @InjectEnv() env: Env,
  ) {
    this.postgres = databaseDialect(env) === 'postgresql';
  }

  async claim(input: {
    tenantId: string;
    number: string;
    sessionId: string | null;
    periodSeconds: number;
    now?: Date;
  }): Promise<NumberClaim> {
    const now = input.now ?? new Date();
    const periodMs = input.periodSeconds * 1000;
    const cutoff = new Date(now.getTime() - periodMs);
    const time = (date: Date): Date | number => toDatabaseTime(date, this.postgres);
    const connection = this.em.getConnection();
    const taken = (await connection.execute(
      `insert into callback_number_block (tenant_id, number, accepted_at, session_id)
         values (?, ?, ?, ?)
       on conflict (tenant_id, number) do update
         set accepted_at = case when callback_number_block.session_id = excluded.session_id
                                then callback_number_block.accepted_at
                                else excluded.accepted_at end,
             session_id = excluded.session_id
         where callback_number_block.accepted_at <= ?
            or callback_number_block.session_id = excluded.session_id
       returning id`,
      [input.tenantId, input.number, time(now), input.sessionId, time(cutoff)],
      'all',
    )) as unknown[];
    if (taken.length > 0) return { accepted: true };
    const [row] = (await connection.execute(
      'select accepted_at from callback_number_block where tenant_id = ? and number = ?',
      [input.tenantId, input.number],
      'all',
    )) as { accepted_at: unknown }[];
    // The row exists (the insert conflicted with it) and cannot vanish but by uninstall.
    const acceptedAt = row === undefined ? now : fromDatabaseTime(row.accepted_at);
    return { accepted: false, retryAt: new Date(acceptedAt.getTime() + periodMs) };
  }
}

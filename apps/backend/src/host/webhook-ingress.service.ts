import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { InjectEnv } from '../config/config.module.js';
import { databaseDialect, type Env } from '../config/env.js';
import {
  dedupeKeyFor,
  parseWebhookEnvelope,
  sessionIdOfDelivery,
  type WebhookEnvelope,
} from '@switchboard/host-contract';
import { ApiError } from '../common/errors/api-error.js';
import { HostMetrics } from '../metrics/host-metrics.js';
import { InboxProcessor } from './inbox-processor.service.js';
import type { VerifiedDelivery } from './webhook-auth.guard.js';
import { InboxMessage, type InboxState, PARK_REASONS } from './inbox-message.entity.js';

export interface IngressResult {
  id: number;
  /** `accepted`: queued for processing; `parked`: stored as a dead letter; `duplicate`: seen before. */
  status: 'accepted' | 'parked' | 'duplicate';
}

interface PgConnection {
  query(config: {
    name: string;
    text: string;
    values: unknown[];
  }): Promise<{ rows: { id: number | string }[] }>;
}

/** A libsql connection of the ORM's SQLite pool (better-sqlite3's synchronous API). */
interface SqliteConnection {
  prepare(sql: string): SqliteStatement;
}

interface SqliteStatement {
  get(...values: unknown[]): { id: number | string } | undefined;
}

interface KnexClient {
  acquireConnection(): Promise<unknown>;
  releaseConnection(connection: unknown): Promise<void> | void;
}

const INSERT_PG = `insert into inbox (tenant_id, dedupe_key, event_type, session_id, payload, received_at,
                   state, attempts, last_error, available_at, processed_at)
  values ($1, $2, $3, $4, $5, $6, $7, 0, $8, $6, null) returning id`;

const INSERT_SQLITE = `insert into inbox (tenant_id, dedupe_key, event_type, session_id, payload, received_at,
                   state, attempts, last_error, available_at, processed_at)
  values (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, null) returning id`;

function isEnvelopeShaped(body: unknown): body is { eventType: string; data?: unknown } {
  return (
    typeof body === 'object' &&
    body !== null &&
    !Array.isArray(body) &&
    typeof (body as { eventType?: unknown }).eventType === 'string' &&
    (body as { eventType: string }).eventType.length > 0
  );
}

/**
 * Stores an authenticated delivery in the inbox, exactly once per dedupe key, and wakes the
 * processor. Nothing else happens on the request path, so the host gets its 2xx fast.
 */
@Injectable()
export class WebhookIngressService {
  private readonly postgres: boolean;
  private readonly sqliteStatements = new WeakMap<SqliteConnection, SqliteStatement>();

  constructor(
    private readonly em: EntityManager,
    private readonly processor: InboxProcessor,
    private readonly metrics: HostMetrics,
    @InjectEnv() env: Env,
  ) {
    this.postgres = databaseDialect(env) === 'postgresql';
  }

  /**
   * An authenticated delivery (WebhookAuthGuard): stored, and counted in the webhook metrics.
   * Refusals before this point (signature, credentials, tenant) only reach the HTTP metrics.
   */
  async ingest({ tenantId, webhookId }: VerifiedDelivery, body: unknown): Promise<IngressResult> {
    const eventType = (body as { eventType?: unknown } | null)?.eventType;
    let result: IngressResult;
    try {
      result = await this.receive(tenantId, webhookId, body);
    } catch (error) {
      if (error instanceof ApiError) this.metrics.webhookReceived(tenantId, eventType, 'invalid');
      throw error;
    }
    this.metrics.webhookReceived(tenantId, eventType, result.status);
    return result;
  }

  async receive(tenantId: string, webhookId: string | null, body: unknown): Promise<IngressResult> {
    if (!isEnvelopeShaped(body)) {
      throw new ApiError({
        status: 400,
        code: 'invalid_envelope',
        messageKey: 'host.invalid_envelope',
      });
    }
    const receivedAt = new Date();
    const parsed = parseWebhookEnvelope(body);
    let envelope: WebhookEnvelope;
    let state: InboxState = 'pending';
    let lastError: string | null = null;
    if (parsed.success) {
      envelope = parsed.data;
      if (envelope.eventType === 'UNKNOWN') {
        state = 'dead';
        lastError = PARK_REASONS.unknownEvent;
      }
    } else {
      // A known event whose payload breaks the contract: retrying cannot fix it, so it is kept
      // for people to look at rather than refused and lost.
      envelope = { eventType: 'UNKNOWN', rawEventType: body.eventType, data: body.data };
      state = 'dead';
      const issue = parsed.error.issues[0];
      lastError =
        `${PARK_REASONS.invalidPayload}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim();
    }
    const eventType = (
      envelope.eventType === 'UNKNOWN' ? envelope.rawEventType : envelope.eventType
    ).slice(0, 100);
    const dedupeKey = dedupeKeyFor(envelope, { webhookId, receivedAt });
    try {
      const id = await this.insert({
        tenantId,
        dedupeKey,
        eventType,
        sessionId: sessionIdOfDelivery(body.eventType, body.data),
        payload: JSON.stringify(body),
        receivedAt,
        state,
        lastError,
      });
      if (state === 'pending') this.processor.wake();
      return { id, status: state === 'pending' ? 'accepted' : 'parked' };
    } catch (error) {
      if (
        !(
          this.em.getDriver().convertException(error as Error) instanceof
          UniqueConstraintViolationException
        )
      ) {
        throw error;
      }
      const existing = await this.em
        .fork()
        .findOneOrFail(InboxMessage, { tenant: tenantId, dedupeKey }, { fields: ['id'] });
      return { id: existing.id, status: 'duplicate' };
    }
  }

  /**
   * The one statement of the hot path, written by hand: the ORM's insert costs several times the
   * statement itself at webhook rates. Columns and encodings are the entity's (InboxMessage):
   * timestamps as timestamptz on PostgreSQL and epoch ms on SQLite, the payload as JSON text.
   * It goes straight to a driver connection of the ORM's own pool (limits and shutdown shared)
   * as a statement prepared once per connection (named on PostgreSQL, cached on SQLite):
   * MikroORM's `execute` (formatting, knex's query path, a fresh prepare on SQLite) cost more CPU
   * than the statement itself.
   */
  private async insert(row: {
    tenantId: string;
    dedupeKey: string;
    eventType: string;
    sessionId: string | null;
    payload: string;
    receivedAt: Date;
    state: InboxState;
    lastError: string | null;
  }): Promise<number> {
    if (this.postgres) {
      const client = this.knexClient();
      const connection = (await client.acquireConnection()) as PgConnection;
      try {
        const result = await connection.query({
          name: 'switchboard_inbox_insert',
          text: INSERT_PG,
          values: [
            row.tenantId,
            row.dedupeKey,
            row.eventType,
            row.sessionId,
            row.payload,
            row.receivedAt,
            row.state,
            row.lastError,
          ],
        });
        return Number(result.rows[0]?.id);
      } finally {
        await client.releaseConnection(connection);
      }
    }
    const time = row.receivedAt.getTime();
    const client = this.knexClient();
    const connection = (await client.acquireConnection()) as SqliteConnection;
    try {
      // Prepared once per connection (the pool replaces its connection now and then).
      let statement = this.sqliteStatements.get(connection);
      if (statement === undefined) {
        statement = connection.prepare(INSERT_SQLITE);
        this.sqliteStatements.set(connection, statement);
      }
      try {
        const inserted = statement.get(
          row.tenantId,
          row.dedupeKey,
          row.eventType,
          row.sessionId,
          row.payload,
          time,
          row.state,
          row.lastError,
          time,
        );
        return Number(inserted?.id);
      } catch (error) {
        // libsql does not reset a statement that failed (a duplicate): every later run of it
        // would fail the same way, so the next delivery prepares a fresh one.
        this.sqliteStatements.delete(connection);
        throw error;
      }
    } finally {
      await client.releaseConnection(connection);
    }
  }

  private knexClient(): KnexClient {
    const connection = this.em.getConnection() as unknown as { getKnex(): { client: KnexClient } };
    return connection.getKnex().client;
  }
}

import type { EntityManager } from '@mikro-orm/core';
import type { DatabaseDialect } from '../config/env.js';

/** Runs one statement (`?` placeholders) and answers its rows. */
export type RunSql = (
  sql: string,
  params?: readonly unknown[],
) => Promise<Record<string, unknown>[]>;

/** The statements of `em` (inside its transaction, if it has one). */
export function runIn(em: EntityManager): RunSql {
  return async (sql, params = []) =>
    (await em
      .getConnection()
      .execute(sql, [...params], 'all', em.getTransactionContext())) as Record<string, unknown>[];
}

/** Thrown inside `RawSql.transaction` to roll back and tell the caller to take the ORM path. */
export class RollbackToOrm extends Error {
  constructor() {
    super('rolled back for the ORM path');
  }
}

interface PgConnection {
  query(text: string, values: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

interface KnexClient {
  acquireConnection(): Promise<unknown>;
  releaseConnection(connection: unknown): Promise<void> | void;
}

/** `?` → `$1, $2, …` (the statements here carry no `?` inside literals). */
function numbered(sql: string): string {
  let index = 0;
  return sql.replace(/\?/g, () => `$${(index += 1)}`);
}

/**
 * The hot paths (a status change, an e-mail claim) on PostgreSQL talk to a pooled driver
 * connection directly: measured on the benchmark machine, MikroORM's `execute` costs about a
 * millisecond per statement on top of the driver's ~0.1 ms. The connection comes from the ORM's
 * own pool, so limits and shutdown are shared. SQLite (one connection, one instance) keeps the
 * ORM path; callers fall back to it when `available` is false.
 */
export class RawSql {
  readonly available: boolean;

  constructor(
    private readonly em: EntityManager,
    dialect: DatabaseDialect,
  ) {
    this.available = dialect === 'postgresql';
  }

  private client(): KnexClient {
    const connection = this.em.getConnection() as unknown as { getKnex(): { client: KnexClient } };
    return connection.getKnex().client;
  }

  private async withConnection<T>(fn: (connection: PgConnection) => Promise<T>): Promise<T> {
    const client = this.client();
    const connection = (await client.acquireConnection()) as PgConnection;
    try {
      return await fn(connection);
    } finally {
      await client.releaseConnection(connection);
    }
  }

  private static runner(connection: PgConnection): RunSql {
    return async (sql, params = []) => (await connection.query(numbered(sql), [...params])).rows;
  }

  /** One statement in its own transaction. */
  query(sql: string, params: readonly unknown[] = []): Promise<Record<string, unknown>[]> {
    return this.withConnection((connection) => RawSql.runner(connection)(sql, params));
  }

  /** `fn` inside BEGIN … COMMIT; any error (RollbackToOrm included) rolls back and is rethrown. */
  transaction<T>(fn: (run: RunSql) => Promise<T>): Promise<T> {
    return this.withConnection(async (connection) => {
      await connection.query('begin', []);
      try {
        const result = await fn(RawSql.runner(connection));
        await connection.query('commit', []);
        return result;
      } catch (error) {
        await connection.query('rollback', []);
        throw error;
      }
    });
  }
}

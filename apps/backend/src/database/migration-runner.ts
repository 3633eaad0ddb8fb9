import type { MikroORM, Transaction, UmzugMigration } from '@mikro-orm/core';
import type { Knex } from '@mikro-orm/knex';
import type { Migrator } from '@mikro-orm/migrations';
import { PostgreSqlPlatform } from '@mikro-orm/postgresql';
import { AppMeta, schemaVersionKey } from './app-meta.entity.js';

export interface MigrationRun {
  applied: string[];
  schemaVersion: string | null;
}

async function migrateUp(orm: MikroORM): Promise<UmzugMigration[]> {
  const migrator = orm.getMigrator<Migrator>();
  if (!(orm.em.getPlatform() instanceof PostgreSqlPlatform)) {
    // SQLite is the single-instance embedded mode: nobody to race with.
    return migrator.up();
  }
  // Several instances may start at once against one PostgreSQL: the first to take the lock
  // migrates inside the locked transaction; the others wait, then find nothing pending.
  const connection = orm.em.getConnection();
  return connection.transactional(async (trx: Transaction<Knex.Transaction>) => {
    await connection.execute(
      `select pg_advisory_xact_lock(hashtext('switchboard.migrations'))`,
      [],
      'all',
      trx,
    );
    return migrator.up({ transaction: trx });
  });
}

/**
 * Applies pending migrations (all or nothing) and records the schema version. The single way
 * the schema changes: `db:migrate`, the start command and the test harness all call this.
 */
export async function runPendingMigrations(orm: MikroORM): Promise<MigrationRun> {
  const applied = (await migrateUp(orm)).map((migration) => migration.name);
  const executed = await orm.getMigrator<Migrator>().getExecutedMigrations();
  const schemaVersion = executed.at(-1)?.name ?? null;
  if (schemaVersion !== null) {
    await orm.em
      .fork()
      .upsert(AppMeta, { key: schemaVersionKey, value: schemaVersion, updatedAt: new Date() });
  }
  return { applied, schemaVersion };
}

export async function pendingMigrationCount(orm: MikroORM): Promise<number> {
  return (await orm.getMigrator<Migrator>().getPendingMigrations()).length;
}

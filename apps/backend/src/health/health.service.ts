import { MikroORM } from '@mikro-orm/core';
import { Injectable, Logger } from '@nestjs/common';
import { InjectEnv } from '../config/config.module.js';
import { databaseDialect, type DatabaseDialect, type Env } from '../config/env.js';
import { AppMeta, schemaVersionKey } from '../database/app-meta.entity.js';
import { pendingMigrationCount } from '../database/migration-runner.js';

export interface Readiness {
  status: 'ok' | 'unavailable';
  database: {
    driver: DatabaseDialect;
    up: boolean;
    /** null when the database could not be asked. */
    pendingMigrations: number | null;
    /** The last applied migration, as recorded by the migration runner. */
    schemaVersion: string | null;
  };
}

/**
 * A readiness probe must answer while the database hangs (a network partition, a full pool):
 * past this the database counts as down. Load balancers probe with a timeout of their own, 1–5 s.
 */
export const READINESS_DATABASE_TIMEOUT_MS = 2000;

function within<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

@Injectable()
export class HealthService {
  private readonly logger = new Logger(HealthService.name);
  private readonly driver: DatabaseDialect;
  /**
   * Set once every migration this build knows is applied. Migrations only ever get applied while
   * the process runs, so from then on a probe costs one `select 1`.
   */
  private migratedTo: { schemaVersion: string | null } | undefined;

  constructor(
    private readonly orm: MikroORM,
    @InjectEnv() env: Env,
  ) {
    this.driver = databaseDialect(env);
  }

  /** Ready = the database answers a query in time and the schema has every migration applied. */
  async readiness(): Promise<Readiness> {
    let database: Readiness['database'];
    try {
      database = await within(this.check(), READINESS_DATABASE_TIMEOUT_MS);
    } catch (error) {
      this.logger.warn({ err: error }, 'Readiness check failed');
      database = { driver: this.driver, up: false, pendingMigrations: null, schemaVersion: null };
    }
    const ready = database.up && database.pendingMigrations === 0;
    return { status: ready ? 'ok' : 'unavailable', database };
  }

  private async check(): Promise<Readiness['database']> {
    await this.orm.em.getConnection().execute('select 1');
    const answer = { driver: this.driver, up: true };
    if (this.migratedTo === undefined) {
      const pendingMigrations = await pendingMigrationCount(this.orm);
      if (pendingMigrations > 0) return { ...answer, pendingMigrations, schemaVersion: null };
      const meta = await this.orm.em.fork().findOne(AppMeta, { key: schemaVersionKey });
      this.migratedTo = { schemaVersion: meta?.value ?? null };
    }
    return { ...answer, pendingMigrations: 0, schemaVersion: this.migratedTo.schemaVersion };
  }
}

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

@Injectable()
export class HealthService {
  private readonly logger = new Logger(HealthService.name);
  private readonly driver: DatabaseDialect;

  constructor(
    private readonly orm: MikroORM,
    @InjectEnv() env: Env,
  ) {
    this.driver = databaseDialect(env);
  }

  /** Ready = the database answers a query and the schema has every migration applied. */
  async readiness(): Promise<Readiness> {
    const database: Readiness['database'] = {
      driver: this.driver,
      up: false,
      pendingMigrations: null,
      schemaVersion: null,
    };
    try {
      await this.orm.em.getConnection().execute('select 1');
      database.up = true;
      database.pendingMigrations = await pendingMigrationCount(this.orm);
      if (database.pendingMigrations === 0) {
        const meta = await this.orm.em.fork().findOne(AppMeta, { key: schemaVersionKey });
        database.schemaVersion = meta?.value ?? null;
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'Readiness check failed');
    }
    const ready = database.up && database.pendingMigrations === 0;
    return { status: ready ? 'ok' : 'unavailable', database };
  }
}

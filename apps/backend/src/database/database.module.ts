import { LibSqlDriver } from '@mikro-orm/libsql';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { type DynamicModule, Module } from '@nestjs/common';
import { ENV } from '../config/config.module.js';
import { databaseDialect, type Env } from '../config/env.js';
import { ormOptions } from './orm-options.js';

/**
 * MikroORM for the whole app: `MikroORM` and `EntityManager` (from @mikro-orm/core) are global
 * providers. Code must not depend on a driver-specific EntityManager: the dialect is a deploy choice.
 */
@Module({})
export class DatabaseModule {
  static forRoot(env: Env): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        MikroOrmModule.forRootAsync({
          driver: databaseDialect(env) === 'postgresql' ? PostgreSqlDriver : LibSqlDriver,
          inject: [ENV],
          useFactory: (injected: Env) => ormOptions(injected),
        }),
      ],
    };
  }
}

import { LibSqlDriver } from '@mikro-orm/libsql';
import { MikroOrmMiddleware, MikroOrmModule } from '@mikro-orm/nestjs';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import {
  type DynamicModule,
  type MiddlewareConsumer,
  Module,
  type NestModule,
  RequestMethod,
} from '@nestjs/common';
import { leanLoggedRouteExclusions } from '../common/logging/lean-routes.js';
import { ENV } from '../config/config.module.js';
import { databaseDialect, type Env } from '../config/env.js';
import { ormOptions } from './orm-options.js';

/**
 * MikroORM for the whole app: `MikroORM` and `EntityManager` (from @mikro-orm/core) are global
 * providers. Code must not depend on a driver-specific EntityManager: the dialect is a deploy choice.
 */
@Module({})
export class DatabaseModule implements NestModule {
  static forRoot(env: Env): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        MikroOrmModule.forRootAsync({
          driver: databaseDialect(env) === 'postgresql' ? PostgreSqlDriver : LibSqlDriver,
          inject: [ENV],
          // The request context is registered below, where the lean routes can be left out.
          useFactory: (injected: Env) => ({
            ...ormOptions(injected),
            registerRequestContext: false,
          }),
        }),
      ],
    };
  }

  /**
   * A request context (a forked EntityManager) per HTTP request, as @mikro-orm/nestjs registers
   * it, except on the lean routes: the webhook ingest writes through the connection and forks
   * where it reads.
   */
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(MikroOrmMiddleware)
      .exclude(...leanLoggedRouteExclusions)
      .forRoutes({ path: '{*all}', method: RequestMethod.ALL });
  }
}

import {
  Global,
  type MiddlewareConsumer,
  Module,
  type NestModule,
  RequestMethod,
} from '@nestjs/common';
import { leanLoggedRouteExclusions } from '../common/logging/lean-routes.js';
import { RequestContextMiddleware } from '../common/rest/request-context.js';
import { AuditController } from './audit.controller.js';
import { AuditService } from './audit.service.js';

/** The audit log: global, so every capability can inject `AuditService`. */
@Global()
@Module({
  controllers: [AuditController],
  providers: [AuditService],
  exports: [AuditService],
})
export class AuditModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    // Same route pattern as the logger's: Nest 12 on Fastify needs `{*all}` to match every route.
    // The lean routes (webhook ingest) record no audit entries.
    consumer
      .apply(RequestContextMiddleware)
      .exclude(...leanLoggedRouteExclusions)
      .forRoutes({ path: '{*all}', method: RequestMethod.ALL });
  }
}

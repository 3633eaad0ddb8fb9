import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { ScheduleModule } from '@nestjs/schedule';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { ApiExceptionFilter } from './common/errors/api-exception.filter.js';
import { loggerOptions } from './common/logging/logger-options.js';
import { ConfigModule } from './config/config.module.js';
import type { Env } from './config/env.js';
import { DatabaseModule } from './database/database.module.js';
import { HealthModule } from './health/health.module.js';
import { HostModule } from './host/host.module.js';
import { InstallationModule } from './installation/installation.module.js';
import { PrivacyModule } from './privacy/privacy.module.js';
import { SettingsModule } from './settings/settings.module.js';

export interface AppModuleOptions {
  /** Where logs go; stdout by default. Tests pass a stream to inspect what gets logged. */
  logDestination?: DestinationStream;
}

/** The root module. Infrastructure is registered here once; capabilities are imported below it. */
@Module({})
export class AppModule {
  static forRoot(env: Env, options: AppModuleOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(env),
        LoggerModule.forRoot(loggerOptions(env, options.logDestination)),
        DatabaseModule.forRoot(env),
        EventEmitterModule.forRoot(),
        ScheduleModule.forRoot(),
        PrivacyModule,
        HealthModule,
        AuditModule,
        InstallationModule,
        AuthModule,
        SettingsModule,
        HostModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: ApiExceptionFilter }],
    };
  }
}

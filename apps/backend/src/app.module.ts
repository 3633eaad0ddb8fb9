import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { ScheduleModule } from '@nestjs/schedule';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { AnonymizationModule } from './anonymization/anonymization.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { ClusterModule } from './cluster/cluster.module.js';
import { ApiExceptionFilter } from './common/errors/api-exception.filter.js';
import { bufferedStdout } from './common/logging/log-destination.js';
import { LOG_DESTINATION, LogFlushService } from './common/logging/log-flush.service.js';
import { loggerOptions } from './common/logging/logger-options.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { ConfigModule } from './config/config.module.js';
import type { Env } from './config/env.js';
import { DatabaseModule } from './database/database.module.js';
import { HealthModule } from './health/health.module.js';
import { HostModule } from './host/host.module.js';
import { InstallationModule } from './installation/installation.module.js';
import { JobsModule } from './jobs/jobs.module.js';
import { PrivacyModule } from './privacy/privacy.module.js';
import { DashboardModule } from './dashboard/dashboard.module.js';
import { PartnersModule } from './partners/partners.module.js';
import { SettingsModule } from './settings/settings.module.js';
import { BansModule } from './bans/bans.module.js';
import { CallbacksModule } from './callbacks/callbacks.module.js';
import { ClientPreviewModule } from './client-preview/client-preview.module.js';
import { RoutedOperatorsModule } from './routed-operators/routed-operators.module.js';
import { FileSendingModule } from './file-sending/file-sending.module.js';
import { RecordingsModule } from './recordings/recordings.module.js';
import { TranscriptsModule } from './transcripts/transcripts.module.js';
import { ClientHistoryModule } from './client-history/client-history.module.js';
import { FileCleanupModule } from './file-cleanup/file-cleanup.module.js';
import { DisconnectGraceModule } from './disconnect-grace/disconnect-grace.module.js';
import { PackageStatusModule } from './package-status/package-status.module.js';
import { EmailQueueModule } from './email-queue/email-queue.module.js';
import { CallerIdModule } from './caller-id/caller-id.module.js';

export interface AppModuleOptions {
  /** Where logs go; buffered stdout by default. Tests pass a stream to inspect what gets logged. */
  logDestination?: DestinationStream;
}

/** The root module. Infrastructure is registered here once; capabilities are imported below it. */
@Module({})
export class AppModule {
  static forRoot(env: Env, options: AppModuleOptions = {}): DynamicModule {
    const logDestination = options.logDestination ?? bufferedStdout();
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(env),
        LoggerModule.forRoot(loggerOptions(env, logDestination)),
        DatabaseModule.forRoot(env),
        // Every capability listens to the host's and the tenant's events: far more than 10 each.
        EventEmitterModule.forRoot({ maxListeners: 100 }),
        ScheduleModule.forRoot(),
        MetricsModule,
        // Before the capabilities: its domain-event listeners drop the caches first.
        ClusterModule,
        PrivacyModule,
        JobsModule,
        HealthModule,
        AuditModule,
        InstallationModule,
        AuthModule,
        SettingsModule,
        HostModule,
        AnonymizationModule,
        ClientPreviewModule,
        BansModule,
        RoutedOperatorsModule,
        CallbacksModule,
        FileSendingModule,
        RecordingsModule,
        TranscriptsModule,
        ClientHistoryModule,
        FileCleanupModule,
        DisconnectGraceModule,
        PackageStatusModule,
        EmailQueueModule,
        CallerIdModule,
        PartnersModule,
        DashboardModule,
      ],
      providers: [
        { provide: APP_FILTER, useClass: ApiExceptionFilter },
        // In the root module: its shutdown hook runs after every other module's (last lines).
        { provide: LOG_DESTINATION, useValue: logDestination },
        LogFlushService,
      ],
    };
  }
}

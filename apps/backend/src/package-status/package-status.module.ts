import { Module } from '@nestjs/common';
import { HostModule } from '../host/host.module.js';
import { SettingsModule } from '../settings/settings.module.js';
import { AwaySettingListener } from './away-setting.listener.js';
import { OperatorStatusListener } from './operator-status.listener.js';
import { PackageStatusPusher } from './package-status-pusher.service.js';
import { PackageStatusJobs } from './package-status.jobs.js';
import { PackageStatusController } from './package-status.controller.js';
import { PackageStatusQueries } from './package-status.queries.js';
import { PackageStatusService } from './package-status.service.js';
import { RoutingListener } from './routing.listener.js';

/**
 * Setting 7: a package whose routed operators are all away shows busy or offline. Operator
 * presence and routing from the host, incremental counts per package, the status pushed through
 * the extension (or the chat button of a v1 host), history and audit.
 */
@Module({
  imports: [HostModule, SettingsModule],
  controllers: [PackageStatusController],
  providers: [
    PackageStatusService,
    PackageStatusPusher,
    PackageStatusJobs,
    PackageStatusQueries,
    OperatorStatusListener,
    RoutingListener,
    AwaySettingListener,
  ],
  exports: [PackageStatusService],
})
export class PackageStatusModule {}

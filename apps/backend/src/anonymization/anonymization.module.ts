import { Module } from '@nestjs/common';
import { HostModule } from '../host/host.module.js';
import { SettingsModule } from '../settings/settings.module.js';
import { AnonymizationController } from './anonymization.controller.js';
import { AnonymizationReports } from './anonymization-reports.service.js';
import { AnonymizationRunner } from './anonymization-runner.service.js';
import { AnonymizationRuns } from './anonymization-runs.service.js';
import { AnonymizationStatus } from './anonymization-status.service.js';
import { BackfillService } from './backfill.service.js';
import { DryRunService } from './dry-run.service.js';
import { EndedSessionIndex } from './ended-session-index.service.js';
import { RunEngine } from './run-engine.service.js';
import { SessionEndedListener } from './session-ended.listener.js';

/**
 * Setting 4: automatic anonymization. The index of ended sessions (SessionEnded, backfill), runs
 * that erase each due session on the host by category (or whole through v1) and Switchboard's own
 * data through the SessionErasureRegistry, the ledger that proves it, dry runs and exports.
 */
@Module({
  imports: [SettingsModule, HostModule],
  controllers: [AnonymizationController],
  providers: [
    EndedSessionIndex,
    SessionEndedListener,
    BackfillService,
    RunEngine,
    AnonymizationRuns,
    AnonymizationRunner,
    AnonymizationStatus,
    AnonymizationReports,
    DryRunService,
  ],
  exports: [AnonymizationRuns, AnonymizationRunner, EndedSessionIndex],
})
export class AnonymizationModule {}

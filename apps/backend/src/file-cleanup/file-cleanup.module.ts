import { Module } from '@nestjs/common';
import { HostModule } from '../host/host.module.js';
import { SettingsModule } from '../settings/settings.module.js';
import { FileCleanupSessionEndedListener } from './file-cleanup-session-ended.listener.js';
import { FileCleanupService } from './file-cleanup.service.js';

/** Setting 12: every file of an ended session deleted on the host, retried, audited. */
@Module({
  imports: [HostModule, SettingsModule],
  providers: [FileCleanupService, FileCleanupSessionEndedListener],
})
export class FileCleanupModule {}

import { Module } from '@nestjs/common';
import { ClientPreviewModule } from '../client-preview/client-preview.module.js';
import { HostModule } from '../host/host.module.js';
import { SettingsModule } from '../settings/settings.module.js';
import { BansController } from './bans.controller.js';
import { BansService } from './bans.service.js';
import { SessionAdmissionDecider } from './session-admission.decider.js';
import { BanSessionCreatedListener } from './session-created.listener.js';
import { TenantProfileService } from './tenant-profile.service.js';

/** Setting 3: bans, and the admission hook that enforces them (with setting 1's preview). */
@Module({
  imports: [SettingsModule, HostModule, ClientPreviewModule],
  controllers: [BansController],
  providers: [
    BansService,
    TenantProfileService,
    SessionAdmissionDecider,
    BanSessionCreatedListener,
  ],
  exports: [BansService, TenantProfileService],
})
export class BansModule {}

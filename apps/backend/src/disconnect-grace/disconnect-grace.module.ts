import { Module } from '@nestjs/common';
import { HostModule } from '../host/host.module.js';
import { SettingsModule } from '../settings/settings.module.js';
import { DisconnectGraceService } from './disconnect-grace.service.js';
import { GuestConnectivityListener } from './guest-connectivity.listener.js';

/** Setting 14: the client disconnect grace, a durable timer per session. */
@Module({
  imports: [HostModule, SettingsModule],
  providers: [DisconnectGraceService, GuestConnectivityListener],
})
export class DisconnectGraceModule {}

import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { HostModule } from '../host/host.module.js';
import { SettingsModule } from '../settings/settings.module.js';
import { ClientHistoryController } from './client-history.controller.js';
import { ClientHistoryService } from './client-history.service.js';
import { HistorySessionEndedListener } from './history-session-ended.listener.js';
import { WidgetTokenGuard } from './widget-token.guard.js';

/** Setting 13: the history index of ended sessions per device, served to the widget. */
@Module({
  // AuthModule: the panel secrets' cache, shared (one cache to invalidate per instance).
  imports: [AuthModule, HostModule, SettingsModule],
  controllers: [ClientHistoryController],
  providers: [WidgetTokenGuard, ClientHistoryService, HistorySessionEndedListener],
})
export class ClientHistoryModule {}

import { Module } from '@nestjs/common';
import { BansModule } from '../bans/bans.module.js';
import { HostModule } from '../host/host.module.js';
import { SettingsModule } from '../settings/settings.module.js';
import { CallbackDeciders } from './callback-deciders.js';
import { CallbackNumberBlockService } from './callback-number-block.service.js';
import { OfflineCallbackController } from './offline-callback.controller.js';
import { OfflineCallbackService } from './offline-callback.service.js';
import { CallbackSessionCreatedListener } from './session-created.listener.js';
import { OfflineCallbackOperatorJoinedListener } from './session-operator-joined.listener.js';

/** Settings 9 (offline callback) and 10 (same-number blocking of callback requests). */
@Module({
  imports: [SettingsModule, HostModule, BansModule],
  controllers: [OfflineCallbackController],
  providers: [
    CallbackNumberBlockService,
    OfflineCallbackService,
    CallbackDeciders,
    CallbackSessionCreatedListener,
    OfflineCallbackOperatorJoinedListener,
  ],
})
export class CallbacksModule {}

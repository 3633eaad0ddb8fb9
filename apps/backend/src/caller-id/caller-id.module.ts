import { Module } from '@nestjs/common';
import { HostModule } from '../host/host.module.js';
import { SettingsModule } from '../settings/settings.module.js';
import { CallerIdController } from './caller-id.controller.js';
import { CallerIdService } from './caller-id.service.js';
import { HostCallerIdsService } from './host-caller-ids.service.js';
import { OutboundCallDecider } from './outbound-call.decider.js';

/**
 * Setting 5: outgoing caller ID. The host's caller IDs (cached, refreshed), the outbound-call
 * hook, the operator's picker. The setting's licence is enforced by the settings API (writes
 * refused with 403 `feature_not_entitled`); unlicensed, it reads as off everywhere.
 */
@Module({
  imports: [HostModule, SettingsModule],
  controllers: [CallerIdController],
  providers: [HostCallerIdsService, CallerIdService, OutboundCallDecider],
})
export class CallerIdModule {}

import { Module } from '@nestjs/common';
import { HostSettingsController } from './host-settings.controller.js';
import { SettingsCacheService } from './settings-cache.service.js';
import { SettingsController } from './settings.controller.js';
import { SettingsService } from './settings.service.js';

/**
 * Tenant settings: the panel API, the host's effective read, revisions. The change notification
 * to the host (settings-webhook.listener.ts) is registered by HostModule, which owns the host
 * client and imports this module.
 */
@Module({
  controllers: [SettingsController, HostSettingsController],
  providers: [SettingsService, SettingsCacheService],
  exports: [SettingsService, SettingsCacheService],
})
export class SettingsModule {}

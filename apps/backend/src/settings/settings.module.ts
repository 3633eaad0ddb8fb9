import { Module } from '@nestjs/common';
import { HostSettingsController } from './host-settings.controller.js';
import { SettingsCacheService } from './settings-cache.service.js';
import { SettingsWebhookListener } from './settings-webhook.listener.js';
import { SettingsController } from './settings.controller.js';
import { SettingsService } from './settings.service.js';

/** Tenant settings: the panel API, the host's effective read, revisions, change notifications. */
@Module({
  controllers: [SettingsController, HostSettingsController],
  providers: [SettingsService, SettingsCacheService, SettingsWebhookListener],
  exports: [SettingsService, SettingsCacheService],
})
export class SettingsModule {}

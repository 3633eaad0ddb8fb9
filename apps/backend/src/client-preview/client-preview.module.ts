import { Module } from '@nestjs/common';
import { HostModule } from '../host/host.module.js';
import { SettingsModule } from '../settings/settings.module.js';
import { ClientPreviewController } from './client-preview.controller.js';
import { ClientPreviewService } from './client-preview.service.js';
import { GeoIpCountry } from './geoip-country.js';
import { PreviewSessionCreatedListener } from './session-created.listener.js';

/** Setting 1: the waiting-client preview (device, OS, browser, country, language). */
@Module({
  imports: [SettingsModule, HostModule],
  controllers: [ClientPreviewController],
  providers: [
    ClientPreviewService,
    PreviewSessionCreatedListener,
    { provide: GeoIpCountry, useFactory: () => new GeoIpCountry() },
  ],
  exports: [ClientPreviewService],
})
export class ClientPreviewModule {}

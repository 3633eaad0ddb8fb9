import { Module } from '@nestjs/common';
import { PanelSecretCache } from '../auth/panel-secret-cache.service.js';
import { BrandingController } from './branding.controller.js';
import { HostTokenTenant } from './host-token-tenant.service.js';
import { PartnersService } from './partners.service.js';
import { PlatformPartnersController } from './platform-partners.controller.js';

/** White-label partners: their themes, which installation belongs to which, the panel's brand. */
@Module({
  controllers: [PlatformPartnersController, BrandingController],
  // The auth module keeps its key cache to itself; this module's copy follows the same install
  // and uninstall events.
  providers: [PartnersService, HostTokenTenant, PanelSecretCache],
  exports: [PartnersService],
})
export class PartnersModule {}

import { Global, Module } from '@nestjs/common';
import { SecretBox } from '../common/crypto/secret-box.js';
import { ENV } from '../config/config.module.js';
import type { ServiceEnv } from '../config/env.js';
import { InstallationController } from './installation.controller.js';
import { InstallationService } from './installation.service.js';
import { PlatformSignatureGuard } from './platform-signature.guard.js';

/** Tenants and their host credentials; global so every capability can resolve its tenant. */
@Global()
@Module({
  controllers: [InstallationController],
  providers: [
    InstallationService,
    PlatformSignatureGuard,
    {
      provide: SecretBox,
      inject: [ENV],
      useFactory: (env: ServiceEnv) => new SecretBox(env.ENCRYPTION_KEYS),
    },
  ],
  exports: [InstallationService, SecretBox],
})
export class InstallationModule {}

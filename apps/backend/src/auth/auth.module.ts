import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthCleanupJob } from './auth-cleanup.job.js';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { AuthService } from './auth.service.js';
import { PanelSecretCache } from './panel-secret-cache.service.js';

/** Authentication for every route (global guard) and the panel session endpoints. */
@Module({
  controllers: [AuthController],
  providers: [
    AuthService,
    PanelSecretCache,
    AuthCleanupJob,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AuthService, PanelSecretCache],
})
export class AuthModule {}

import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/principal.js';
import { sessionIdParams } from '../client-preview/client-preview.controller.js';
import { ZodValidationPipe } from '../common/errors/zod-validation.pipe.js';
import { ApiZodResponse } from '../openapi/api-zod.decorators.js';
import { OfflineCallbackService, type OfflineCallbackView } from './offline-callback.service.js';

const offlineCallbackViewSchema = z.object({
  sessionId: z.string(),
  packageId: z.string().nullable(),
  leftAt: z.string(),
  cause: z.string(),
  contact: z.object({
    name: z.string().nullable(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
  }),
  takenBy: z.string().nullable(),
  takenAt: z.string().nullable(),
});

/** Offline callbacks (setting 9): the contact details for the operator who took the session. */
@ApiTags('callbacks')
@ApiBearerAuth()
@Controller('api/offline-callbacks')
export class OfflineCallbackController {
  constructor(private readonly offline: OfflineCallbackService) {}

  @ApiOperation({
    summary: 'The contact details a client left before leaving the queue',
    description:
      'Operators see them only for a session they took (403 `not_callback_taker` otherwise).',
  })
  @ApiZodResponse(200, offlineCallbackViewSchema)
  @Roles('operator', 'host', 'supervisor', 'admin')
  @Get(':sessionId')
  read(
    @CurrentPrincipal() principal: Principal,
    @Param(new ZodValidationPipe(sessionIdParams)) { sessionId }: z.output<typeof sessionIdParams>,
  ): Promise<OfflineCallbackView> {
    return this.offline.read(principal, sessionId);
  }
}

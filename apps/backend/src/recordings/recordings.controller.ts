import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/principal.js';
import { ZodValidationPipe } from '../common/errors/zod-validation.pipe.js';
import { ApiZodResponse } from '../openapi/api-zod.decorators.js';
import {
  sessionIdParam,
  type SessionRecordingsView,
  sessionRecordingsSchema,
} from './recordings.schemas.js';
import { RecordingsService } from './recordings.service.js';

/** The Recordings tab of a session, for the host's session detail and the panel. */
@ApiTags('recordings')
@ApiBearerAuth()
@Controller('api/sessions/:sessionId/recordings')
export class RecordingsController {
  constructor(private readonly recordings: RecordingsService) {}

  @ApiOperation({ summary: "A session's recordings, oldest first, as the host last reported them" })
  @ApiZodResponse(200, sessionRecordingsSchema)
  @Roles('admin', 'supervisor', 'viewer', 'operator', 'host')
  @Get()
  async list(
    @CurrentPrincipal() principal: Principal,
    @Param(new ZodValidationPipe(sessionIdParam)) params: { sessionId: string },
  ): Promise<SessionRecordingsView> {
    return this.recordings.list(principal.tenantId, params.sessionId);
  }
}

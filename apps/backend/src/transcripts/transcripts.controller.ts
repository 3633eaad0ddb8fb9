import { randomUUID } from 'node:crypto';
import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/principal.js';
import { ZodBody, ZodValidationPipe } from '../common/errors/zod-validation.pipe.js';
import { ApiZodBody, ApiZodResponse } from '../openapi/api-zod.decorators.js';
import {
  sessionIdParam,
  type TranscriptRequestBody,
  transcriptRequestBody,
  type TranscriptRequestView,
  transcriptRequestViewSchema,
} from './transcripts.schemas.js';
import { TranscriptsService, viewOf } from './transcripts.service.js';

const sessionParams = new ZodValidationPipe(sessionIdParam);

/**
 * Explicit transcript requests (an operator sends the transcript for the client, or the host's
 * server on the client's behalf) and the requests of a session with their delivery state.
 */
@ApiTags('transcripts')
@ApiBearerAuth()
@Controller('api/sessions/:sessionId/transcripts')
export class TranscriptsController {
  constructor(private readonly transcripts: TranscriptsService) {}

  @ApiOperation({
    summary: 'E-mail the transcript of a session (sent once the session has ended)',
  })
  @ApiZodBody(transcriptRequestBody)
  @ApiZodResponse(202, transcriptRequestViewSchema)
  @Roles('operator', 'host')
  @Post()
  @HttpCode(202)
  async request(
    @CurrentPrincipal() principal: Principal,
    @Param(sessionParams) params: { sessionId: string },
    @ZodBody(transcriptRequestBody) body: TranscriptRequestBody,
  ): Promise<TranscriptRequestView> {
    const session = await this.transcripts.hostSession(principal.tenantId, params.sessionId);
    const row = await this.transcripts.request(
      {
        tenantId: principal.tenantId,
        sessionId: params.sessionId,
        recipient: body.recipient,
        requestedBy: principal.roles.includes('operator') ? 'operator' : 'host',
        requestKey: `api:${randomUUID()}`,
      },
      session,
    );
    return viewOf(row);
  }

  @ApiOperation({ summary: "A session's transcript requests, oldest first, with their state" })
  @ApiZodResponse(200, z.array(transcriptRequestViewSchema))
  @Roles('admin', 'supervisor', 'viewer', 'operator', 'host')
  @Get()
  async list(
    @CurrentPrincipal() principal: Principal,
    @Param(sessionParams) params: { sessionId: string },
  ): Promise<TranscriptRequestView[]> {
    return (await this.transcripts.listForSession(principal.tenantId, params.sessionId)).map(
      viewOf,
    );
  }
}

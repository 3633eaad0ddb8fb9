import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { clientPreviewSchema } from '@switchboard/host-contract';
import { PREVIEW_FIELDS } from '@switchboard/settings-model';
import { z } from 'zod';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/principal.js';
import { ZodValidationPipe } from '../common/errors/zod-validation.pipe.js';
import { ApiZodResponse } from '../openapi/api-zod.decorators.js';
import { ClientPreviewService, type PreviewView } from './client-preview.service.js';

/** A host session id (64-bit, decimal). */
export const sessionIdParams = z.object({ sessionId: z.string().regex(/^\d{1,20}$/) });
export const previewViewSchema = z.object({
  sessionId: z.string(),
  preview: clientPreviewSchema,
  fields: z.array(z.enum(PREVIEW_FIELDS)),
});

/** The waiting-client preview for the host's queue UI (setting 1). */
@ApiTags('client-preview')
@ApiBearerAuth()
@Controller('api/sessions')
export class ClientPreviewController {
  constructor(private readonly previews: ClientPreviewService) {}

  @ApiOperation({
    summary: 'The waiting-client preview of a session: the fields the tenant selects, never the IP',
    description: '404 `preview_disabled` while setting 1 is off.',
  })
  @ApiZodResponse(200, previewViewSchema)
  @Roles('operator', 'host', 'supervisor', 'admin')
  @Get(':sessionId/preview')
  read(
    @CurrentPrincipal() principal: Principal,
    @Param(new ZodValidationPipe(sessionIdParams)) { sessionId }: z.output<typeof sessionIdParams>,
  ): Promise<PreviewView> {
    return this.previews.read(principal.tenantId, sessionId);
  }
}

import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/principal.js';
import { ApiZodResponse } from '../openapi/api-zod.decorators.js';
import { CallerIdService } from './caller-id.service.js';
import {
  type CallerIdPicker,
  type HostCallerIdsView,
  callerIdPickerSchema,
  hostCallerIdsSchema,
} from './caller-id.schemas.js';

/** Setting 5 for people: the operator's picker, and the host's numbers for the admin. */
@ApiTags('caller-ids')
@ApiBearerAuth()
@Controller('api/caller-ids')
export class CallerIdController {
  constructor(private readonly callerIds: CallerIdService) {}

  @ApiOperation({
    summary: "The host's caller IDs with what the setting allows (reads the host when stale)",
  })
  @ApiZodResponse(200, hostCallerIdsSchema)
  @Roles('admin', 'supervisor', 'viewer')
  @Get()
  hostNumbers(@CurrentPrincipal() principal: Principal): Promise<HostCallerIdsView> {
    return this.callerIds.hostNumbers(principal.tenantId);
  }

  @ApiOperation({ summary: 'The numbers an operator may call from, and the default' })
  @ApiZodResponse(200, callerIdPickerSchema)
  @Roles('operator', 'host')
  @Get('picker')
  picker(@CurrentPrincipal() principal: Principal): Promise<CallerIdPicker> {
    return this.callerIds.picker(principal.tenantId);
  }
}

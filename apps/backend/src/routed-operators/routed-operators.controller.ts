import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/principal.js';
import { sessionIdParams } from '../client-preview/client-preview.controller.js';
import { ZodValidationPipe } from '../common/errors/zod-validation.pipe.js';
import { ApiZodResponse } from '../openapi/api-zod.decorators.js';
import { ROUTING_OUTCOMES } from './routing-fold.js';
import { ROUTING_TARGETS } from './routing-step.entity.js';
import { RoutedOperatorsService, type RoutedOperatorsView } from './routed-operators.service.js';

const routedOperatorsViewSchema = z.object({
  sessionId: z.string(),
  source: z.enum(['timeline', 'events']),
  entries: z.array(
    z.object({
      kind: z.enum(ROUTING_TARGETS),
      id: z.string(),
      name: z.string().nullable(),
      offeredAt: z.string(),
      outcome: z.enum(ROUTING_OUTCOMES),
      decidedAt: z.string().nullable(),
    }),
  ),
});

/** Which operators a waiting session was already offered to (setting 2), for the hover. */
@ApiTags('routed-operators')
@ApiBearerAuth()
@Controller('api/sessions')
export class RoutedOperatorsController {
  constructor(private readonly routed: RoutedOperatorsService) {}

  @ApiOperation({
    summary: 'The operators and groups a session was offered to, in order, with outcomes',
    description: '404 `routed_operators_disabled` while setting 2 is off.',
  })
  @ApiZodResponse(200, routedOperatorsViewSchema)
  @Roles('operator', 'host', 'supervisor', 'admin')
  @Get(':sessionId/routed-operators')
  read(
    @CurrentPrincipal() principal: Principal,
    @Param(new ZodValidationPipe(sessionIdParams)) { sessionId }: z.output<typeof sessionIdParams>,
  ): Promise<RoutedOperatorsView> {
    return this.routed.read(principal.tenantId, sessionId);
  }
}

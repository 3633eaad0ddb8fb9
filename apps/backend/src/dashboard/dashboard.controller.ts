import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/principal.js';
import { ZodQuery } from '../common/errors/zod-validation.pipe.js';
import { ApiZodQuery, ApiZodResponse } from '../openapi/api-zod.decorators.js';
import {
  type DashboardStats,
  type StatsQuery,
  statsQuery,
  statsSchema,
} from './dashboard.schemas.js';
import { DashboardService } from './dashboard.service.js';

@ApiTags('dashboard')
@ApiBearerAuth()
@Roles('admin', 'supervisor', 'viewer')
@Controller('api/dashboard')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @ApiOperation({
    summary:
      "What Switchboard did per day of the tenant's time zone: sessions admitted and refused, " +
      'bans, files deleted, sessions anonymized, packages busy/offline, webhooks and failures',
  })
  @ApiZodQuery(statsQuery)
  @ApiZodResponse(200, statsSchema)
  @Get('stats')
  stats(
    @ZodQuery(statsQuery) query: StatsQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<DashboardStats> {
    return this.dashboard.stats(principal.tenantId, query);
  }
}

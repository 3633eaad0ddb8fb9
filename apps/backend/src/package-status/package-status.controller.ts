import { Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/principal.js';
import { ZodQuery, ZodValidationPipe } from '../common/errors/zod-validation.pipe.js';
import { type ListQuery, sendList } from '../common/rest/list-query.js';
import { ApiListQuery, ApiZodResponse } from '../openapi/api-zod.decorators.js';
import { PackageStatusJobs } from './package-status.jobs.js';
import { PackageStatusQueries } from './package-status.queries.js';
import {
  CHANGE_SORTABLE,
  type ChangeFilter,
  PACKAGE_SORTABLE,
  type PackageFilter,
  type PackageParams,
  type PackageStatusDetail,
  type PackageStatusView,
  type StatusChangeView,
  type SyncStateView,
  changeFilter,
  changeListQuery,
  packageFilter,
  packageListQuery,
  packageParams,
  packageStatusDetailSchema,
  packageStatusViewSchema,
  statusChangeViewSchema,
  syncStateSchema,
} from './package-status.schemas.js';

/** Setting 7 in the panel: each package's status with why, its operators, and the history. */
@ApiTags('package-status')
@ApiBearerAuth()
@Controller('api/package-status')
export class PackageStatusController {
  constructor(
    private readonly queries: PackageStatusQueries,
    private readonly jobs: PackageStatusJobs,
  ) {}

  @ApiOperation({ summary: "Every package's status, reason and counts (react-admin list)" })
  @ApiListQuery({ sortable: PACKAGE_SORTABLE, filter: packageFilter })
  @ApiZodResponse(200, z.array(packageStatusViewSchema))
  @Roles('admin', 'supervisor', 'viewer')
  @Get()
  async list(
    @ZodQuery(packageListQuery) query: ListQuery<PackageFilter>,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<readonly PackageStatusView[]> {
    const { rows, total } = await this.queries.list(principal.tenantId, query);
    return sendList(reply, 'package-status', query, rows, total);
  }

  @ApiOperation({
    summary: 'Status changes with reason and cause, newest first (react-admin list)',
  })
  @ApiListQuery({ sortable: CHANGE_SORTABLE, filter: changeFilter })
  @ApiZodResponse(200, z.array(statusChangeViewSchema))
  @Roles('admin', 'supervisor', 'viewer')
  @Get('changes')
  async changes(
    @ZodQuery(changeListQuery) query: ListQuery<ChangeFilter>,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<readonly StatusChangeView[]> {
    const { rows, total } = await this.queries.changes(principal.tenantId, query);
    return sendList(reply, 'package-status-changes', query, rows, total);
  }

  @ApiOperation({ summary: 'When routing and operator states were last read from the host' })
  @ApiZodResponse(200, syncStateSchema)
  @Roles('admin', 'supervisor', 'viewer')
  @Get('sync')
  syncState(@CurrentPrincipal() principal: Principal): Promise<SyncStateView> {
    return this.queries.syncState(principal.tenantId);
  }

  @ApiOperation({
    summary: 'Re-read routing and operator states from the host now (answers at once)',
  })
  @ApiZodResponse(202, z.object({ accepted: z.literal(true) }))
  @Roles('admin')
  @HttpCode(202)
  @Post('sync')
  async sync(@CurrentPrincipal() principal: Principal): Promise<{ accepted: true }> {
    await this.jobs.requestSync(principal.tenantId, 'sync');
    return { accepted: true };
  }

  @ApiOperation({ summary: 'One package: status, reason, and its routed operators with presence' })
  @ApiZodResponse(200, packageStatusDetailSchema)
  @Roles('admin', 'supervisor', 'viewer')
  @Get(':packageId')
  detail(
    @Param(new ZodValidationPipe(packageParams)) { packageId }: PackageParams,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PackageStatusDetail> {
    return this.queries.detail(principal.tenantId, packageId);
  }
}

import { Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/principal.js';
import { ZodBody, ZodQuery, ZodValidationPipe } from '../common/errors/zod-validation.pipe.js';
import { type ListQuery, sendList } from '../common/rest/list-query.js';
import { ApiListQuery, ApiZodBody, ApiZodResponse } from '../openapi/api-zod.decorators.js';
import {
  BAN_SORTABLE,
  type BanFilter,
  type BanIdParams,
  type BanPermissions,
  type BanView,
  type CreateBanBody,
  type RevokeBanBody,
  banFilter,
  banIdParams,
  banListQuery,
  banPermissionsSchema,
  banViewSchema,
  createBanBody,
  revokeBanBody,
} from './bans.schemas.js';
import { BansService } from './bans.service.js';

const banId = new ZodValidationPipe(banIdParams);

/**
 * Bans (setting 3). Operators ban from the host's operator UI while the tenant allows it;
 * supervisors and admins always, and they list, search and revoke in the panel.
 */
@ApiTags('bans')
@ApiBearerAuth()
@Controller('api/bans')
export class BansController {
  constructor(private readonly bans: BansService) {}

  @ApiOperation({ summary: 'Whether the caller may ban now, and with which durations' })
  @ApiZodResponse(200, banPermissionsSchema)
  @Roles('operator', 'supervisor', 'admin')
  @Get('permissions')
  permissions(@CurrentPrincipal() principal: Principal): Promise<BanPermissions> {
    return this.bans.permissions(principal);
  }

  @ApiOperation({
    summary: "Ban a session's client (by device or channel identity) or a given value",
    description:
      '403 `ban_not_allowed` for an operator while setting 3 is off; 422 `duration_not_offered` ' +
      'for a duration the setting does not offer.',
  })
  @ApiZodBody(createBanBody)
  @ApiZodResponse(201, banViewSchema)
  @Roles('operator', 'supervisor', 'admin')
  @Post()
  create(
    @CurrentPrincipal() principal: Principal,
    @ZodBody(createBanBody) body: CreateBanBody,
  ): Promise<BanView> {
    return this.bans.create(principal, body);
  }

  @ApiOperation({ summary: 'Bans, newest first (react-admin list conventions)' })
  @ApiListQuery({ sortable: BAN_SORTABLE, filter: banFilter })
  @ApiZodResponse(200, z.array(banViewSchema))
  @Roles('supervisor', 'admin', 'viewer')
  @Get()
  async list(
    @CurrentPrincipal() principal: Principal,
    @ZodQuery(banListQuery) query: ListQuery<BanFilter>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<readonly BanView[]> {
    const { rows, total } = await this.bans.list(principal.tenantId, query);
    return sendList(reply, 'bans', query, rows, total);
  }

  @ApiOperation({ summary: 'One ban' })
  @ApiZodResponse(200, banViewSchema)
  @Roles('supervisor', 'admin', 'viewer')
  @Get(':id')
  get(
    @CurrentPrincipal() principal: Principal,
    @Param(banId) { id }: BanIdParams,
  ): Promise<BanView> {
    return this.bans.get(principal.tenantId, id);
  }

  @ApiOperation({ summary: 'Revoke a ban (it stays listed as revoked)' })
  @ApiZodBody(revokeBanBody)
  @ApiZodResponse(200, banViewSchema)
  @Roles('supervisor', 'admin')
  @Post(':id/revoke')
  @HttpCode(200)
  revoke(
    @CurrentPrincipal() principal: Principal,
    @Param(banId) { id }: BanIdParams,
    @ZodBody(revokeBanBody) body: RevokeBanBody,
  ): Promise<BanView> {
    return this.bans.revoke(principal, id, body);
  }
}

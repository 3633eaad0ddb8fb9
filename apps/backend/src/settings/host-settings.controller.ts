import { Controller, Get, Headers, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/principal.js';
import { ZodQuery } from '../common/errors/zod-validation.pipe.js';
import { ApiZodQuery, ApiZodResponse } from '../openapi/api-zod.decorators.js';
import { SettingsCacheService } from './settings-cache.service.js';
import { matchesNoneMatch } from './settings-http.js';
import {
  type HostEffectiveQuery,
  effectiveSettingsSchema,
  hostEffectiveQuery,
} from './settings.schemas.js';
import { assertPackageId } from './settings.service.js';

/**
 * The host's hot read: effective settings from the per-instance cache (no query on a hit), with
 * a strong ETag so an unchanged poll costs a 304 and no body.
 */
@ApiTags('host')
@ApiBearerAuth()
@Controller('api/host/settings')
export class HostSettingsController {
  constructor(private readonly cache: SettingsCacheService) {}

  @ApiOperation({ summary: 'Effective settings of the tenant or one package (conditional GET)' })
  @ApiHeader({ name: 'If-None-Match', required: false })
  @ApiZodQuery(hostEffectiveQuery)
  @ApiZodResponse(200, effectiveSettingsSchema)
  @ApiZodResponse(304, undefined, 'Not modified')
  @Roles('host', 'admin', 'supervisor', 'viewer')
  @Get('effective')
  async effective(
    @CurrentPrincipal() principal: Principal,
    @ZodQuery(hostEffectiveQuery) query: HostEffectiveQuery,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if (query.packageId !== undefined) assertPackageId(query.packageId);
    const entry = await this.cache.effective(principal.tenantId, query.packageId ?? null);
    void reply.header('etag', entry.etag).header('cache-control', 'private, no-cache');
    if (matchesNoneMatch(ifNoneMatch, entry.etag)) {
      await reply.status(304).send();
      return;
    }
    await reply.status(200).type('application/json; charset=utf-8').send(entry.json);
  }
}

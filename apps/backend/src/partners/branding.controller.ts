import { Controller, Get, Header, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { CurrentPrincipal, Public, Roles } from '../auth/auth.decorators.js';
import { type Principal, ROLES } from '../auth/principal.js';
import { ZodBody } from '../common/errors/zod-validation.pipe.js';
import { ApiZodBody, ApiZodResponse } from '../openapi/api-zod.decorators.js';
import { type Branding, brandingSchema, resolveBrandingBodySchema } from './partner-theme.js';
import { HostTokenTenant } from './host-token-tenant.service.js';
import { PartnersService } from './partners.service.js';

/** The partner theme the panel loads at run time, so partners brand it without a rebuild. */
@ApiTags('partners')
@Controller('api/branding')
export class BrandingController {
  constructor(
    private readonly partners: PartnersService,
    private readonly tokens: HostTokenTenant,
  ) {}

  @ApiOperation({ summary: "The caller's tenant's theme (its partner's, or none)" })
  @ApiBearerAuth()
  @ApiZodResponse(200, brandingSchema)
  @Roles(...ROLES)
  @Header('cache-control', 'no-cache')
  @Get()
  get(@CurrentPrincipal() principal: Principal): Promise<Branding> {
    return this.partners.brandingOf(principal.tenantId);
  }

  @ApiOperation({
    summary:
      'The theme for the tenant a host-signed panel token names, before it is exchanged: the ' +
      'panel is branded from its first paint (the token is checked, not used up)',
  })
  @ApiZodBody(resolveBrandingBodySchema)
  @ApiZodResponse(200, brandingSchema)
  @ApiZodResponse(401, undefined, '`invalid_token`')
  // Public with a reason: before the exchange the panel has no session, only the host's token,
  // which this route verifies itself.
  @Public()
  @Header('cache-control', 'no-store')
  @Post('resolve')
  @HttpCode(200)
  async resolve(
    @ZodBody(resolveBrandingBodySchema) body: z.output<typeof resolveBrandingBodySchema>,
  ): Promise<Branding> {
    return this.partners.brandingOf(await this.tokens.tenantOf(body.token));
  }
}

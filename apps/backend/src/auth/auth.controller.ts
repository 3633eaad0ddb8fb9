import { Controller, Delete, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ZodBody } from '../common/errors/zod-validation.pipe.js';
import { InstallationService } from '../installation/installation.service.js';
import { ApiZodBody, ApiZodResponse } from '../openapi/api-zod.decorators.js';
import { CurrentPrincipal, Public, Roles } from './auth.decorators.js';
import { AuthService, type OpenedSession } from './auth.service.js';
import { type Principal, ROLES } from './principal.js';

const openSessionBody = z.object({ token: z.string().min(1).max(8192) });

export const principalSchema = z.object({
  tenantId: z.string(),
  userId: z.string(),
  userName: z.string().nullable(),
  roles: z.array(z.enum(ROLES)),
  locale: z.enum(['cs', 'en']),
});

const sessionSchema = z.object({
  sessionToken: z.string(),
  expiresAt: z.string(),
  principal: principalSchema,
});

const meSchema = z.object({
  principal: principalSchema,
  tenant: z.object({
    id: z.string(),
    name: z.string().nullable(),
    locale: z.enum(['cs', 'en']),
    timeZone: z.string(),
    entitlements: z.array(z.string()),
    capabilities: z.array(z.string()),
  }),
});

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly installation: InstallationService,
  ) {}

  @ApiOperation({
    summary:
      'Exchange a host-signed JWT (admin, supervisor or viewer; with a jti, used once) for a panel session (8 h)',
  })
  @ApiZodBody(openSessionBody)
  @ApiZodResponse(201, sessionSchema)
  @Public()
  @Post('session')
  openSession(
    @ZodBody(openSessionBody) body: z.output<typeof openSessionBody>,
  ): Promise<OpenedSession> {
    return this.auth.openSession(body.token);
  }

  @ApiOperation({ summary: 'End the current panel session' })
  @ApiBearerAuth()
  @ApiZodResponse(204)
  @Roles(...ROLES)
  @Delete('session')
  @HttpCode(204)
  async closeSession(@Req() request: FastifyRequest): Promise<void> {
    await this.auth.closeSession(request.headers.authorization);
  }

  @ApiOperation({ summary: 'Who am I: the principal and the tenant' })
  @ApiBearerAuth()
  @ApiZodResponse(200, meSchema)
  @Roles(...ROLES)
  @Get('me')
  async me(@CurrentPrincipal() principal: Principal): Promise<z.output<typeof meSchema>> {
    const tenant = await this.installation.requireTenant(principal.tenantId);
    return {
      principal: { ...principal, roles: [...principal.roles] },
      tenant: {
        id: tenant.id,
        name: tenant.name,
        locale: tenant.locale,
        timeZone: tenant.timeZone,
        entitlements: tenant.entitlements,
        capabilities: tenant.capabilities,
      },
    };
  }
}

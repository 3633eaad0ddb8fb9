import { Controller, HttpCode, Post, Res, UseGuards } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/auth.decorators.js';
import { ZodBody } from '../common/errors/zod-validation.pipe.js';
import { ApiZodBody, ApiZodResponse } from '../openapi/api-zod.decorators.js';
import {
  type InstallRequest,
  installRequestSchema,
  type InstallResponse,
  installResponseSchema,
  type UninstallRequest,
  uninstallRequestSchema,
} from './install-request.js';
import { InstallationService } from './installation.service.js';
import { PlatformSignatureGuard } from './platform-signature.guard.js';

const signed = (name: string): ClassDecorator =>
  ApiHeader({
    name,
    required: true,
    description: 'Standard Webhooks, signed with the platform secret',
  });

/** Called by the host platform, not by people: authenticated by its signature alone. */
@ApiTags('installation')
@signed('webhook-id')
@signed('webhook-timestamp')
@signed('webhook-signature')
@Public()
@UseGuards(PlatformSignatureGuard)
@Controller()
export class InstallationController {
  constructor(private readonly installation: InstallationService) {}

  @ApiOperation({ summary: 'Install or update the plugin for a tenant (idempotent)' })
  @ApiZodBody(installRequestSchema)
  @ApiZodResponse(201, installResponseSchema, 'First install')
  @ApiZodResponse(200, installResponseSchema, 'Existing installation updated')
  @Post('install')
  async install(
    @ZodBody(installRequestSchema) body: InstallRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<InstallResponse> {
    const result = await this.installation.install(body);
    void reply.status(result.created ? 201 : 200);
    return result;
  }

  @ApiOperation({ summary: "Uninstall: remove all of the tenant's data (idempotent)" })
  @ApiZodBody(uninstallRequestSchema)
  @ApiZodResponse(204, undefined, 'Removed (or was not installed)')
  @Post('uninstall')
  @HttpCode(204)
  async uninstall(@ZodBody(uninstallRequestSchema) body: UninstallRequest): Promise<void> {
    await this.installation.uninstall(body.tenantId);
  }
}

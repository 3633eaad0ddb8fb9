import { Controller, Delete, Get, HttpCode, Param, Put, Res, UseGuards } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { Public } from '../auth/auth.decorators.js';
import { ZodBody, ZodValidationPipe } from '../common/errors/zod-validation.pipe.js';
import { tenantIdSchema } from '../installation/install-request.js';
import { PlatformSignatureGuard } from '../installation/platform-signature.guard.js';
import { ApiZodBody, ApiZodResponse } from '../openapi/api-zod.decorators.js';
import {
  type AssignPartnerBody,
  type Branding,
  type PartnerBody,
  type PartnerView,
  assignPartnerBodySchema,
  brandingSchema,
  partnerBodySchema,
  partnerIdSchema,
  partnerSchema,
} from './partner-theme.js';
import { PartnersService } from './partners.service.js';

const partnerParams = new ZodValidationPipe(z.object({ partnerId: partnerIdSchema }));

const signed = (name: string): ClassDecorator =>
  ApiHeader({
    name,
    required: true,
    description: 'Standard Webhooks, signed with the platform secret (GETs sign an empty body)',
  });

/**
 * Partners are the platform operator's business, like installs: it signs these calls with the
 * platform secret. A tenant's admins cannot pick or edit a partner brand: the partner sells the
 * panel to them under that brand.
 */
@ApiTags('partners')
@signed('webhook-id')
@signed('webhook-timestamp')
@signed('webhook-signature')
@Public()
@UseGuards(PlatformSignatureGuard)
@Controller('api/platform')
export class PlatformPartnersController {
  constructor(private readonly partners: PartnersService) {}

  @ApiOperation({ summary: 'Every partner, with how many installations belong to it' })
  @ApiZodResponse(200, z.array(partnerSchema))
  @Get('partners')
  list(): Promise<PartnerView[]> {
    return this.partners.list();
  }

  @ApiOperation({ summary: 'One partner and its theme' })
  @ApiParam({ name: 'partnerId', type: String })
  @ApiZodResponse(200, partnerSchema)
  @ApiZodResponse(404, undefined, '`partner_not_found`')
  @Get('partners/:partnerId')
  get(@Param(partnerParams) { partnerId }: { partnerId: string }): Promise<PartnerView> {
    return this.partners.get(partnerId);
  }

  @ApiOperation({ summary: 'Create or replace a partner and its white-label theme' })
  @ApiParam({ name: 'partnerId', type: String })
  @ApiZodBody(partnerBodySchema)
  @ApiZodResponse(201, partnerSchema, 'Created')
  @ApiZodResponse(200, partnerSchema, 'Replaced')
  @Put('partners/:partnerId')
  async put(
    @Param(partnerParams) { partnerId }: { partnerId: string },
    @ZodBody(partnerBodySchema) body: PartnerBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PartnerView> {
    const { partner, created } = await this.partners.put(partnerId, body);
    void reply.status(created ? 201 : 200);
    return partner;
  }

  @ApiOperation({ summary: 'Delete a partner no installation belongs to' })
  @ApiParam({ name: 'partnerId', type: String })
  @ApiZodResponse(204, undefined, 'Deleted')
  @ApiZodResponse(409, undefined, '`partner_in_use`: installations still belong to it')
  @Delete('partners/:partnerId')
  @HttpCode(204)
  async delete(@Param(partnerParams) { partnerId }: { partnerId: string }): Promise<void> {
    await this.partners.delete(partnerId);
  }

  @ApiOperation({
    summary: "Set the partner an installation belongs to (null: Switchboard's brand)",
  })
  @ApiParam({ name: 'tenantId', type: String })
  @ApiZodBody(assignPartnerBodySchema)
  @ApiZodResponse(200, brandingSchema, "The tenant's branding from now on")
  @ApiZodResponse(404, undefined, '`tenant_not_found` or `partner_not_found`')
  @Put('tenants/:tenantId/partner')
  assign(
    @Param(new ZodValidationPipe(z.object({ tenantId: tenantIdSchema })))
    { tenantId }: { tenantId: string },
    @ZodBody(assignPartnerBodySchema) body: AssignPartnerBody,
  ): Promise<Branding> {
    return this.partners.assign(tenantId, body.partnerId);
  }
}

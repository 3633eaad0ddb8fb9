import { Controller, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { webhookEnvelopeSchema } from '@switchboard/host-contract';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { Public } from '../auth/auth.decorators.js';
import { ApiZodBody, ApiZodResponse } from '../openapi/api-zod.decorators.js';
import { verifiedDelivery, WebhookAuthGuard } from './webhook-auth.guard.js';
import { type IngressResult, WebhookIngressService } from './webhook-ingress.service.js';

const ingressResultSchema = z.object({
  id: z.number().int(),
  status: z.enum(['accepted', 'parked', 'duplicate']),
});

const optionalHeader = (name: string, description: string): MethodDecorator =>
  ApiHeader({ name, required: false, description });

/**
 * The host's webhook deliveries. Public for panel auth: the host authenticates with a signature
 * (or v1 Basic credentials), checked by WebhookAuthGuard. Verify → parse → store; the handlers
 * run later, from the inbox.
 */
@ApiTags('host')
@Public()
@Controller()
export class WebhookIngressController {
  constructor(private readonly ingress: WebhookIngressService) {}

  @ApiOperation({
    summary: 'Receive a webhook delivery from the host (stored, processed asynchronously)',
    description:
      '202 accepted or parked (unknown event type / payload breaking the contract: a dead letter, ' +
      'not to be retried); 200 for a delivery already received. 401 invalid_signature, ' +
      'stale_timestamp or invalid_credentials; 400 malformed_json or invalid_envelope; 413; ' +
      '404 unknown tenant.',
  })
  @optionalHeader('webhook-id', 'Standard Webhooks (hosts with signedWebhooks)')
  @optionalHeader('webhook-timestamp', 'Standard Webhooks (hosts with signedWebhooks)')
  @optionalHeader('webhook-signature', 'Standard Webhooks (hosts with signedWebhooks)')
  @optionalHeader('authorization', 'Basic credentials from the callback URL (v1 hosts)')
  @ApiParam({ name: 'tenantId', type: String })
  @ApiZodBody(webhookEnvelopeSchema)
  @ApiZodResponse(202, ingressResultSchema, 'Stored (accepted, or parked as a dead letter)')
  @ApiZodResponse(200, ingressResultSchema, 'Already received')
  @UseGuards(WebhookAuthGuard)
  @Post('webhooks/:tenantId')
  @HttpCode(202)
  async receive(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<IngressResult> {
    const result = await this.ingress.ingest(verifiedDelivery(request), request.body);
    if (result.status === 'duplicate') void reply.status(200);
    return result;
  }
}

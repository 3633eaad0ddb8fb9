import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { RawBodyRequest } from '@nestjs/common';
import { DEFAULT_TOLERANCE_SECONDS, verifyWebhook } from '@switchboard/host-contract';
import type { FastifyRequest } from 'fastify';
import { ApiError } from '../common/errors/api-error.js';
import { HostTenantCache } from './host-tenant-cache.service.js';
import { authorizationMatches } from './webhook-credentials.js';

/** What the guard established about a delivery, for the handler. */
export interface VerifiedDelivery {
  tenantId: string;
  /** The Standard Webhooks `webhook-id`; null for a v1 (Basic) delivery. */
  webhookId: string | null;
}

const verified = new WeakMap<object, VerifiedDelivery>();

export function verifiedDelivery(request: FastifyRequest): VerifiedDelivery {
  const delivery = verified.get(request);
  // Only reachable when the guard is missing from a route that asks: a programming error.
  if (delivery === undefined) throw new Error('WebhookAuthGuard did not run for this route');
  return delivery;
}

/**
 * Authenticates `POST /webhooks/:tenantId`: a tenant whose host declared `signedWebhooks` must
 * sign (Standard Webhooks, its webhook secret, over the exact bytes, within the tolerance); any
 * other tenant's host is a v1 host and must send the Basic credentials Switchboard registered in
 * the callback URL. Unknown tenant: 404.
 */
@Injectable()
export class WebhookAuthGuard implements CanActivate {
  constructor(private readonly tenants: HostTenantCache) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<RawBodyRequest<FastifyRequest>>();
    verified.set(request, await this.authenticate(request));
    return true;
  }

  /** The check itself, for the guard and for the route's Fastify handler (webhook-ingress.route.ts). */
  async authenticate(request: RawBodyRequest<FastifyRequest>): Promise<VerifiedDelivery> {
    const { tenantId } = request.params as { tenantId: string };
    const tenant = await this.tenants.get(tenantId);
    if (tenant === null) {
      throw new ApiError({
        status: 404,
        code: 'tenant_not_found',
        messageKey: 'installation.tenant_not_found',
      });
    }
    if (!tenant.signedWebhooks) {
      if (!authorizationMatches(request.headers.authorization, tenant.basicAuthorization)) {
        throw new ApiError({
          status: 401,
          code: 'invalid_credentials',
          messageKey: 'host.invalid_credentials',
        });
      }
      return { tenantId, webhookId: null };
    }
    const check = verifyWebhook(
      tenant.webhookSecret,
      request.headers,
      request.rawBody ?? Buffer.alloc(0),
      { toleranceSeconds: DEFAULT_TOLERANCE_SECONDS },
    );
    if (!check.ok) throw signatureError(check.reason);
    return { tenantId, webhookId: String(request.headers['webhook-id']) };
  }
}

/** 401 `stale_timestamp` for a timestamp outside the window, else 401 `invalid_signature`. */
export function signatureError(reason: string): ApiError {
  if (reason === 'timestamp_too_old' || reason === 'timestamp_too_new') {
    return new ApiError({
      status: 401,
      code: 'stale_timestamp',
      messageKey: 'host.stale_timestamp',
      details: { reason },
    });
  }
  return new ApiError({
    status: 401,
    code: 'invalid_signature',
    messageKey: 'host.invalid_signature',
    params: { reason },
    details: { reason },
  });
}

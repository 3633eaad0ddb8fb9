import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { RawBodyRequest } from '@nestjs/common';
import {
  DEFAULT_TOLERANCE_SECONDS,
  tenantIdSchema,
  verifyWebhook,
} from '@switchboard/host-contract';
import type { FastifyRequest } from 'fastify';
import { ApiError } from '../common/errors/api-error.js';
import type { DecisionContext } from './decision-hook.registry.js';
import { HostTenantCache } from './host-tenant-cache.service.js';
import { signatureError } from './webhook-auth.guard.js';

const verified = new WeakMap<object, DecisionContext>();

export function verifiedHookTenant(request: FastifyRequest): DecisionContext {
  const context = verified.get(request);
  if (context === undefined) throw new Error('HookAuthGuard did not run for this route');
  return context;
}

/**
 * Authenticates a decision-hook call: the tenant named in the body must exist and the call must
 * carry a Standard Webhooks signature by that tenant's webhook secret over the exact bytes. Hooks
 * exist only in the extension, so there is no v1 (Basic) variant.
 */
@Injectable()
export class HookAuthGuard implements CanActivate {
  constructor(private readonly tenants: HostTenantCache) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<RawBodyRequest<FastifyRequest>>();
    const body = request.body as { tenantId?: unknown } | null | undefined;
    const tenantId = tenantIdSchema.safeParse(
      typeof body === 'object' && body !== null ? body.tenantId : undefined,
    );
    const tenant = tenantId.success ? await this.tenants.get(tenantId.data) : null;
    if (tenant === null) {
      throw new ApiError({
        status: 404,
        code: 'tenant_not_found',
        messageKey: 'installation.tenant_not_found',
      });
    }
    const check = verifyWebhook(
      tenant.webhookSecret,
      request.headers,
      request.rawBody ?? Buffer.alloc(0),
      { toleranceSeconds: DEFAULT_TOLERANCE_SECONDS },
    );
    if (!check.ok) throw signatureError(check.reason);
    verified.set(request, { tenantId: tenant.tenantId, locale: tenant.locale });
    return true;
  }
}

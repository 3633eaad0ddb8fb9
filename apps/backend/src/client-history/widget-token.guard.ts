import { type CanActivate, type ExecutionContext, Injectable, Logger } from '@nestjs/common';
import {
  WIDGET_TOKEN_MAX_LIFETIME_SECONDS,
  WIDGET_TOKEN_TYPE,
  widgetTokenClaimsSchema,
} from '@switchboard/host-contract';
import type { FastifyRequest } from 'fastify';
import { decodeJwt, jwtVerify } from 'jose';
import { bearerToken, CLOCK_TOLERANCE_SECONDS } from '../auth/auth.service.js';
import { PanelSecretCache } from '../auth/panel-secret-cache.service.js';
import { ApiError } from '../common/errors/api-error.js';
import { InjectEnv } from '../config/config.module.js';
import type { Env } from '../config/env.js';
import { tenantIdSchema } from '../installation/install-request.js';
import { jwtFailureReason } from '../auth/jwt-failure.js';

/** Who calls a widget route: a browser the host vouched for. */
export interface WidgetPrincipal {
  tenantId: string;
  /** The host's tracking id of the browser (the device). */
  trackedId: string;
  /** The package the widget belongs to, or null for a tenant-wide widget. */
  packageId: string | null;
  locale: 'cs' | 'en';
}

export const WIDGET_TOKEN_REASONS = [
  'expired',
  'audience',
  'type',
  'algorithm',
  'signature',
  'malformed',
] as const;
type WidgetTokenReason = (typeof WIDGET_TOKEN_REASONS)[number];

const principals = new WeakMap<object, WidgetPrincipal>();

export function widgetPrincipalOf(request: FastifyRequest): WidgetPrincipal {
  const principal = principals.get(request);
  if (principal === undefined) throw new Error('widget route without WidgetTokenGuard');
  return principal;
}

function invalid(reason: WidgetTokenReason): ApiError {
  return new ApiError({
    status: 401,
    code: 'invalid_widget_token',
    messageKey: 'widget.invalid_token',
    params: { reason },
    details: { reason },
  });
}

const reasonOf = (error: unknown): WidgetTokenReason => jwtFailureReason(error);

/**
 * Widget routes are outside the panel's auth (they are `@Public()` for the global guard) and
 * admit only a widget token: HS256 over the tenant's panel secret, JOSE type `widget+jwt`, the
 * configured audience, at most an hour long. A panel or operator JWT is refused (wrong type), and
 * a widget token is refused by the panel's guard (no roles). A token naming an unknown tenant
 * answers `signature`, so tenants cannot be probed.
 */
@Injectable()
export class WidgetTokenGuard implements CanActivate {
  private readonly logger = new Logger(WidgetTokenGuard.name);

  constructor(
    private readonly keys: PanelSecretCache,
    @InjectEnv() private readonly env: Env,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const token = bearerToken(request.headers.authorization);
    if (token === undefined) {
      throw new ApiError({
        status: 401,
        code: 'widget_token_required',
        messageKey: 'widget.token_required',
      });
    }
    principals.set(request, await this.verify(token));
    return true;
  }

  async verify(token: string): Promise<WidgetPrincipal> {
    let tenant: unknown;
    try {
      tenant = decodeJwt(token).tid;
    } catch {
      throw invalid('malformed');
    }
    if (typeof tenant !== 'string' || !tenantIdSchema.safeParse(tenant).success) {
      throw invalid('malformed');
    }
    const key = await this.keys.keyOf(tenant);
    if (key === null) throw invalid('signature');
    let payload: unknown;
    try {
      ({ payload } = await jwtVerify(token, new TextEncoder().encode(key.secret), {
        algorithms: ['HS256'],
        typ: WIDGET_TOKEN_TYPE,
        audience: this.env.JWT_AUDIENCE,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['exp', 'iat', 'sub', 'tid'],
        maxTokenAge: WIDGET_TOKEN_MAX_LIFETIME_SECONDS + CLOCK_TOLERANCE_SECONDS,
      }));
    } catch (error) {
      const reason = reasonOf(error);
      if (reason === 'signature')
        this.logger.warn({ tenantId: key.tenantId }, 'widget token refused');
      throw invalid(reason);
    }
    const claims = widgetTokenClaimsSchema.safeParse(payload);
    if (!claims.success || claims.data.tid !== key.tenantId) throw invalid('malformed');
    if (claims.data.exp - claims.data.iat > WIDGET_TOKEN_MAX_LIFETIME_SECONDS) {
      throw invalid('malformed');
    }
    return {
      tenantId: key.tenantId,
      trackedId: claims.data.sub,
      packageId: claims.data.pkg ?? null,
      locale: key.locale,
    };
  }
}

import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { AuditService, actorFromPrincipal } from '../audit/audit.service.js';
import { ApiError } from '../common/errors/api-error.js';
import { IS_PUBLIC_KEY, ROLES_KEY, setPrincipal } from './auth.decorators.js';
import { AuthService } from './auth.service.js';
import type { Role } from './principal.js';

/**
 * Registered as APP_GUARD: every route needs a valid bearer (session token or host JWT) unless
 * marked `@Public()`, and the caller needs one of the route's `@Roles(...)` when it lists any.
 * A refusal for lack of a role is audited.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC_KEY, targets) === true) {
      return true;
    }
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const principal = await this.auth.authenticate(request.headers.authorization);
    setPrincipal(request, principal);

    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (allowed !== undefined && !principal.roles.some((role) => allowed.includes(role))) {
      const route = `${request.method} ${request.routeOptions.url ?? request.url}`;
      await this.audit.record({
        tenantId: principal.tenantId,
        actor: actorFromPrincipal(principal),
        action: 'auth.role_denied',
        target: { type: 'route', id: route },
        outcome: 'denied',
        details: { requiredRoles: allowed, roles: principal.roles },
      });
      throw new ApiError({
        status: 403,
        code: 'forbidden_role',
        messageKey: 'auth.forbidden_role',
        details: { requiredRoles: allowed },
      });
    }
    return true;
  }
}

import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { AuditService, actorFromPrincipal } from '../audit/audit.service.js';
import { pathOnly } from '../common/logging/logger-options.js';
import { IS_PUBLIC_KEY, ROLES_KEY, setPrincipal } from './auth.decorators.js';
import { AuthService, forbiddenRole } from './auth.service.js';
import type { Role } from './principal.js';

/**
 * The roles a route admits (any one suffices): its `@Roles(...)`, the method's over the
 * class's. None declared means none admitted.
 */
export function requiredRoles(
  reflector: Reflector,
  targets: Parameters<Reflector['getAllAndOverride']>[1],
): readonly Role[] {
  return reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets) ?? [];
}

/**
 * Registered as APP_GUARD: every route needs a valid bearer (session token or host JWT) unless
 * marked `@Public()`, and the caller needs one of the route's `@Roles(...)`. A route declaring
 * no roles admits nobody (deny by default), so a new route cannot be opened to every role by
 * forgetting the decorator. A refusal for lack of a role is audited.
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

    const allowed = requiredRoles(this.reflector, targets);
    if (!principal.roles.some((role) => allowed.includes(role))) {
      const route = `${request.method} ${request.routeOptions.url ?? pathOnly(request.url)}`;
      await this.audit.record({
        tenantId: principal.tenantId,
        actor: actorFromPrincipal(principal),
        action: 'auth.role_denied',
        target: { type: 'route', id: route },
        outcome: 'denied',
        details: { requiredRoles: allowed, roles: principal.roles },
      });
      throw forbiddenRole(allowed);
    }
    return true;
  }
}

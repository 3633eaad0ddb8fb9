import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Principal, Role } from './principal.js';

export const IS_PUBLIC_KEY = 'switchboard:public';
export const ROLES_KEY = 'switchboard:roles';

/** The route needs no bearer token (health, docs, platform-signed install). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC_KEY, true);

/**
 * Roles allowed to call the route (any one suffices). On a class and a method, the method's
 * list wins. Nothing is implied: admin is allowed only where it is listed.
 */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator =>
  SetMetadata(ROLES_KEY, roles);

const principals = new WeakMap<object, Principal>();

/** Attaches the authenticated principal to the request (done by the auth guard). */
export function setPrincipal(request: FastifyRequest, principal: Principal): void {
  principals.set(request, principal);
}

export function principalOf(request: FastifyRequest): Principal | undefined {
  return principals.get(request);
}

/** The authenticated caller of a non-public route. */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal => {
    const principal = principalOf(context.switchToHttp().getRequest<FastifyRequest>());
    // Only reachable if a @Public() route asks for a principal: a programming error.
    if (principal === undefined)
      throw new Error('CurrentPrincipal used on an unauthenticated route');
    return principal;
  },
);

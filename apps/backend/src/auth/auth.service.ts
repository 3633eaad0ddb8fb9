import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import { Injectable, Logger } from '@nestjs/common';
import {
  PANEL_ROLES,
  PANEL_TOKEN_MAX_LIFETIME_SECONDS,
  panelTokenClaimsSchema,
} from '@switchboard/host-contract';
import { decodeJwt, jwtVerify } from 'jose';
import { z } from 'zod';
import { AuditService, actorFromPrincipal } from '../audit/audit.service.js';
import { ApiError } from '../common/errors/api-error.js';
import { InjectEnv } from '../config/config.module.js';
import type { Env } from '../config/env.js';
import { tenantIdSchema } from '../installation/install-request.js';
import { PanelSecretCache } from './panel-secret-cache.service.js';
import { PanelSession } from './panel-session.entity.js';
import { BEARER_ROLES, type Principal, type Role, SESSION_ROLES } from './principal.js';
import { UsedToken } from './used-token.entity.js';
import { jwtFailureReason } from './jwt-failure.js';

/**
 * What a refused token answers in `details.reason`. A token naming an unknown tenant answers
 * `signature` like a bad signature, so an unauthenticated caller cannot probe which tenants
 * exist; the log tells the two apart.
 */
export const INVALID_TOKEN_REASONS = [
  'expired',
  'audience',
  'algorithm',
  'signature',
  'malformed',
  'replayed',
  'session_required',
  'session_expired',
] as const;
export type InvalidTokenReason = (typeof INVALID_TOKEN_REASONS)[number];

/** Tolerated clock skew between host and Switchboard when checking exp/iat. */
export const CLOCK_TOLERANCE_SECONDS = 10;
export const SESSION_TTL_SECONDS = 8 * 60 * 60;

/**
 * The claims of a host-issued JWT (after signature verification): the contract's, with the
 * backend's tenant id rules and a bounded role list. `jti` is only required to open a session.
 */
export const hostTokenClaimsSchema = panelTokenClaimsSchema.extend({
  tid: tenantIdSchema,
  roles: z.array(z.enum(PANEL_ROLES)).min(1).max(PANEL_ROLES.length),
  jti: z.string().min(1).max(200).optional(),
});

export interface OpenedSession {
  sessionToken: string;
  expiresAt: string;
  principal: Principal;
}

export function invalidToken(reason: InvalidTokenReason): ApiError {
  return new ApiError({
    status: 401,
    code: 'invalid_token',
    messageKey: 'auth.invalid_token',
    params: { reason },
    details: { reason },
  });
}

export function unauthenticated(): ApiError {
  return new ApiError({ status: 401, code: 'unauthenticated', messageKey: 'auth.unauthenticated' });
}

export function forbiddenRole(requiredRoles: readonly Role[]): ApiError {
  return new ApiError({
    status: 403,
    code: 'forbidden_role',
    messageKey: 'auth.forbidden_role',
    details: { requiredRoles },
  });
}

function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A compact JWS has three dot-separated parts; our session tokens are one base64url word. */
function looksLikeJwt(token: string): boolean {
  return token.split('.').length === 3;
}

/** Panel tokens carry no JOSE type, so a type failure cannot occur; it reads as malformed. */
function reasonOf(error: unknown): InvalidTokenReason {
  const reason = jwtFailureReason(error);
  return reason === 'type' ? 'malformed' : reason;
}

const onlyRoles = (roles: readonly Role[], allowed: readonly Role[]): boolean =>
  roles.every((role) => allowed.includes(role));

interface VerifiedToken {
  principal: Principal;
  jti: string | undefined;
  /** The token's own expiry. */
  expiresAt: Date;
}

/**
 * Who is calling: host-issued JWTs (HS256 with the tenant's panelTokenSecret) and the opaque
 * panel sessions they are exchanged for. Panel people (admin, supervisor, viewer) exchange their
 * JWT once for a session; the host's server and operators present their JWT on every request.
 */
@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    private readonly em: EntityManager,
    private readonly keys: PanelSecretCache,
    private readonly audit: AuditService,
    @InjectEnv() private readonly env: Env,
  ) {}

  /**
   * Verifies a host JWT: the tenant named by `tid` must be installed (its secret is the key),
   * then HS256 only, the configured audience, exp/iat within a short lifetime.
   */
  private async verifyHostToken(token: string): Promise<VerifiedToken> {
    let unverifiedTenant: unknown;
    try {
      unverifiedTenant = decodeJwt(token).tid;
    } catch {
      throw invalidToken('malformed');
    }
    if (
      typeof unverifiedTenant !== 'string' ||
      !tenantIdSchema.safeParse(unverifiedTenant).success
    ) {
      throw invalidToken('malformed');
    }
    const key = await this.keys.keyOf(unverifiedTenant);
    if (key === null) {
      this.logger.warn({ tenantId: unverifiedTenant, reason: 'unknown_tenant' }, 'JWT refused');
      throw invalidToken('signature');
    }

    let payload: unknown;
    try {
      ({ payload } = await jwtVerify(token, new TextEncoder().encode(key.secret), {
        algorithms: ['HS256'],
        audience: this.env.JWT_AUDIENCE,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['exp', 'iat', 'sub', 'tid', 'roles'],
        maxTokenAge: PANEL_TOKEN_MAX_LIFETIME_SECONDS + CLOCK_TOLERANCE_SECONDS,
      }));
    } catch (error) {
      const reason = reasonOf(error);
      if (reason === 'signature') {
        this.logger.warn({ tenantId: key.tenantId, reason }, 'JWT refused');
      }
      throw invalidToken(reason);
    }
    const claims = hostTokenClaimsSchema.safeParse(payload);
    if (!claims.success || claims.data.tid !== key.tenantId) throw invalidToken('malformed');
    // A token meant to live longer than the maximum is refused outright, not trimmed.
    if (claims.data.exp - claims.data.iat > PANEL_TOKEN_MAX_LIFETIME_SECONDS) {
      throw invalidToken('malformed');
    }
    return {
      principal: {
        tenantId: key.tenantId,
        userId: claims.data.sub,
        userName: claims.data.name ?? null,
        roles: claims.data.roles,
        locale: claims.data.locale ?? key.locale,
      },
      jti: claims.data.jti,
      expiresAt: new Date(claims.data.exp * 1000),
    };
  }

  /**
   * Exchanges a host JWT of a panel role for an opaque session token (only its hash is
   * stored). Each JWT opens one session: its `jti` is required and remembered until it expires.
   */
  async openSession(token: string): Promise<OpenedSession> {
    const { principal, jti, expiresAt: tokenExpiresAt } = await this.verifyHostToken(token);
    if (!onlyRoles(principal.roles, SESSION_ROLES)) {
      await this.audit.record({
        tenantId: principal.tenantId,
        actor: actorFromPrincipal(principal),
        action: 'auth.role_denied',
        target: { type: 'route', id: 'POST /api/auth/session' },
        outcome: 'denied',
        details: { requiredRoles: SESSION_ROLES, roles: principal.roles },
      });
      throw forbiddenRole(SESSION_ROLES);
    }
    if (jti === undefined) throw invalidToken('malformed');
    const sessionToken = randomBytes(32).toString('base64url');
    const now = new Date();
    const expiresAt = new Date(now.getTime() + SESSION_TTL_SECONDS * 1000);
    try {
      await this.em.fork().transactional(async (tx) => {
        await tx.insert(UsedToken, {
          id: randomUUID(),
          tenant: principal.tenantId,
          jti,
          // Kept past the clock tolerance too: until then the token could still verify.
          expiresAt: new Date(tokenExpiresAt.getTime() + CLOCK_TOLERANCE_SECONDS * 1000),
        });
        await tx.insert(PanelSession, {
          id: randomUUID(),
          tenant: principal.tenantId,
          tokenHash: hashToken(sessionToken),
          userId: principal.userId,
          userName: principal.userName,
          roles: [...principal.roles],
          locale: principal.locale,
          createdAt: now,
          expiresAt,
        });
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) {
        this.logger.warn({ tenantId: principal.tenantId, reason: 'replayed' }, 'JWT refused');
        throw invalidToken('replayed');
      }
      throw error;
    }
    return { sessionToken, expiresAt: expiresAt.toISOString(), principal };
  }

  /**
   * The principal behind an `Authorization` header value: a session token, or the host JWT of
   * a server or operator call. A panel role's JWT must be exchanged for a session first.
   */
  async authenticate(authorization: string | undefined): Promise<Principal> {
    const token = bearerToken(authorization);
    if (token === undefined) throw unauthenticated();
    if (looksLikeJwt(token)) {
      const { principal } = await this.verifyHostToken(token);
      if (!onlyRoles(principal.roles, BEARER_ROLES)) throw invalidToken('session_required');
      return principal;
    }
    const session = await this.em
      .fork()
      .findOne(PanelSession, { tokenHash: hashToken(token) }, { populate: false });
    if (session === null || session.expiresAt.getTime() <= Date.now()) {
      throw invalidToken('session_expired');
    }
    return {
      tenantId: session.tenant.id,
      userId: session.userId,
      userName: session.userName,
      roles: session.roles,
      locale: session.locale,
    };
  }

  /** Ends the session the header carries; a JWT bearer has no session, which is fine. */
  async closeSession(authorization: string | undefined): Promise<void> {
    const token = bearerToken(authorization);
    if (token === undefined || looksLikeJwt(token)) return;
    await this.em.fork().nativeDelete(PanelSession, { tokenHash: hashToken(token) });
  }
}

/** The token of `Authorization: Bearer <token>`, or undefined for any other shape. */
export function bearerToken(authorization: string | undefined): string | undefined {
  const match = /^Bearer\s+([\w.~+/=-]+)\s*$/i.exec(authorization ?? '');
  return match?.[1];
}

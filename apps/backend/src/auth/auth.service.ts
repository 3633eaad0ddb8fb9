import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { decodeJwt, errors as joseErrors, jwtVerify } from 'jose';
import { z } from 'zod';
import { ApiError } from '../common/errors/api-error.js';
import { InjectEnv } from '../config/config.module.js';
import type { Env } from '../config/env.js';
import { tenantIdSchema } from '../installation/install-request.js';
import { InstallationService } from '../installation/installation.service.js';
import { PanelSession } from './panel-session.entity.js';
import { type Principal, ROLES } from './principal.js';

export const INVALID_TOKEN_REASONS = [
  'expired',
  'audience',
  'algorithm',
  'signature',
  'malformed',
  'unknown_tenant',
  'session_expired',
] as const;
export type InvalidTokenReason = (typeof INVALID_TOKEN_REASONS)[number];

/** Host JWTs live at most this long (exp − iat); the host mints a fresh one per panel open. */
export const MAX_HOST_TOKEN_SECONDS = 15 * 60;
/** Tolerated clock skew between host and Switchboard when checking exp/iat. */
export const CLOCK_TOLERANCE_SECONDS = 10;
export const SESSION_TTL_SECONDS = 8 * 60 * 60;

/** The claims of a host-issued JWT (after signature verification). */
export const hostTokenClaimsSchema = z.object({
  tid: tenantIdSchema,
  sub: z.string().min(1).max(200),
  name: z.string().max(200).nullish(),
  roles: z.array(z.enum(ROLES)).min(1).max(ROLES.length),
  locale: z.enum(['cs', 'en']).optional(),
  iat: z.number().int(),
  exp: z.number().int(),
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

function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A compact JWS has three dot-separated parts; our session tokens are one base64url word. */
function looksLikeJwt(token: string): boolean {
  return token.split('.').length === 3;
}

function reasonOf(error: unknown): InvalidTokenReason {
  if (error instanceof joseErrors.JWTExpired) return 'expired';
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return 'audience';
    if (error.claim === 'iat' && error.reason === 'check_failed') return 'expired';
    return 'malformed';
  }
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return 'algorithm';
  if (error instanceof joseErrors.JOSENotSupported) return 'algorithm';
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'signature';
  return 'malformed';
}

/**
 * Who is calling: host-issued JWTs (HS256 with the tenant's panelTokenSecret) and the opaque
 * panel sessions they are exchanged for.
 */
@Injectable()
export class AuthService {
  constructor(
    private readonly em: EntityManager,
    private readonly installation: InstallationService,
    @InjectEnv() private readonly env: Env,
  ) {}

  /**
   * Verifies a host JWT: the tenant named by `tid` must be installed (its secret is the key),
   * then HS256 only, the configured audience, exp/iat within a short lifetime.
   */
  async verifyHostToken(token: string): Promise<Principal> {
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
    const tenant = await this.installation.findTenant(unverifiedTenant);
    if (tenant === null) throw invalidToken('unknown_tenant');
    const { panelTokenSecret } = await this.installation.secrets(tenant.id);

    let payload: unknown;
    try {
      ({ payload } = await jwtVerify(token, new TextEncoder().encode(panelTokenSecret), {
        algorithms: ['HS256'],
        audience: this.env.JWT_AUDIENCE,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['exp', 'iat', 'sub', 'tid', 'roles'],
        maxTokenAge: MAX_HOST_TOKEN_SECONDS + CLOCK_TOLERANCE_SECONDS,
      }));
    } catch (error) {
      throw invalidToken(reasonOf(error));
    }
    const claims = hostTokenClaimsSchema.safeParse(payload);
    if (!claims.success || claims.data.tid !== tenant.id) throw invalidToken('malformed');
    // A token meant to live longer than the maximum is refused outright, not trimmed.
    if (claims.data.exp - claims.data.iat > MAX_HOST_TOKEN_SECONDS) throw invalidToken('malformed');
    return {
      tenantId: tenant.id,
      userId: claims.data.sub,
      userName: claims.data.name ?? null,
      roles: claims.data.roles,
      locale: claims.data.locale ?? tenant.locale,
    };
  }

  /** Exchanges a host JWT for an opaque session token; only its hash is stored. */
  async openSession(token: string): Promise<OpenedSession> {
    const principal = await this.verifyHostToken(token);
    const sessionToken = randomBytes(32).toString('base64url');
    const now = new Date();
    const expiresAt = new Date(now.getTime() + SESSION_TTL_SECONDS * 1000);
    const em = this.em.fork();
    // Expired sessions are useless; clearing them here keeps the table small without a job.
    await em.nativeDelete(PanelSession, { expiresAt: { $lt: now } });
    await em.insert(PanelSession, {
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
    return { sessionToken, expiresAt: expiresAt.toISOString(), principal };
  }

  /** The principal behind an `Authorization` header value: a session token or a host JWT. */
  async authenticate(authorization: string | undefined): Promise<Principal> {
    const token = bearerToken(authorization);
    if (token === undefined) throw unauthenticated();
    if (looksLikeJwt(token)) return this.verifyHostToken(token);
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

import { Injectable } from '@nestjs/common';
import { decodeJwt, errors as joseErrors, jwtVerify } from 'jose';
import { CLOCK_TOLERANCE_SECONDS, invalidToken } from '../auth/auth.service.js';
import { PanelSecretCache } from '../auth/panel-secret-cache.service.js';
import { InjectEnv } from '../config/config.module.js';
import type { Env } from '../config/env.js';
import { tenantIdSchema } from '../installation/install-request.js';

/**
 * The tenant a host-signed panel token speaks for, checked the way the session exchange checks
 * it (HS256 with the tenant's panel secret, audience, expiry) but without using the token up:
 * the panel asks for its brand with the same token it then exchanges for a session. An unknown
 * tenant answers like a bad signature, so the route cannot be used to find installed tenants.
 */
@Injectable()
export class HostTokenTenant {
  constructor(
    private readonly keys: PanelSecretCache,
    @InjectEnv() private readonly env: Env,
  ) {}

  async tenantOf(token: string): Promise<string> {
    let claimed: unknown;
    try {
      claimed = decodeJwt(token).tid;
    } catch {
      throw invalidToken('malformed');
    }
    if (typeof claimed !== 'string' || !tenantIdSchema.safeParse(claimed).success) {
      throw invalidToken('malformed');
    }
    const key = await this.keys.keyOf(claimed);
    if (key === null) throw invalidToken('signature');
    try {
      await jwtVerify(token, new TextEncoder().encode(key.secret), {
        algorithms: ['HS256'],
        audience: this.env.JWT_AUDIENCE,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['exp', 'iat', 'tid'],
      });
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw invalidToken('expired');
      if (error instanceof joseErrors.JWTClaimValidationFailed && error.claim === 'aud') {
        throw invalidToken('audience');
      }
      throw invalidToken(error instanceof joseErrors.JOSEAlgNotAllowed ? 'algorithm' : 'signature');
    }
    return key.tenantId;
  }
}

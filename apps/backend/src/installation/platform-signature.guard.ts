import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { RawBodyRequest } from '@nestjs/common';
import { DEFAULT_TOLERANCE_SECONDS, verifyWebhook } from '@switchboard/host-contract';
import type { FastifyRequest } from 'fastify';
import { ApiError } from '../common/errors/api-error.js';
import { InjectEnv } from '../config/config.module.js';
import type { ServiceEnv } from '../config/env.js';
import { PlatformRequest } from './platform-request.entity.js';

/**
 * Admits a request only when it carries a valid Standard Webhooks signature, over the exact
 * bytes received, by one of PLATFORM_SECRETS, within the tolerance window, and with a
 * `webhook-id` not seen before (a captured request cannot be replayed while still fresh).
 */
@Injectable()
export class PlatformSignatureGuard implements CanActivate {
  constructor(
    @InjectEnv() private readonly env: ServiceEnv,
    private readonly em: EntityManager,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<RawBodyRequest<FastifyRequest>>();
    const check = verifyWebhook(
      this.env.PLATFORM_SECRETS,
      request.headers,
      request.rawBody ?? Buffer.alloc(0),
      { toleranceSeconds: DEFAULT_TOLERANCE_SECONDS },
    );
    if (!check.ok) {
      throw new ApiError({
        status: 401,
        code: 'invalid_signature',
        messageKey: 'installation.invalid_signature',
        params: { reason: check.reason },
        details: { reason: check.reason },
      });
    }
    await this.rememberOnce(String(request.headers['webhook-id']));
    return true;
  }

  private async rememberOnce(messageId: string): Promise<void> {
    const em = this.em.fork();
    const now = new Date();
    // Anything older than twice the window would fail the timestamp check anyway.
    await em.nativeDelete(PlatformRequest, {
      receivedAt: { $lt: new Date(now.getTime() - 2 * DEFAULT_TOLERANCE_SECONDS * 1000) },
    });
    try {
      await em.insert(PlatformRequest, { messageId, receivedAt: now });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) {
        throw new ApiError({
          status: 409,
          code: 'replayed_request',
          messageKey: 'installation.replayed_request',
        });
      }
      throw error;
    }
  }
}

import { createHash, timingSafeEqual } from 'node:crypto';
import { Controller, Get, Headers, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/auth.decorators.js';
import { ApiError } from '../common/errors/api-error.js';
import { InjectEnv } from '../config/config.module.js';
import type { Env } from '../config/env.js';
import { MetricsService } from './metrics.service.js';

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/**
 * Prometheus scrape endpoint. Public as far as panel auth goes: the scraper is no tenant user. It
 * presents METRICS_TOKEN as a bearer instead; without METRICS_TOKEN the endpoint is off (404),
 * since the series name tenants and traffic volumes and the service faces the internet.
 */
@ApiTags('operations')
@Public()
@Controller('metrics')
export class MetricsController {
  private readonly token: Buffer | null;

  constructor(
    private readonly metrics: MetricsService,
    @InjectEnv() env: Env,
  ) {
    this.token = env.METRICS_TOKEN === undefined ? null : digest(env.METRICS_TOKEN);
  }

  @ApiOperation({
    summary: 'Prometheus metrics (text exposition format)',
    description:
      'Needs `Authorization: Bearer <METRICS_TOKEN>`. 404 metrics_disabled when METRICS_TOKEN ' +
      'is not set; 401 invalid_metrics_token for a missing or wrong token.',
  })
  @ApiBearerAuth()
  @ApiProduces('text/plain')
  @ApiResponse({ status: 200, description: 'The metrics', schema: { type: 'string' } })
  @Get()
  async scrape(
    @Headers('authorization') authorization: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    if (this.token === null) {
      throw new ApiError({ status: 404, code: 'metrics_disabled', messageKey: 'metrics.disabled' });
    }
    const presented = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1];
    // Digests of equal length, so the comparison takes the same time whatever was presented.
    if (presented === undefined || !timingSafeEqual(digest(presented), this.token)) {
      throw new ApiError({
        status: 401,
        code: 'invalid_metrics_token',
        messageKey: 'metrics.invalid_token',
      });
    }
    void reply.header('content-type', this.metrics.contentType);
    void reply.header('cache-control', 'no-store');
    return this.metrics.render();
  }
}

import { Global, Module } from '@nestjs/common';
import { HostMetrics } from './host-metrics.js';
import { JobsMetrics } from './jobs-metrics.js';
import { MetricsController } from './metrics.controller.js';
import { MetricsService } from './metrics.service.js';

/**
 * Prometheus metrics: the registry every capability registers its families with
 * (`MetricsService`), the host boundary's and the jobs' families, and `GET /metrics`. HTTP timing is attached
 * to Fastify in bootstrap.ts (`instrumentHttp`).
 */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [MetricsService, HostMetrics, JobsMetrics],
  exports: [MetricsService, HostMetrics],
})
export class MetricsModule {}

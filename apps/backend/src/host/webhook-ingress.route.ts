import { Injectable, type OnModuleInit, RequestMethod } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { WebhookAuthGuard } from './webhook-auth.guard.js';
import { WebhookIngressService } from './webhook-ingress.service.js';

/** The route WebhookIngressController declares (`POST /webhooks/:tenantId`). */
const METHOD = RequestMethod[RequestMethod.POST];
const ROUTE_URL = '/webhooks/:tenantId';

/**
 * Serves the webhook route from a Fastify `preHandler` hook, answering before Nest's router
 * would run the controller: at webhook rates Nest's per-request machinery (execution context,
 * guard and interceptor chains, parameter resolution) was a tenth of the CPU of a delivery
 * (profiled under the ingest benchmark). The controller still declares the route (OpenAPI, the
 * route walks, `@Public`), and this handler runs the same checks and code as the controller's:
 * WebhookAuthGuard's `authenticate`, then WebhookIngressService's `ingest`. Errors go to Fastify's error
 * handler, which Nest's exception filters serve (the one error shape).
 */
@Injectable()
export class WebhookIngressRoute implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly guard: WebhookAuthGuard,
    private readonly ingress: WebhookIngressService,
  ) {}

  onModuleInit(): void {
    const instance = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (instance === undefined) return;
    instance.addHook('preHandler', (request, reply, done) => {
      if (request.method !== METHOD || request.routeOptions.url !== ROUTE_URL) {
        done();
        return;
      }
      // Answered here: `done` is not called, so Nest's handler does not run.
      this.serve(request, reply).catch((error: unknown) => {
        void reply.send(error instanceof Error ? error : new Error(String(error)));
      });
    });
  }

  private async serve(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const delivery = await this.guard.authenticate(request);
    const result = await this.ingress.ingest(delivery, request.body);
    void reply.code(result.status === 'duplicate' ? 200 : 202).send(result);
  }
}

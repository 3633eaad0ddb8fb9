import type { FastifyInstance } from 'fastify';
import { EXTENSION_EVENT_TYPES, WEBHOOK_EVENT_TYPES } from '@switchboard/host-contract';
import { z } from 'zod';
import { HttpError, notFound } from '../common/http-error.js';
import { parseWith } from '../common/parse-body.js';
import type { SandboxContext } from '../sandbox-context.js';
import type { WebhookRegistration } from '../state/integration.model.js';
import { normaliseEnum } from './query-filters.js';

const idParams = z.object({ id: z.coerce.number().int() });
const addEditSchema = z.object({
  eventTypes: z.array(z.string().min(1)).min(1),
  callbackUrl: z.url({ protocol: /^https?$/ }),
});

const view = (w: WebhookRegistration): Record<string, unknown> => ({
  id: w.id,
  eventTypes: w.eventTypes,
  callbackUrl: w.callbackUrl,
});

/** `/api/v1/Webhooks`: POST 201 id / 409 existing id for the same URL, GET, PUT, DELETE, DELETE all. */
export function registerWebhookRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  /** Canonical spelling of each event name; an unknown one is a 400, as the host's enum binding does. */
  const canonical = (names: string[]): string[] => {
    const known: readonly string[] = ctx.store.state.settings.v1Only
      ? WEBHOOK_EVENT_TYPES
      : [...WEBHOOK_EVENT_TYPES, ...EXTENSION_EVENT_TYPES];
    return [
      ...new Set(
        names.map((name, index) => {
          const found = known.find((k) => normaliseEnum(k) === normaliseEnum(name));
          if (!found)
            throw new HttpError(
              400,
              'unknown_event_type',
              `Unknown event type ${name}`,
              `eventTypes.${index}`,
            );
          return found;
        }),
      ),
    ];
  };
  const find = (tenantId: number, id: number): WebhookRegistration => {
    const found = ctx.store.state.webhooks.find((w) => w.id === id && w.tenantId === tenantId);
    if (!found) throw notFound(`Webhook ${id}`);
    return found;
  };

  app.get('/Webhooks', (request) =>
    ctx.store.state.webhooks.filter((w) => w.tenantId === request.tenantId).map(view),
  );

  app.get('/Webhooks/:id', (request) =>
    view(find(request.tenantId, parseWith(idParams, request.params).id)),
  );

  app.post('/Webhooks', (request, reply) => {
    const body = parseWith(addEditSchema, request.body);
    const eventTypes = canonical(body.eventTypes);
    const existing = ctx.store.state.webhooks.find(
      (w) => w.tenantId === request.tenantId && w.callbackUrl === body.callbackUrl,
    );
    if (existing) return reply.code(409).send(existing.id);
    const webhook: WebhookRegistration = {
      id: ctx.store.nextId('webhook'),
      tenantId: request.tenantId,
      eventTypes,
      callbackUrl: body.callbackUrl,
      created: new Date().toISOString(),
    };
    ctx.store.state.webhooks.push(webhook);
    ctx.store.changed();
    return reply.code(201).send(webhook.id);
  });

  app.put('/Webhooks/:id', (request, reply) => {
    const webhook = find(request.tenantId, parseWith(idParams, request.params).id);
    const body = parseWith(addEditSchema, request.body);
    webhook.eventTypes = canonical(body.eventTypes);
    webhook.callbackUrl = body.callbackUrl;
    ctx.store.changed();
    return reply.code(204).send();
  });

  app.delete('/Webhooks/:id', (request, reply) => {
    const webhook = find(request.tenantId, parseWith(idParams, request.params).id);
    ctx.store.state.webhooks = ctx.store.state.webhooks.filter((w) => w !== webhook);
    ctx.store.changed();
    return reply.code(204).send();
  });

  app.delete('/Webhooks', (request, reply) => {
    ctx.store.state.webhooks = ctx.store.state.webhooks.filter(
      (w) => w.tenantId !== request.tenantId,
    );
    ctx.store.changed();
    return reply.code(204).send();
  });
}

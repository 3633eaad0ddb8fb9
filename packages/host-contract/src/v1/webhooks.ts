import { z } from 'zod';
import { anyWebhookEventTypeSchema } from '../extension/extension-event-types.js';
import { id32Schema } from './primitives.js';

/**
 * Webhook registration (`Webhooks/WebhookModel.cs`, `WebhookAddEditModel.cs`). A registration is an
 * event list and a callback URL; v1 has no secret field, so a v1 host authenticates deliveries with
 * Basic credentials written into the URL's userinfo (`https://user:pass@host/path`).
 */
export const webhookModelSchema = z.object({
  id: id32Schema,
  eventTypes: z.array(anyWebhookEventTypeSchema),
  callbackUrl: z.string(),
});
export type WebhookModel = z.output<typeof webhookModelSchema>;

export const webhookListSchema = z.array(webhookModelSchema);

/** Body of `POST /api/v1/Webhooks` and `PUT /api/v1/Webhooks/{id}`; both fields are required. */
export const webhookAddEditModelSchema = z.object({
  eventTypes: z.array(z.string().min(1)).min(1),
  callbackUrl: z.url(),
});
export type WebhookAddEditModel = z.output<typeof webhookAddEditModelSchema>;

/**
 * `POST /api/v1/Webhooks` answers 201 with the new id, or 409 with the id of the registration that
 * already exists (the official sample then PUTs to it). The body is the bare integer; an `{id}`
 * object is tolerated too.
 */
export const webhookIdResponseSchema = z
  .union([id32Schema, z.object({ id: id32Schema })])
  .transform((value) => (typeof value === 'number' ? value : value.id));

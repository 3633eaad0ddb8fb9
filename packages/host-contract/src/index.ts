export { parseSafeEnum, safeEnum, type SafeEnum } from './safe-enum.js';
export {
  WEBHOOK_EVENT_TYPES,
  webhookEventTypeSchema,
  type WebhookEventType,
} from './webhook-event-type.js';
export {
  DEFAULT_TOLERANCE_SECONDS,
  generateWebhookSecret,
  SIGNATURE_HEADERS,
  signedHeaders,
  signWebhook,
  verifyWebhook,
  type SignatureCheck,
  type SignatureFailure,
  type SignedHeaders,
} from './signing/standard-webhooks.js';
export * from './webhook-envelope.js';
export * from './v1/index.js';
export * from './extension/index.js';
export * from './client/index.js';
export * from './openapi/index.js';

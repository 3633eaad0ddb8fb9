export { parseSafeEnum, safeEnum, type SafeEnum } from './safe-enum.js';
export {
  WEBHOOK_EVENT_TYPES,
  webhookEventTypeSchema,
  type WebhookEventType,
} from './webhook-event-type.js';

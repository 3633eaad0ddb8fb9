import { defineSetting, indexByKey, optionHints } from '../definition.js';
import { oneOf } from '../schema/primitives.js';

export const QUEUE_ORDERS = ['newest', 'oldest'] as const;
export type QueueOrder = (typeof QUEUE_ORDERS)[number];

export const emailSettings = indexByKey(
  defineSetting({
    key: 'email.queueOrder',
    scope: 'tenant',
    schema: oneOf(QUEUE_ORDERS),
    defaultValue: 'newest',
    order: 1,
    ui: { input: 'select', options: optionHints('queueOrder', QUEUE_ORDERS) },
  }),
);

import { z } from 'zod';
import {
  EMAIL_THREAD_STATES,
  SESSION_CHANNELS,
  SESSION_SOURCES,
  SESSION_STATUSES,
} from './enums.js';

/*
 * List filters of the host's API v1 (`Common/Filters/*.cs`). On the wire a filter object is
 * flattened into the query string as `Name.Sub` (`Created.Min=...`), set filters repeat their key
 * (`Channel=Chat&Channel=AV`), paging is `limit` + `offset`. The host reads keys
 * case-insensitively; we send PascalCase names and lowercase paging, as its own clients do.
 */

const timestamp = z.union([z.iso.datetime({ offset: true }), z.date()]);

/** DateTimeFilter {Null, Min, Max}: `null: true` selects rows where the time is not set. */
export const dateTimeFilterSchema = z.object({
  null: z.boolean().optional(),
  min: timestamp.optional(),
  max: timestamp.optional(),
});
export type DateTimeFilter = z.input<typeof dateTimeFilterSchema>;

/** TimeSpanFilter {Null, Min, Max} with ISO 8601 durations. */
export const timeSpanFilterSchema = z.object({
  null: z.boolean().optional(),
  min: z.string().optional(),
  max: z.string().optional(),
});
export type TimeSpanFilter = z.input<typeof timeSpanFilterSchema>;

/** TextFilter {Null, Text, Exact}. */
export const textFilterSchema = z.object({
  null: z.boolean().optional(),
  text: z.string().optional(),
  exact: z.boolean().optional(),
});
export type TextFilter = z.input<typeof textFilterSchema>;

/** RangeFilter {Exact, Min, Max}. */
export const rangeFilterSchema = z.object({
  exact: z.number().optional(),
  min: z.number().optional(),
  max: z.number().optional(),
});
export type RangeFilter = z.input<typeof rangeFilterSchema>;

const idSet = z.array(z.union([z.string().regex(/^\d+$/), z.number().int()]));
const paging = {
  limit: z.number().int().positive().max(1000).optional(),
  offset: z.number().int().nonnegative().optional(),
};

/** The `SessionGetParams` fields Switchboard filters on. */
export const sessionListFilterSchema = z.object({
  sessionId: idSet.optional(),
  departmentId: z.array(z.number().int()).optional(),
  channelIdentityId: z.array(z.string()).optional(),
  operatorUserId: z.array(z.number().int()).optional(),
  clientId: z.array(z.string()).optional(),
  guestIdentifications: z.array(z.string()).optional(),
  status: z.array(z.enum(SESSION_STATUSES)).optional(),
  channel: z.array(z.enum(SESSION_CHANNELS)).optional(),
  source: z.array(z.enum(SESSION_SOURCES)).optional(),
  widget: z.array(z.string()).optional(),
  tags: z.array(z.string()).optional(),
  created: dateTimeFilterSchema.optional(),
  guestJoined: dateTimeFilterSchema.optional(),
  accepted: dateTimeFilterSchema.optional(),
  ended: dateTimeFilterSchema.optional(),
  anonymized: dateTimeFilterSchema.optional(),
  waitingTime: timeSpanFilterSchema.optional(),
  duration: timeSpanFilterSchema.optional(),
  phoneCallbackNumber: textFilterSchema.optional(),
  ipAddress: textFilterSchema.optional(),
  clientStars: rangeFilterSchema.optional(),
  ...paging,
});
export type SessionListFilter = z.input<typeof sessionListFilterSchema>;

/** The `EmailThreadGetParams` fields Switchboard filters on. */
export const emailThreadListFilterSchema = z.object({
  threadId: idSet.optional(),
  state: z.array(z.enum(EMAIL_THREAD_STATES)).optional(),
  operatorUserId: z.array(z.number().int()).optional(),
  created: dateTimeFilterSchema.optional(),
  lastClientMessage: dateTimeFilterSchema.optional(),
  tags: z.array(z.string()).optional(),
  ...paging,
});
export type EmailThreadListFilter = z.input<typeof emailThreadListFilterSchema>;

/** Anything the serialiser accepts: nested objects of scalars, dates and scalar arrays. */
export type HostQueryValue =
  | string
  | number
  | boolean
  | Date
  | null
  | undefined
  | readonly (string | number | boolean | Date)[]
  | { readonly [key: string]: HostQueryValue };

const PAGING_KEYS = new Set(['limit', 'offset']);

const pascal = (key: string): string =>
  key === 'ipAddress' ? 'IPAddress' : key.charAt(0).toUpperCase() + key.slice(1);

const scalar = (value: string | number | boolean | Date): string =>
  value instanceof Date ? value.toISOString() : String(value);

/**
 * Serialises a typed filter (camelCase keys) to the query string the host expects:
 * `{ created: { min }, channel: ['Chat', 'AV'], limit: 50 }` →
 * `Created.Min=...&Channel=Chat&Channel=AV&limit=50`. Undefined and null values are left out.
 */
export function toHostQuery(filter: { readonly [key: string]: HostQueryValue }): URLSearchParams {
  const params = new URLSearchParams();
  const walk = (prefix: string, value: HostQueryValue): void => {
    if (value === undefined || value === null) return;
    if (Array.isArray(value)) {
      for (const item of value as readonly (string | number | boolean | Date)[]) {
        params.append(prefix, scalar(item));
      }
      return;
    }
    if (typeof value === 'object' && !(value instanceof Date)) {
      for (const [key, inner] of Object.entries(value)) walk(`${prefix}.${pascal(key)}`, inner);
      return;
    }
    params.append(prefix, scalar(value));
  };
  for (const [key, value] of Object.entries(filter)) {
    walk(PAGING_KEYS.has(key) ? key : pascal(key), value);
  }
  return params;
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  while (current instanceof z.ZodOptional || current instanceof z.ZodNullable) {
    current = current.unwrap() as z.ZodType;
  }
  return current;
}

function coerceScalar(schema: z.ZodType, raw: string): unknown {
  const inner = unwrap(schema);
  if (inner instanceof z.ZodNumber) return raw.trim() === '' ? raw : Number(raw);
  if (inner instanceof z.ZodBoolean) {
    const lowered = raw.toLowerCase();
    return lowered === 'true' ? true : lowered === 'false' ? false : raw;
  }
  return raw;
}

/**
 * The reverse of `toHostQuery` for the side that plays the host: reads a query string with keys in
 * any letter case into the filter object of `schema` and validates it. Unknown keys are ignored,
 * as the host ignores them.
 */
export function fromHostQuery<S extends z.ZodObject>(
  schema: S,
  params: URLSearchParams,
): z.ZodSafeParseResult<z.output<S>> {
  const shape = schema.shape as Record<string, z.ZodType>;
  const byLower = new Map(Object.keys(shape).map((key) => [key.toLowerCase(), key]));
  const result: Record<string, unknown> = {};
  for (const [rawKey, rawValue] of params) {
    const [head = '', sub] = rawKey.split('.', 2);
    const key = byLower.get(head.toLowerCase());
    if (!key) continue;
    const field = unwrap(shape[key] as z.ZodType);
    if (field instanceof z.ZodArray) {
      const list = (result[key] as unknown[] | undefined) ?? [];
      list.push(coerceScalar(field.element as z.ZodType, rawValue));
      result[key] = list;
    } else if (field instanceof z.ZodObject && sub) {
      const innerShape = field.shape as Record<string, z.ZodType>;
      const innerKey = Object.keys(innerShape).find((k) => k.toLowerCase() === sub.toLowerCase());
      if (!innerKey) continue;
      const nested = (result[key] as Record<string, unknown> | undefined) ?? {};
      nested[innerKey] = coerceScalar(innerShape[innerKey] as z.ZodType, rawValue);
      result[key] = nested;
    } else if (!(field instanceof z.ZodObject)) {
      result[key] = coerceScalar(field, rawValue);
    }
  }
  return schema.safeParse(result);
}

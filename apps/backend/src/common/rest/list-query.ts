import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { strictDeep } from '../errors/zod-validation.pipe.js';

/**
 * A list request in react-admin's simple-rest dialect (ra-data-simple-rest): the query string
 * carries `sort=["field","ASC"]`, `range=[0,24]` (inclusive bounds) and `filter={...}`, each
 * JSON-encoded.
 */
export interface ListQuery<F> {
  sort: { field: string; order: 'ASC' | 'DESC' };
  range: { offset: number; limit: number };
  filter: F;
}

export interface ListQueryOptions<F> {
  /** Fields a client may sort by; anything else is refused rather than silently ignored. */
  sortable: readonly string[];
  defaultSort: { field: string; order: 'ASC' | 'DESC' };
  /** Schema of the decoded `filter` object; it is made strict, so unknown filters are refused. */
  filter: z.ZodType<F>;
  /** Largest page a client may ask for (default 500). */
  maxLimit?: number;
}

export const DEFAULT_PAGE_SIZE = 25;
const DEFAULT_MAX_LIMIT = 500;

/** A query-string parameter holding JSON (absent = undefined); bad JSON is a field error on it. */
export function jsonQueryParameter<T extends z.ZodType>(
  schema: T,
): z.ZodType<z.output<T> | undefined> {
  return z
    .string()
    .optional()
    .transform((text, ctx): unknown => {
      if (text === undefined) return undefined;
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', params: { code: 'malformed_json' }, input: text });
        return z.NEVER;
      }
    })
    .pipe(schema.optional());
}

/**
 * The zod schema of a list endpoint's query, for `@ZodQuery(...)`. Field errors come back as
 * 422 with paths `sort`, `range`, `filter.<name>`.
 */
export function listQuerySchema<F>(options: ListQueryOptions<F>): z.ZodType<ListQuery<F>> {
  const maxLimit = options.maxLimit ?? DEFAULT_MAX_LIMIT;
  const sortable = options.sortable as [string, ...string[]];
  const sort = z
    .tuple([z.enum(sortable), z.enum(['ASC', 'DESC'])])
    .transform(([field, order]) => ({ field, order }));
  const range = z
    .tuple([z.number().int().min(0), z.number().int().min(0)])
    .superRefine(([start, end], ctx) => {
      if (end < start) {
        ctx.addIssue({ code: 'custom', params: { code: 'invalid_range' }, input: [start, end] });
      } else if (end - start + 1 > maxLimit) {
        ctx.addIssue({
          code: 'too_big',
          origin: 'array',
          maximum: maxLimit,
          inclusive: true,
          input: [start, end],
        });
      }
    })
    .transform(([start, end]) => ({ offset: start, limit: end - start + 1 }));
  const filter = strictDeep(options.filter as z.ZodType);
  return z
    .object({
      sort: jsonQueryParameter(sort),
      range: jsonQueryParameter(range),
      filter: jsonQueryParameter(filter),
    })
    .transform((query): ListQuery<F> => ({
      sort: query.sort ?? { ...options.defaultSort },
      range: query.range ?? { offset: 0, limit: Math.min(DEFAULT_PAGE_SIZE, maxLimit) },
      // An absent filter means "no filter"; the filter schema gives the defaults.
      filter: (query.filter ?? filter.parse({})) as F,
    }));
}

/**
 * Sends a page of a list the way ra-data-simple-rest reads it: the rows as the body and the
 * total in `Content-Range: <resource> <start>-<end>/<total>`, exposed to cross-origin callers.
 */
export function sendList<T>(
  reply: FastifyReply,
  resource: string,
  query: ListQuery<unknown>,
  rows: readonly T[],
  total: number,
): readonly T[] {
  const start = query.range.offset;
  const span = rows.length === 0 ? '*' : `${start}-${start + rows.length - 1}`;
  void reply.header('content-range', `${resource} ${span}/${total}`);
  void reply.header('access-control-expose-headers', 'Content-Range');
  return rows;
}

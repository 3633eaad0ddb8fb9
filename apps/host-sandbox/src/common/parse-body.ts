import type { z } from 'zod';
import { HttpError } from './http-error.js';

/** Validates a request part with zod; the first issue becomes a 400 with its field path. */
export function parseWith<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new HttpError(
    400,
    'invalid_request',
    issue?.message ?? 'invalid request',
    issue?.path.join('.'),
  );
}

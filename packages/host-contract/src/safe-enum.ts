import { z } from 'zod';

/**
 * The host's enums are strings that grow over time and have changed spelling
 * (`REJECTED_SHIT_BROWSER` became `RejectedShitBrowser`). Consumers must map values they do not
 * know to `UNKNOWN` instead of failing, so every enum is parsed case- and underscore-insensitively.
 */
export type SafeEnum<T extends string> = T | 'UNKNOWN';

const normalise = (value: string): string => value.replace(/[_\s-]/g, '').toLowerCase();

export function parseSafeEnum<const T extends string>(
  values: readonly T[],
  raw: unknown,
  unknownValue: string = 'UNKNOWN',
): SafeEnum<T> {
  if (typeof raw !== 'string') return 'UNKNOWN';
  const wanted = normalise(raw);
  if (wanted === normalise(unknownValue)) return 'UNKNOWN';
  return values.find((value) => normalise(value) === wanted) ?? 'UNKNOWN';
}

/** A zod schema that never rejects a string: unrecognised values become `UNKNOWN`. */
export function safeEnum<const T extends string>(values: readonly T[]) {
  // The JSON Schema (OpenAPI) view stays `string`, since any string is accepted; the description
  // lists the known values so generated docs still show them.
  return z
    .string()
    .transform((raw): SafeEnum<T> => parseSafeEnum(values, raw))
    .meta({
      description: `Known values: ${values.join(', ')}. Parsed case- and underscore-insensitively; anything else becomes UNKNOWN.`,
    });
}

import { z } from 'zod';

/**
 * 64-bit ids (session, e-mail thread and message, activity, contact, phone call). JavaScript numbers
 * lose precision above 2^53, so the wire may carry them as numbers or numeric strings; both become
 * a decimal string, which is what every consumer compares and stores.
 */
export const id64Schema = z
  .union([z.number().int().nonnegative(), z.string().regex(/^\d{1,20}$/)])
  .transform((value) => String(value))
  .meta({ description: '64-bit id, sent as a JSON number or a numeric string; read as a string.' });

export type Id64 = z.output<typeof id64Schema>;

/** 32-bit ids (user, tenant/department, company, group, tag, chatbot, webhook, file). */
export const id32Schema = z.number().int().min(-2147483648).max(4294967295);

export type Id32 = z.output<typeof id32Schema>;

/** ISO 8601 timestamp with an offset (`Z` or `+02:00`), any fraction precision (the host sends µs). */
export const dateTimeSchema = z.iso.datetime({ offset: true });

const isoDuration =
  /^-?P(?=\d|T\d)(?:\d+(?:[.,]\d+)?Y)?(?:\d+(?:[.,]\d+)?M)?(?:\d+(?:[.,]\d+)?W)?(?:\d+(?:[.,]\d+)?D)?(?:T(?=\d)(?:\d+(?:[.,]\d+)?H)?(?:\d+(?:[.,]\d+)?M)?(?:\d+(?:[.,]\d+)?S)?)?$/;

/** ISO 8601 duration (`PT5M12.5S`), as the host sends `Waited`, `Length`, `Recording.Duration`. */
export const durationSchema = z.string().regex(isoDuration, 'expected an ISO 8601 duration');

const durationPart = /(\d+(?:[.,]\d+)?)([YMWDHS])/g;
const unitMs: Record<string, number> = {
  Y: 365 * 86_400_000,
  W: 7 * 86_400_000,
  D: 86_400_000,
  H: 3_600_000,
  S: 1000,
};

/**
 * Milliseconds of an ISO 8601 duration. Years count 365 days and months 30 days: the host only
 * uses day-and-time durations, so calendar arithmetic is not needed.
 */
export function durationToMs(duration: string): number {
  if (!isoDuration.test(duration)) throw new RangeError(`not an ISO 8601 duration: ${duration}`);
  const negative = duration.startsWith('-');
  const [datePart = '', timePart = ''] = duration.replace(/^-?P/, '').split('T');
  let total = 0;
  for (const [part, isTime] of [
    [datePart, false],
    [timePart, true],
  ] as const) {
    for (const match of part.matchAll(durationPart)) {
      const amount = Number((match[1] ?? '0').replace(',', '.'));
      const unit = match[2] ?? 'S';
      const ms = unit === 'M' ? (isTime ? 60_000 : 30 * 86_400_000) : (unitMs[unit] ?? 0);
      total += amount * ms;
    }
  }
  return negative ? -total : total;
}

/** String maps (call params, hero-card submission params); values may be null on the wire. */
export const stringMapSchema = z.record(z.string(), z.string().nullable());

/**
 * E.164 phone number (`+420123456789`); the extension uses it for caller IDs and callback numbers.
 */
export const e164Schema = z.string().regex(/^\+[1-9]\d{6,14}$/, 'expected an E.164 phone number');

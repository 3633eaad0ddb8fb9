import {
  dateTimeSchema,
  durationSchema,
  durationToMs,
  e164Schema,
  id32Schema,
  id64Schema,
} from './primitives.js';

describe('v1 primitives', () => {
  it('read 64-bit ids from numbers and numeric strings as decimal strings', () => {
    expect(id64Schema.parse(42)).toBe('42');
    expect(id64Schema.parse('9223372036854775807')).toBe('9223372036854775807');
    expect(id64Schema.safeParse('12a').success).toBe(false);
    expect(id64Schema.safeParse(-1).success).toBe(false);
    expect(id64Schema.safeParse(1.5).success).toBe(false);
  });

  it('read 32-bit ids as numbers only', () => {
    expect(id32Schema.parse(17)).toBe(17);
    expect(id32Schema.safeParse('17').success).toBe(false);
  });

  it('accept timestamps with an offset or Z at any precision, and refuse local times', () => {
    expect(dateTimeSchema.safeParse('2026-11-25T14:03:11.123456+02:00').success).toBe(true);
    expect(dateTimeSchema.safeParse('2026-11-25T12:03:11Z').success).toBe(true);
    expect(dateTimeSchema.safeParse('2026-11-25T12:03:11').success).toBe(false);
    expect(dateTimeSchema.safeParse('25.11.2026').success).toBe(false);
  });

  it('accept ISO 8601 durations and convert them to milliseconds', () => {
    expect(durationSchema.safeParse('PT5M12.5S').success).toBe(true);
    expect(durationSchema.safeParse('00:05:12').success).toBe(false);
    expect(durationSchema.safeParse('P').success).toBe(false);
    expect(durationToMs('PT5M12.5S')).toBe(312_500);
    expect(durationToMs('P1DT2H')).toBe(93_600_000);
    expect(durationToMs('P1W')).toBe(604_800_000);
    expect(durationToMs('-PT1S')).toBe(-1000);
    expect(() => durationToMs('5 minutes')).toThrow(RangeError);
  });

  it('accept E.164 numbers only', () => {
    expect(e164Schema.safeParse('+420777123456').success).toBe(true);
    expect(e164Schema.safeParse('777 123 456').success).toBe(false);
  });
});

import { claimJobsSql, toDate } from './job-store.js';

describe('raw timestamps', () => {
  it('reads Dates, SQLite epoch milliseconds and PostgreSQL text alike', () => {
    const expected = new Date('2026-03-29T01:00:00.123Z');
    expect(toDate(expected)).toBe(expected);
    expect(toDate(expected.getTime())).toEqual(expected);
    expect(toDate('2026-03-29 01:00:00.123+00')).toEqual(expected);
    expect(toDate('2026-03-29 03:00:00.123+02')).toEqual(expected);
    expect(toDate('2026-03-29 06:30:00.123+05:30')).toEqual(expected);
    expect(toDate('2026-03-29T01:00:00.123Z')).toEqual(expected);
  });
});

describe('the claim statement', () => {
  it('skips rows locked by other claimers on PostgreSQL only, and types its lease times there', () => {
    const postgres = claimJobsSql('postgresql', 2);
    expect(postgres).toContain('for update skip locked');
    expect(postgres.match(/\?::timestamptz/g)).toHaveLength(3);
    const sqlite = claimJobsSql('sqlite', 2);
    expect(sqlite).not.toContain('for update');
    expect(sqlite).not.toContain('::');
    // Both bind the same parameters: 2 per kind + default lease, worker, started, now, kinds, limit.
    expect(postgres.match(/\?/g)).toHaveLength(2 * 2 + 1 + 1 + 1 + 1 + 2 + 1);
    expect(sqlite.match(/\?/g)).toHaveLength(2 * 2 + 1 + 1 + 1 + 1 + 2 + 1);
  });
});

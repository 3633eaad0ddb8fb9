import { HttpError } from '../common/http-error.js';
import { QueryFilters } from './query-filters.js';

describe('v1 list filters from the query string', () => {
  it('reads keys in any case and repeated keys as a set', () => {
    const f = new QueryFilters({ channel: ['Chat', 'AV'], 'CREATED.MIN': '2026-01-01T00:00:00Z' });
    expect(f.list('Channel')).toEqual(['Chat', 'AV']);
    expect(f.enumIncludes('Channel', 'av')).toBe(true);
    expect(f.enumIncludes('Channel', 'Phone')).toBe(false);
    expect(f.inRange('Created', '2026-02-01T00:00:00Z')).toBe(true);
    expect(f.inRange('Created', '2025-12-31T23:59:59Z')).toBe(false);
    expect(f.inRange('Created', null)).toBe(false);
  });

  it('compares enum values without case or underscores, tolerating old spellings', () => {
    const f = new QueryFilters({ Status: 'in_queue' });
    expect(f.enumIncludes('Status', 'IN_QUEUE')).toBe(true);
    expect(new QueryFilters({ Status: 'InQueue' }).enumIncludes('Status', 'IN_QUEUE')).toBe(true);
  });

  it('supports Name.Null and an absent filter matching everything', () => {
    expect(new QueryFilters({ 'Ended.Null': 'true' }).inRange('Ended', null)).toBe(true);
    expect(
      new QueryFilters({ 'Ended.Null': 'true' }).inRange('Ended', '2026-01-01T00:00:00Z'),
    ).toBe(false);
    expect(new QueryFilters({}).inRange('Ended', null)).toBe(true);
    expect(new QueryFilters({}).enumIncludes('Channel', null)).toBe(true);
  });

  it('pages with limit and offset and refuses bad values', () => {
    const items = [1, 2, 3, 4, 5];
    expect(new QueryFilters({ limit: '2', offset: '3' }).page(items)).toEqual([4, 5]);
    expect(new QueryFilters({}).page(items, 3)).toEqual([1, 2, 3]);
    expect(() => new QueryFilters({ offset: '-1' }).page(items)).toThrow(HttpError);
    expect(() => new QueryFilters({ 'Created.Min': 'yesterday' }).inRange('Created', null)).toThrow(
      /ISO 8601/,
    );
  });
});

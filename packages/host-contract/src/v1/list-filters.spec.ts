import {
  emailThreadListFilterSchema,
  fromHostQuery,
  sessionListFilterSchema,
  toHostQuery,
} from './list-filters.js';

describe('list filters', () => {
  it('flatten nested filters to Name.Sub keys, repeat set keys, keep paging lowercase', () => {
    const query = toHostQuery({
      created: { min: new Date('2026-11-01T00:00:00Z'), max: '2026-11-02T00:00:00Z' },
      ended: { null: true },
      channel: ['Chat', 'AV'],
      sessionId: ['9007199254740993'],
      ipAddress: { text: '198.51.100.7', exact: true },
      tags: undefined,
      limit: 50,
      offset: 0,
    });
    expect([...query]).toEqual([
      ['Created.Min', '2026-11-01T00:00:00.000Z'],
      ['Created.Max', '2026-11-02T00:00:00Z'],
      ['Ended.Null', 'true'],
      ['Channel', 'Chat'],
      ['Channel', 'AV'],
      ['SessionId', '9007199254740993'],
      ['IPAddress.Text', '198.51.100.7'],
      ['IPAddress.Exact', 'true'],
      ['limit', '50'],
      ['offset', '0'],
    ]);
  });

  it('read a query back in any key case, as the host does', () => {
    const params = new URLSearchParams(
      'created.min=2026-11-01T00:00:00Z&CHANNEL=Chat&Channel=AV&Status=ACTIVE&limit=20&OFFSET=40&clientStars.MIN=3&unknown=1',
    );
    const result = fromHostQuery(sessionListFilterSchema, params);
    expect(result.success).toBe(true);
    expect(result.data).toEqual({
      created: { min: '2026-11-01T00:00:00Z' },
      channel: ['Chat', 'AV'],
      status: ['ACTIVE'],
      clientStars: { min: 3 },
      limit: 20,
      offset: 40,
    });
  });

  it('round-trip a typed filter through the query string', () => {
    const filter = {
      state: ['InQueue' as const],
      operatorUserId: [17, 18],
      created: { min: '2026-11-01T00:00:00Z', null: false },
      limit: 10,
    };
    const back = fromHostQuery(emailThreadListFilterSchema, toHostQuery(filter));
    expect(back.data).toEqual(filter);
  });

  it('report values the schema refuses', () => {
    const result = fromHostQuery(sessionListFilterSchema, new URLSearchParams('limit=lots'));
    expect(result.success).toBe(false);
  });
});

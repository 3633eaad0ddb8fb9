import { z } from 'zod';
import { ApiError } from '../errors/api-error.js';
import { ZodValidationPipe } from '../errors/zod-validation.pipe.js';
import { listQuerySchema, sendList } from './list-query.js';

const schema = listQuerySchema({
  sortable: ['id', 'name'],
  defaultSort: { field: 'id', order: 'DESC' },
  filter: z.object({ q: z.string().optional(), active: z.boolean().optional() }),
  maxLimit: 50,
});
const pipe = new ZodValidationPipe(schema);

function fieldErrors(query: Record<string, string>): { path: string; code: string }[] {
  try {
    pipe.transform(query);
  } catch (error) {
    if (error instanceof ApiError) return error.errors.map(({ path, code }) => ({ path, code }));
    throw error;
  }
  throw new Error('expected a validation error');
}

describe('listQuerySchema (ra-data-simple-rest)', () => {
  it('parses sort, range and filter as react-admin sends them', () => {
    expect(
      pipe.transform({
        sort: '["name","ASC"]',
        range: '[25,49]',
        filter: '{"q":"eva","active":true}',
      }),
    ).toEqual({
      sort: { field: 'name', order: 'ASC' },
      range: { offset: 25, limit: 25 },
      filter: { q: 'eva', active: true },
    });
  });

  it('gives defaults when parameters are absent', () => {
    expect(pipe.transform({})).toEqual({
      sort: { field: 'id', order: 'DESC' },
      range: { offset: 0, limit: 25 },
      filter: {},
    });
  });

  it('refuses an unknown sort field, a bad order, malformed JSON and a reversed range', () => {
    expect(fieldErrors({ sort: '["secret","ASC"]' })).toEqual([
      { path: 'sort.0', code: 'invalid_value' },
    ]);
    expect(fieldErrors({ sort: '["id","UP"]' })).toEqual([
      { path: 'sort.1', code: 'invalid_value' },
    ]);
    expect(fieldErrors({ range: '[0,' })).toEqual([{ path: 'range', code: 'malformed_json' }]);
    expect(fieldErrors({ range: '[10,5]' })).toEqual([{ path: 'range', code: 'invalid_range' }]);
  });

  it('refuses a page larger than maxLimit', () => {
    expect(fieldErrors({ range: '[0,50]' })).toEqual([{ path: 'range', code: 'too_big' }]);
    expect(pipe.transform({ range: '[0,49]' }).range).toEqual({ offset: 0, limit: 50 });
  });

  it('refuses unknown and mistyped filters with their paths', () => {
    expect(fieldErrors({ filter: '{"active":"yes","owner":1}' })).toEqual([
      { path: 'filter.active', code: 'invalid_type' },
      { path: 'filter.owner', code: 'unknown_field' },
    ]);
  });

  it('refuses unknown query parameters', () => {
    expect(fieldErrors({ page: '2' })).toEqual([{ path: 'page', code: 'unknown_field' }]);
  });
});

describe('sendList', () => {
  const reply = (): {
    headers: Record<string, string>;
    header(name: string, value: string): unknown;
  } => {
    const headers: Record<string, string> = {};
    return {
      headers,
      header(name: string, value: string) {
        headers[name] = value;
        return this;
      },
    };
  };

  it('sets Content-Range with inclusive bounds and the total, and exposes it', () => {
    const r = reply();
    const query = pipe.transform({ range: '[10,19]' });
    const rows = sendList(r as never, 'audit', query, [1, 2, 3], 13);
    expect(rows).toEqual([1, 2, 3]);
    expect(r.headers).toEqual({
      'content-range': 'audit 10-12/13',
      'access-control-expose-headers': 'Content-Range',
    });
  });

  it('reports an empty page with the total', () => {
    const r = reply();
    sendList(r as never, 'audit', pipe.transform({ range: '[40,49]' }), [], 13);
    expect(r.headers['content-range']).toBe('audit */13');
  });
});

import { HttpError } from '../common/http-error.js';

/**
 * v1 list filters arrive flattened into the query string (`Created.Min`, repeated `Channel=Chat&
 * Channel=AV`, `limit`, `offset`), with keys in any case.
 */
export class QueryFilters {
  private readonly values = new Map<string, string[]>();

  constructor(query: unknown) {
    if (typeof query !== 'object' || query === null) return;
    for (const [key, raw] of Object.entries(query as Record<string, unknown>)) {
      const list = (Array.isArray(raw) ? raw : [raw]).filter(
        (v): v is string => typeof v === 'string',
      );
      const name = key.toLowerCase();
      this.values.set(name, [...(this.values.get(name) ?? []), ...list]);
    }
  }

  list(name: string): string[] {
    return (this.values.get(name.toLowerCase()) ?? [])
      .flatMap((v) => v.split(','))
      .filter((v) => v !== '');
  }

  one(name: string): string | undefined {
    return this.list(name)[0];
  }

  numbers(name: string): number[] {
    return this.list(name).map((v) => {
      const n = Number(v);
      if (!Number.isFinite(n))
        throw new HttpError(400, 'invalid_filter', `${name} must be numeric`, name);
      return n;
    });
  }

  time(name: string): number | undefined {
    const text = this.one(name);
    if (text === undefined) return undefined;
    const t = Date.parse(text);
    if (Number.isNaN(t))
      throw new HttpError(400, 'invalid_filter', `${name} must be an ISO 8601 time`, name);
    return t;
  }

  bool(name: string): boolean | undefined {
    const text = this.one(name)?.toLowerCase();
    return text === undefined ? undefined : text === 'true' || text === '1';
  }

  /** `Created.Min` / `Created.Max` (and `Created.Null`) against a timestamp that may be null. */
  inRange(name: string, value: string | null): boolean {
    const isNull = this.bool(`${name}.null`);
    if (isNull !== undefined && isNull !== (value === null)) return false;
    const min = this.time(`${name}.min`);
    const max = this.time(`${name}.max`);
    if (min === undefined && max === undefined) return true;
    if (value === null) return false;
    const t = Date.parse(value);
    return (min === undefined || t >= min) && (max === undefined || t <= max);
  }

  /** An enum set filter, compared case- and underscore-insensitively; empty = no filter. */
  enumIncludes(name: string, value: string | null): boolean {
    const wanted = this.list(name).map(normaliseEnum);
    return wanted.length === 0 || (value !== null && wanted.includes(normaliseEnum(value)));
  }

  idIncludes(name: string, value: number | null): boolean {
    const wanted = this.numbers(name);
    return wanted.length === 0 || (value !== null && wanted.includes(value));
  }

  page<T>(items: T[], defaultLimit = 100): T[] {
    const limit = Number(this.one('limit') ?? defaultLimit);
    const offset = Number(this.one('offset') ?? 0);
    if (!Number.isInteger(limit) || limit < 0 || !Number.isInteger(offset) || offset < 0) {
      throw new HttpError(
        400,
        'invalid_filter',
        'limit and offset must be non-negative integers',
        'limit',
      );
    }
    return items.slice(offset, offset + limit);
  }
}

export function normaliseEnum(value: string): string {
  return value.replace(/[_\s-]/g, '').toLowerCase();
}

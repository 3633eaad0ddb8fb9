import { TenantCache } from './tenant-cache.js';

describe('TenantCache', () => {
  it('loads once per tenant until invalidated', async () => {
    const cache = new TenantCache<string>(10);
    let loads = 0;
    const load = () => Promise.resolve(`v${++loads}`);
    expect(await cache.get('a', load)).toBe('v1');
    expect(await cache.get('a', load)).toBe('v1');
    cache.invalidate('a');
    expect(await cache.get('a', load)).toBe('v2');
    expect(loads).toBe(2);
  });

  it('serves but does not keep a load that an invalidation overtook', async () => {
    const cache = new TenantCache<string>(10);
    let release: (value: string) => void = () => undefined;
    const slow = cache.get('a', () => new Promise<string>((resolve) => (release = resolve)));
    cache.invalidate('a');
    release('stale');
    expect(await slow).toBe('stale');
    expect(await cache.get('a', () => Promise.resolve('fresh'))).toBe('fresh');
  });

  it('keeps no null answer and no more tenants than its bound', async () => {
    const cache = new TenantCache<string>(2);
    expect(await cache.get('missing', () => Promise.resolve(null))).toBeNull();
    expect(await cache.get('missing', () => Promise.resolve('now here'))).toBe('now here');
    await cache.get('b', () => Promise.resolve('b'));
    await cache.get('c', () => Promise.resolve('c'));
    // 'missing' was the oldest: evicted for 'c', so it loads again.
    expect(await cache.get('missing', () => Promise.resolve('reloaded'))).toBe('reloaded');
    expect(await cache.get('c', () => Promise.resolve('not loaded'))).toBe('c');
  });

  it('drops every tenant at once, and keeps no load that invalidateAll overtook', async () => {
    const cache = new TenantCache<string>(10);
    await cache.get('a', () => Promise.resolve('a1'));
    await cache.get('b', () => Promise.resolve('b1'));
    let release: (value: string) => void = () => undefined;
    const slow = cache.get('c', () => new Promise<string>((resolve) => (release = resolve)));
    cache.invalidateAll();
    release('stale');
    expect(await slow).toBe('stale');
    expect(await cache.get('a', () => Promise.resolve('a2'))).toBe('a2');
    expect(await cache.get('b', () => Promise.resolve('b2'))).toBe('b2');
    expect(await cache.get('c', () => Promise.resolve('fresh'))).toBe('fresh');
  });
});

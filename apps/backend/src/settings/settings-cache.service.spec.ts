import { SettingsCacheService } from './settings-cache.service.js';
import { emptyDocument } from './settings-document.js';
import type { SettingsService, SettingsSnapshot } from './settings.service.js';

/** A SettingsService whose snapshot reads are counted and can be held open. */
function fakeSettings(versions: Map<string, number>) {
  let gate: Promise<void> | undefined;
  const reads: string[] = [];
  const service = {
    async snapshot(tenantId: string): Promise<SettingsSnapshot> {
      reads.push(tenantId);
      const version = versions.get(tenantId) ?? 0;
      await gate;
      return { tenantId, version, document: emptyDocument(), entitlements: [] };
    },
  };
  return {
    service: service as unknown as SettingsService,
    reads,
    hold(): () => void {
      let release!: () => void;
      gate = new Promise((resolve) => (release = resolve));
      return () => {
        gate = undefined;
        release();
      };
    },
  };
}

describe('SettingsCacheService', () => {
  it('reads a tenant once and serves later requests, per package too, without reading again', async () => {
    const fake = fakeSettings(new Map([['t1', 4]]));
    const cache = new SettingsCacheService(fake.service);
    const first = await cache.effective('t1', null);
    expect(first.body).toMatchObject({ tenantId: 't1', version: 4, packageId: null });
    expect(await cache.effective('t1', null)).toBe(first);
    expect((await cache.effective('t1', 'web')).body.packageId).toBe('web');
    expect(fake.reads).toEqual(['t1']);
  });

  it('reloads after a cache invalidation for that tenant only', async () => {
    const versions = new Map([
      ['t1', 1],
      ['t2', 1],
    ]);
    const fake = fakeSettings(versions);
    const cache = new SettingsCacheService(fake.service);
    await cache.effective('t1', null);
    await cache.effective('t2', null);
    versions.set('t1', 2);
    cache.onCacheInvalidate({ scope: 'settings', tenantId: 't1' });
    expect((await cache.effective('t1', null)).body.version).toBe(2);
    expect((await cache.effective('t2', null)).body.version).toBe(1);
    expect(fake.reads).toEqual(['t1', 't2', 't1']);
  });

  it('does not keep a snapshot read while a change was being committed', async () => {
    const versions = new Map([['t1', 1]]);
    const fake = fakeSettings(versions);
    const cache = new SettingsCacheService(fake.service);
    const release = fake.hold();
    const racing = cache.effective('t1', null);
    // The write commits and invalidates while the read above is still in flight.
    versions.set('t1', 2);
    cache.invalidate('t1');
    release();
    expect((await racing).body.version).toBe(1);
    expect((await cache.effective('t1', null)).body.version).toBe(2);
  });

  it('reloads every tenant after a resync', async () => {
    const versions = new Map([
      ['t1', 1],
      ['t2', 1],
    ]);
    const fake = fakeSettings(versions);
    const cache = new SettingsCacheService(fake.service);
    await cache.effective('t1', null);
    await cache.effective('t2', 'web');
    versions.set('t1', 2);
    versions.set('t2', 3);
    cache.onCacheInvalidate({ scope: 'all', tenantId: null });
    expect((await cache.effective('t1', null)).body.version).toBe(2);
    expect((await cache.effective('t2', 'web')).body.version).toBe(3);
    expect(fake.reads).toEqual(['t1', 't2', 't1', 't2']);
  });
});

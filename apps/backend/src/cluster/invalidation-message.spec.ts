import { decodeInvalidation, encodeInvalidation } from './invalidation-message.js';

describe('cache invalidation messages', () => {
  it('round-trips every scope with the publishing instance', () => {
    for (const event of [
      { scope: 'settings', tenantId: 't-1' },
      { scope: 'tenant', tenantId: 't-2' },
      { scope: 'all', tenantId: null },
    ] as const) {
      expect(decodeInvalidation(encodeInvalidation({ origin: 'instance-a', event }))).toEqual({
        origin: 'instance-a',
        event,
      });
    }
  });

  it('ignores what is not a message of this version', () => {
    expect(decodeInvalidation('not json')).toBeNull();
    expect(decodeInvalidation('{}')).toBeNull();
    const valid = { v: 1, origin: 'a', event: { scope: 'tenant', tenantId: 't' } };
    expect(decodeInvalidation(JSON.stringify({ ...valid, v: 2 }))).toBeNull();
    expect(
      decodeInvalidation(JSON.stringify({ ...valid, event: { scope: 'all', tenantId: 't' } })),
    ).toBeNull();
    expect(
      decodeInvalidation(JSON.stringify({ ...valid, event: { scope: 'tenant', tenantId: null } })),
    ).toBeNull();
    expect(
      decodeInvalidation(
        JSON.stringify({ ...valid, event: { scope: 'everything', tenantId: 't' } }),
      ),
    ).toBeNull();
  });

  it('stays far below the 8000-byte NOTIFY payload limit', () => {
    const payload = encodeInvalidation({
      origin: '6f1c1e0e-8f5d-4a43-9d0c-0a1f5e1b2c3d',
      event: { scope: 'settings', tenantId: 'x'.repeat(200) },
    });
    expect(Buffer.byteLength(payload)).toBeLessThan(1000);
  });
});

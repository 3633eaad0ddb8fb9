import { backoffDelayMs, parseRetryAfterMs } from './retry-policy.js';
import { Semaphore } from './semaphore.js';

describe('retry policy', () => {
  it('draws full-jitter delays below a doubling, capped ceiling', () => {
    expect(backoffDelayMs(1, 100, 1000, () => 0.999)).toBe(99);
    expect(backoffDelayMs(3, 100, 1000, () => 0.5)).toBe(200);
    expect(backoffDelayMs(10, 100, 1000, () => 0.999)).toBe(999);
    expect(backoffDelayMs(2, 100, 1000, () => 0)).toBe(0);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2026-11-25T10:00:00Z');
    expect(parseRetryAfterMs('7', now)).toBe(7000);
    expect(parseRetryAfterMs('Wed, 25 Nov 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfterMs('Wed, 25 Nov 2026 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfterMs('soon', now)).toBeNull();
    expect(parseRetryAfterMs(null, now)).toBeNull();
  });
});

describe('semaphore', () => {
  it('hands slots over in arrival order without exceeding the limit', async () => {
    const semaphore = new Semaphore(2);
    const order: number[] = [];
    const releases = await Promise.all([semaphore.acquire(), semaphore.acquire()]);
    const third = semaphore.acquire().then((release) => {
      order.push(3);
      return release;
    });
    const fourth = semaphore.acquire().then((release) => {
      order.push(4);
      return release;
    });
    expect(semaphore.queued).toBe(2);
    releases[0]?.();
    releases[0]?.();
    (await third)();
    releases[1]?.();
    (await fourth)();
    expect(order).toEqual([3, 4]);
    expect(semaphore.inUse).toBe(0);
    expect(() => new Semaphore(0)).toThrow(RangeError);
  });
});

import { mapLimit, pause } from './concurrency.js';

describe('bounded concurrency helpers', () => {
  it('maps in input order with at most `limit` calls in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    const result = await mapLimit([5, 1, 4, 2, 3], 2, async (n) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, n));
      inFlight -= 1;
      return n * 10;
    });
    expect(result).toEqual([50, 10, 40, 20, 30]);
    expect(peak).toBe(2);
    expect(await mapLimit([], 3, () => Promise.resolve(1))).toEqual([]);
  });

  it('ends a pause when the signal aborts, without waiting for its timer', async () => {
    jest.useFakeTimers();
    try {
      const controller = new AbortController();
      let ended = false;
      const waiting = pause(10_000, controller.signal).then(() => (ended = true));
      await Promise.resolve();
      expect(ended).toBe(false);
      controller.abort();
      await waiting;
      expect(ended).toBe(true);
      expect(jest.getTimerCount()).toBe(0);
    } finally {
      jest.useRealTimers();
    }
  });
});

import {
  startAdmissionEnv,
  TENANT,
  type AdmissionEnv,
} from './fixtures/admission/sandbox-tenant.js';

// Sandbox round trips on a shared two-core machine: generous per-test time, no timing asserted.
jest.setTimeout(120_000);

/** One request of the traffic: when the test sent it and got the answer, and what it was. */
interface Observed<T> {
  sentAt: number;
  answeredAt: number;
  value: T;
}

/** A settings change: from the moment it was sent to the moment the API confirmed it. */
interface Change<S> {
  state: S;
  sentAt: number;
  confirmedAt: number;
}

/**
 * Traffic from `streams` concurrent clients, each sending one request after another, until
 * stopped. Returns what every request observed.
 */
function traffic<T>(
  streams: number,
  request: (stream: number, index: number) => Promise<T>,
): { observed: Observed<T>[]; stop: () => Promise<void> } {
  const observed: Observed<T>[] = [];
  let running = true;
  const loops = Array.from({ length: streams }, async (_, stream) => {
    for (let index = 0; running; index += 1) {
      const sentAt = Date.now();
      const value = await request(stream, index);
      observed.push({ sentAt, answeredAt: Date.now(), value });
    }
  });
  return {
    observed,
    stop: async () => {
      running = false;
      await Promise.all(loops);
    },
  };
}

/**
 * The requests sent after `change` was confirmed and answered before the next change was sent:
 * they must all see `change.state`. Requests in flight across a change may see either.
 */
function windows<T, S>(
  observed: readonly Observed<T>[],
  changes: readonly Change<S>[],
): { state: S; requests: T[] }[] {
  return changes.map((change, index) => {
    const nextSent = changes[index + 1]?.sentAt ?? Number.POSITIVE_INFINITY;
    return {
      state: change.state,
      requests: observed
        .filter((o) => o.sentAt > change.confirmedAt && o.answeredAt < nextSent)
        .map((o) => o.value),
    };
  });
}

/**
 * Acceptance of issue 6: a setting changed while the host's traffic flows takes effect on the
 * next event, on this instance, without a restart (the settings cache is invalidated on write).
 */
describe('settings changed while traffic flows', () => {
  let env: AdmissionEnv;

  beforeAll(async () => {
    env = await startAdmissionEnv();
    await env.install(false);
  }, 60_000);

  afterAll(async () => {
    await env?.close();
  }, 120_000);

  /** Changes a setting under traffic, then waits until `settle` requests saw the new state. */
  async function changeUnderTraffic<T, S>(
    observed: readonly Observed<T>[],
    states: readonly S[],
    apply: (state: S) => Promise<void>,
    settle: number,
  ): Promise<Change<S>[]> {
    const changes: Change<S>[] = [];
    for (const state of states) {
      const sentAt = Date.now();
      await apply(state);
      const confirmedAt = Date.now();
      changes.push({ state, sentAt, confirmedAt });
      // Enough requests inside this window that the assertion below is about something.
      while (observed.filter((o) => o.sentAt > confirmedAt).length < settle) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
    return changes;
  }

  it('waiting-client preview: admissions follow each switch of the setting at once', async () => {
    const PIXEL =
      'Mozilla/5.0 (Linux; Android 15; Pixel 9) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';
    const flow = traffic(4, async () => {
      const response = await env.sandbox.control<{ session: { preview: unknown } }>(
        'POST',
        `/tenants/${TENANT}/sessions`,
        { packageId: env.packageIds[0], guest: { userAgent: PIXEL, ipAddress: '8.8.8.8' } },
      );
      expect(response.status).toBe(201);
      return response.body.session.preview;
    });
    const states = [
      { enabled: false, fields: ['deviceType'] },
      { enabled: true, fields: ['deviceType'] },
      { enabled: true, fields: ['country'] },
      { enabled: false, fields: ['country'] },
      { enabled: true, fields: ['deviceType', 'country'] },
    ];
    const changes = await changeUnderTraffic(
      flow.observed,
      states,
      (state) => env.setSettings({ 'general.waitingClientPreview': state }),
      8,
    );
    await flow.stop();

    const expected = (state: (typeof states)[number]): unknown =>
      state.enabled
        ? Object.fromEntries(
            state.fields.map((field) => [field, field === 'country' ? 'US' : 'mobile']),
          )
        : null;
    for (const window of windows(flow.observed, changes)) {
      expect(window.requests.length).toBeGreaterThanOrEqual(8);
      for (const preview of window.requests) expect(preview).toEqual(expected(window.state));
    }
  });

  it('same-number block: callbacks follow each change of the blocking period at once', async () => {
    const NUMBERS = ['+420 777 000 001', '+420 777 000 002', '+420 777 000 003'];
    const flow = traffic(NUMBERS.length, async (stream) => {
      const response = await env.sandbox.control<{ accepted: boolean; usedDefault: boolean }>(
        'POST',
        `/tenants/${TENANT}/callbacks`,
        { packageId: env.packageIds[1], phoneNumber: NUMBERS[stream] },
      );
      expect(response.status).toBe(201);
      expect(response.body.usedDefault).toBe(false);
      return { stream, accepted: response.body.accepted };
    });
    // 0: no blocking; 3600: an hour between two callbacks from one number.
    const changes = await changeUnderTraffic(
      flow.observed,
      [0, 3600, 0, 3600],
      (seconds) => env.setSettings({ 'chat.callbackNumberBlock': seconds }),
      12,
    );
    await flow.stop();

    for (const window of windows(flow.observed, changes)) {
      expect(window.requests.length).toBeGreaterThanOrEqual(12);
      if (window.state === 0) {
        expect(window.requests.every((r) => r.accepted)).toBe(true);
      } else {
        // Blocking on: at most one callback per number gets through in the window.
        for (const stream of NUMBERS.keys()) {
          const accepted = window.requests.filter((r) => r.stream === stream && r.accepted);
          expect(accepted.length).toBeLessThanOrEqual(1);
        }
        expect(window.requests.some((r) => !r.accepted)).toBe(true);
      }
    }
  });
});

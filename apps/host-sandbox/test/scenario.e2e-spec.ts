import {
  ALL_WEBHOOK_EVENT_TYPES,
  parseWebhookEnvelope,
  verifyWebhook,
  WEBHOOK_EVENT_TYPES,
} from '@switchboard/host-contract';
import { installAgainst } from './support/install.js';
import { Receiver } from './support/receiver.js';
import { startSandbox, waitFor, type Sandbox } from './support/sandbox-harness.js';

interface Run {
  steps: { step: number; action: string; detail: string }[];
  events: string[];
  received: string[];
}

describe('scenario runner', () => {
  let receiver: Receiver;

  beforeAll(async () => {
    receiver = await new Receiver().start();
  });

  afterAll(async () => {
    await receiver.stop();
  });

  /** A fresh sandbox, every v1 event registered, `steps` scenario steps with `seed`. */
  async function run(seed: number, steps: number, path: string): Promise<Run> {
    // The harness's 1 s delivery timeout is for fault tests; a loaded CI machine can take longer
    // to answer, and a delivery dropped after its retries would fail the comparison below.
    const sandbox: Sandbox = await startSandbox({ SANDBOX_WEBHOOK_TIMEOUT_MS: '10000' });
    try {
      const token = await sandbox.token();
      await sandbox.api('POST', '/Webhooks', token, {
        eventTypes: [...WEBHOOK_EVENT_TYPES],
        callbackUrl: `${receiver.url}${path}`,
      });
      const result = await sandbox.control('POST', '/scenario/run', { steps, seed });
      expect(result.status).toBe(200);
      expect((await sandbox.control('POST', '/deliveries/drain', {})).body).toEqual({ idle: true });
      const deliveries = (await sandbox.control('GET', '/deliveries')).body as {
        eventType: string;
        outcome: string;
      }[];
      expect(deliveries.every((d) => d.outcome === 'delivered')).toBe(true);
      for (const request of receiver.to(path))
        expect(parseWebhookEnvelope(request.json).success).toBe(true);
      return {
        steps: result.body.steps,
        events: deliveries.map((d) => d.eventType),
        // Delivery is at least once: an attempt that timed out under load is sent again with the
        // same body (v1 deliveries carry no id), so the receiver may hold copies of one event.
        received: [
          ...new Map(
            receiver.to(path).map((r) => [JSON.stringify(r.json), r.json.eventType as string]),
          ).values(),
        ],
      };
    } finally {
      await sandbox.destroy();
    }
  }

  it('repeats the same steps and events for the same seed', async () => {
    const first = await run(42, 80, '/run-a');
    const second = await run(42, 80, '/run-b');
    expect(second.steps).toEqual(first.steps);
    expect(second.events).toEqual(first.events);
    expect(first.received.slice().sort()).toEqual(first.events.slice().sort());
  });

  it('produces the traffic a demo needs: clients, operators, files, callbacks, e-mails', async () => {
    const result = await run(7, 120, '/run-c');
    const actions = new Set(result.steps.map((s) => s.action));
    for (const action of [
      'client_arrives',
      'operator_accepts',
      'message',
      'status_change',
      'callback',
      'email',
    ]) {
      expect(actions).toContain(action);
    }
    const events = new Set(result.events);
    for (const eventType of [
      'SessionCreated',
      'SessionStarted',
      'SessionOperatorJoined',
      'SessionActivityChatMessage',
      'SessionEnded',
      'UserStatusChanged',
      'EmailThreadCreated',
    ]) {
      expect(events).toContain(eventType);
    }
    expect(result.steps.map((s) => s.step)).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
  });

  it('takes a different course for a different seed', async () => {
    const a = await run(1, 30, '/run-d');
    const b = await run(2, 30, '/run-e');
    expect(b.steps.map((s) => s.action)).not.toEqual(a.steps.map((s) => s.action));
  });

  it('sends payloads the contract parses, signed, including extension events, once installed', async () => {
    const sandbox = await startSandbox();
    try {
      const installed = await installAgainst(sandbox, receiver);
      const token = await sandbox.token(installed.clientId, installed.clientSecret);
      await sandbox.api('POST', '/Webhooks', token, {
        eventTypes: [...ALL_WEBHOOK_EVENT_TYPES],
        callbackUrl: `${receiver.url}/signed-run`,
      });
      await sandbox.control('POST', '/scenario/run', { steps: 150, seed: 11 });
      await sandbox.control('POST', '/deliveries/drain', {});
      const received = receiver.to('/signed-run');
      expect(received.length).toBeGreaterThan(100);
      const types = new Set<string>();
      for (const request of received) {
        expect(verifyWebhook(installed.webhookSecret, request.headers, request.body)).toEqual({
          ok: true,
        });
        const parsed = parseWebhookEnvelope(request.json);
        if (!parsed.success) throw new Error(`${request.json.eventType}: ${parsed.error.message}`);
        expect(parsed.data.eventType).not.toBe('UNKNOWN');
        expect(JSON.stringify(parsed.data.data)).not.toContain('"UNKNOWN"');
        types.add(parsed.data.eventType);
      }
      expect(types).toContain('GuestDisconnected');
      expect(types).toContain('UserStatusChanged');
    } finally {
      await sandbox.destroy();
    }
  });

  it('keeps demo traffic flowing at a rate until stopped, and starts it from the environment', async () => {
    const sandbox = await startSandbox();
    try {
      await sandbox.control('POST', '/scenario/start', { stepsPerSecond: 100, seed: 3 });
      const running = await waitFor(async () => {
        const state = (await sandbox.control('GET', '/scenario')).body;
        return state.recent.length >= 5 && state;
      });
      expect(running.running).toBe(true);
      await sandbox.control('POST', '/scenario/stop');
      const stopped = (await sandbox.control('GET', '/scenario')).body;
      await new Promise((resolve) => setTimeout(resolve, 60));
      expect((await sandbox.control('GET', '/scenario')).body.recent.length).toBeLessThanOrEqual(
        stopped.recent.length + 1,
      );
    } finally {
      await sandbox.destroy();
    }
    const demo = await startSandbox({ SANDBOX_DEMO_TRAFFIC: 'on', SANDBOX_DEMO_RATE: '100' });
    try {
      await waitFor(async () => (await demo.control('GET', '/state/sessions')).body.length > 0);
    } finally {
      await demo.destroy();
    }
  });
});

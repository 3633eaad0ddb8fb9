import { JobsService } from '../src/jobs/jobs.service.js';
import { type ChatSandbox, startChatSandbox } from './support/chat-sandbox.js';
import {
  type ChatSandboxProcess,
  startChatSandboxProcess,
} from './support/chat-sandbox-process.js';
import { deliver, eventually, sql } from './support/host-deliveries.js';

const sleepUntil = async (epochMs: number): Promise<void> => {
  const wait = epochMs - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
};

describe('client disconnect grace (setting 14) against the host sandbox', () => {
  let chat: ChatSandbox;
  let packageId: number;

  /** The client's connection drops; answers when the host saw it drop. */
  const drop = async (sessionId: string): Promise<number> => {
    await chat.control('POST', `/sessions/${sessionId}/disconnect`);
    await chat.settle();
    const session = await chat.control<{ guestDisconnectedAt: string }>(
      'GET',
      `/sessions/${sessionId}`,
    );
    return Date.parse(session.guestDisconnectedAt);
  };

  const comeBack = async (sessionId: string): Promise<void> => {
    await chat.control('POST', `/sessions/${sessionId}/reconnect`);
    await chat.settle();
  };

  const withGrace = async (seconds: number): Promise<string> => {
    await chat.setPackageSetting(packageId, 'chat.clientDisconnectGrace', seconds);
    return chat.newSession({ packageId, message: 'Dobrý den' });
  };

  const expiries = async (sessionId: string): Promise<Record<string, unknown>[]> =>
    sql(
      chat.t,
      "select outcome from audit_entry where tenant_id = ? and action = 'session.ended_after_disconnect' and target_id = ?",
      [chat.tenantId, sessionId],
    );

  const timer = (sessionId: string) =>
    chat.t.app.get(JobsService).findByKey(chat.tenantId, `disconnect-grace:${sessionId}`);

  beforeAll(async () => {
    chat = await startChatSandbox({ appEnv: { JOBS_POLL_MS: '50', JOBS_RETRY_BASE_MS: '100' } });
    packageId = chat.packageIds[0]!;
  }, 60_000);

  afterAll(async () => {
    await chat?.close();
  }, 60_000);

  it('continues the session when the client is back at grace − 1 s', async () => {
    const sessionId = await withGrace(3);
    const droppedAt = await drop(sessionId);
    expect((await timer(sessionId))?.state).toBe('scheduled');
    await sleepUntil(droppedAt + 2_000);
    await comeBack(sessionId);
    await sleepUntil(droppedAt + 4_000);
    expect(await chat.session(sessionId)).toMatchObject({ status: 'ACTIVE', ended: null });
    expect(await expiries(sessionId)).toEqual([]);
  }, 20_000);

  it('ends the session with "client left" when the client is still away at grace + 1 s', async () => {
    const sessionId = await withGrace(3);
    const droppedAt = await drop(sessionId);
    await sleepUntil(droppedAt + 4_000);
    const session = await chat.session(sessionId);
    expect(session).toMatchObject({
      status: 'CLOSED',
      terminationReason: 'GuestAbandoned',
      result: 'ended_by_plugin:disconnect_grace_expired',
    });
    // Not before the grace was over.
    expect(Date.parse(session.ended!)).toBeGreaterThanOrEqual(droppedAt + 3_000);
    expect(await expiries(sessionId)).toEqual([{ outcome: 'success' }]);
  }, 20_000);

  it('restarts the timer on a repeated drop', async () => {
    const sessionId = await withGrace(3);
    const firstDrop = await drop(sessionId);
    await sleepUntil(firstDrop + 1_000);
    await comeBack(sessionId);
    const secondDrop = await drop(sessionId);
    // The first drop's grace is over, the second's is not.
    await sleepUntil(Math.max(firstDrop + 3_500, secondDrop + 1_500));
    expect((await chat.session(sessionId)).status).toBe('ACTIVE');
    await sleepUntil(secondDrop + 4_000);
    expect((await chat.session(sessionId)).status).toBe('CLOSED');
    expect(await expiries(sessionId)).toEqual([{ outcome: 'success' }]);
  }, 20_000);

  it('cancels the timer when the session ends otherwise', async () => {
    const sessionId = await withGrace(2);
    const droppedAt = await drop(sessionId);
    await chat.control('POST', `/sessions/${sessionId}/end`, { userId: chat.operatorIds[0] });
    await chat.settle();
    expect(await timer(sessionId)).toBeNull();
    await sleepUntil(droppedAt + 3_000);
    expect((await chat.session(sessionId)).terminationReason).toBe('OperatorLeft');
    expect(await expiries(sessionId)).toEqual([]);
  }, 20_000);

  it('ignores a disconnect delivered after the reconnect that followed it', async () => {
    const sessionId = await withGrace(2);
    const droppedAt = await drop(sessionId);
    await comeBack(sessionId);
    // The host retries an old delivery late (a new webhook id, the old event time).
    const late = await deliver(
      chat.t,
      chat.tenantId,
      {
        eventType: 'GuestDisconnected',
        data: {
          sessionId: Number(sessionId),
          tenantId: Number(chat.tenantId),
          packageId,
          time: new Date(droppedAt).toISOString(),
          cause: 'ConnectionLost',
        },
      },
      { secret: chat.installation.webhookSecret },
    );
    expect(late.status).toBe(202);
    await chat.settle();
    await sleepUntil(droppedAt + 3_000);
    expect((await chat.session(sessionId)).status).toBe('ACTIVE');
  }, 20_000);
});

/**
 * "A backend restart in between does not change the outcome", with a real crash: the built
 * backend runs as its own process and gets kill -9 after the clients' drops were processed and
 * before their grace is over, then a new process starts on the same database and port (the one
 * the host delivers webhooks to). The grace timers live in the database, so the new process
 * cancels the one of the client who comes back and fires the other's at its deadline.
 */
describe('client disconnect grace across kill -9 of the backend process', () => {
  let chat: ChatSandboxProcess;
  /**
   * Long enough for the kill and a cold start of the process to fit before grace − 1 s: 10 s, or
   * up to 20 s on a machine where the first start was slow (a restart costs about as much).
   */
  let graceS: number;

  beforeAll(async () => {
    chat = await startChatSandboxProcess({
      // A short lease: anything the killed process had claimed is free again within 2 s.
      backendEnv: { JOBS_POLL_MS: '100', JOBS_RETRY_BASE_MS: '100', JOBS_LEASE_MS: '2000' },
    });
    graceS = Math.min(20, Math.max(10, Math.ceil((2 * chat.backendStartMs + 3000) / 1000)));
    await chat.setPackageSetting(chat.packageIds[0]!, 'chat.clientDisconnectGrace', graceS);
  }, 60_000);

  afterAll(async () => {
    await chat?.close();
  }, 60_000);

  const drop = async (sessionId: string): Promise<number> => {
    await chat.control('POST', `/sessions/${sessionId}/disconnect`);
    const session = await chat.control<{ guestDisconnectedAt: string }>(
      'GET',
      `/sessions/${sessionId}`,
    );
    return Date.parse(session.guestDisconnectedAt);
  };

  const timer = (sessionId: string) =>
    chat.reader.app.get(JobsService).findByKey(chat.tenantId, `disconnect-grace:${sessionId}`);

  const expiries = (sessionId: string): Promise<Record<string, unknown>[]> =>
    sql(
      chat.reader,
      "select outcome from audit_entry where tenant_id = ? and action = 'session.ended_after_disconnect' and target_id = ?",
      [chat.tenantId, sessionId],
    );

  it('continues the session of a client back at grace − 1 s and ends the other at its deadline', async () => {
    const comesBack = await chat.newSession({ message: 'Dobrý den' });
    const staysAway = await chat.newSession({ message: 'Dobrý den' });
    const backDroppedAt = await drop(comesBack);
    const awayDroppedAt = await drop(staysAway);
    await chat.settle();
    expect((await timer(comesBack))?.state).toBe('scheduled');
    expect((await timer(staysAway))?.state).toBe('scheduled');

    await chat.crash();
    await chat.restart();
    // The crash fell inside the grace: nothing fired yet, both timers still wait.
    const restartedAfterMs = Date.now() - backDroppedAt;
    if (restartedAfterMs >= (graceS - 1) * 1000) {
      throw new Error(
        `the restart was ready ${restartedAfterMs} ms after the drop, past grace − 1 s (${graceS} s)`,
      );
    }
    expect((await timer(comesBack))?.state).toBe('scheduled');
    expect((await timer(staysAway))?.state).toBe('scheduled');

    await sleepUntil(backDroppedAt + (graceS - 1) * 1000);
    await chat.control('POST', `/sessions/${comesBack}/reconnect`);
    await chat.settle();

    // The client still away: the new process ended the session ("client left"), once.
    const ended = await eventually(
      async () => {
        const session = await chat.session(staysAway);
        // The host ends the session first, the audit entry follows.
        return session.status === 'CLOSED' && (await expiries(staysAway)).length > 0
          ? session
          : undefined;
      },
      graceS * 1000 + 15_000,
      'the session of the client still away to end',
    );
    expect(ended).toMatchObject({
      terminationReason: 'GuestAbandoned',
      result: 'ended_by_plugin:disconnect_grace_expired',
    });
    expect(Date.parse(ended.ended!)).toBeGreaterThanOrEqual(awayDroppedAt + graceS * 1000);
    expect(await expiries(staysAway)).toEqual([{ outcome: 'success' }]);

    // The client who came back: past its deadline, the session goes on and no timer is left.
    await sleepUntil(backDroppedAt + (graceS + 1) * 1000);
    expect(await chat.session(comesBack)).toMatchObject({ status: 'ACTIVE', ended: null });
    expect(await timer(comesBack)).toBeNull();
    expect(await expiries(comesBack)).toEqual([]);
  }, 90_000);
});

import { JobsService } from '../src/jobs/jobs.service.js';
import { deliver, sql } from './support/host-deliveries.js';
import { type ChatSandbox, startChatSandbox } from './support/chat-sandbox.js';

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

  describe('across a backend restart', () => {
    it('a client back at grace − 1 s still continues', async () => {
      const sessionId = await withGrace(6);
      const droppedAt = await drop(sessionId);
      await chat.restartApp();
      await sleepUntil(droppedAt + 5_000);
      await comeBack(sessionId);
      await sleepUntil(droppedAt + 7_000);
      expect((await chat.session(sessionId)).status).toBe('ACTIVE');
      expect(await expiries(sessionId)).toEqual([]);
    }, 30_000);

    it('a client still away at grace + 1 s has the session ended', async () => {
      const sessionId = await withGrace(4);
      const droppedAt = await drop(sessionId);
      await chat.restartApp();
      await sleepUntil(droppedAt + 5_000);
      expect(await chat.session(sessionId)).toMatchObject({
        status: 'CLOSED',
        terminationReason: 'GuestAbandoned',
      });
      expect(await expiries(sessionId)).toEqual([{ outcome: 'success' }]);
    }, 30_000);
  });
});

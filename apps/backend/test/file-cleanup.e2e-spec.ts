import { EventEmitter2 } from '@nestjs/event-emitter';
import { JOB_SETTLED, type JobSettledEvent } from '../src/jobs/jobs.events.js';
import { JobsService } from '../src/jobs/jobs.service.js';
import { eventually, sql } from './support/host-deliveries.js';
import { type ChatSandbox, startChatSandbox } from './support/chat-sandbox.js';

describe('deleting files after the session (setting 12) against the host sandbox', () => {
  let chat: ChatSandbox;
  const settled: JobSettledEvent[] = [];

  /** A session with a client upload, an operator's file and a second client file. */
  const sessionWithFiles = async (): Promise<{ sessionId: string; fileIds: number[] }> => {
    const sessionId = await chat.newSession({ message: 'Posílám dokumenty.' });
    for (const [from, name] of [
      ['guest', 'obcansky-prukaz.jpg'],
      ['operator', 'smlouva.pdf'],
      ['guest', 'podpis.pdf'],
    ] as const) {
      await chat.control('POST', `/sessions/${sessionId}/files`, {
        from,
        ...(from === 'operator' ? { userId: chat.operatorIds[0] } : {}),
        name,
        contentType: name.endsWith('.pdf') ? 'application/pdf' : 'image/jpeg',
        size: 1000,
      });
    }
    const session = await chat.session(sessionId);
    return { sessionId, fileIds: session.files.map((f) => f.id) };
  };

  const end = (sessionId: string): Promise<unknown> =>
    chat.control('POST', `/sessions/${sessionId}/end`, { userId: chat.operatorIds[0] });

  const auditOf = async (sessionId: string): Promise<Record<string, unknown>[]> =>
    (
      await sql(
        chat.t,
        "select outcome, details from audit_entry where tenant_id = ? and action = 'files.deleted_after_session' and target_id = ? order by id",
        [chat.tenantId, sessionId],
      )
    ).map((row) => ({
      outcome: row['outcome'],
      details: typeof row['details'] === 'string' ? JSON.parse(row['details']) : row['details'],
    }));

  const jobOf = (sessionId: string) =>
    chat.t.app.get(JobsService).findByKey(chat.tenantId, `file-cleanup:${sessionId}`);

  beforeAll(async () => {
    chat = await startChatSandbox({ appEnv: { JOBS_RETRY_BASE_MS: '50', JOBS_POLL_MS: '50' } });
    chat.t.app.get(EventEmitter2).on(JOB_SETTLED, (event: JobSettledEvent) => {
      settled.push(event);
    });
  }, 60_000);

  afterAll(async () => {
    await chat?.close();
  }, 60_000);

  it('keeps the files when the setting is off', async () => {
    const { sessionId } = await sessionWithFiles();
    await end(sessionId);
    await chat.settle();
    expect((await chat.session(sessionId)).files.every((f) => !f.isDeleted)).toBe(true);
    expect(await jobOf(sessionId)).toBeNull();
  });

  it('deletes every file of the ended session and nothing of another session, audited', async () => {
    await chat.setSettings({ 'chat.deleteFilesAfterSession': true });
    const other = await sessionWithFiles();
    const { sessionId } = await sessionWithFiles();
    await end(sessionId);
    await chat.settle();
    const deleted = await eventually(
      async () => {
        const files = (await chat.session(sessionId)).files;
        return files.every((f) => f.isDeleted) ? files : undefined;
      },
      10_000,
      'the files deleted on the host',
    );
    expect(deleted).toHaveLength(3);
    expect((await chat.session(other.sessionId)).files.map((f) => f.isDeleted)).toEqual([
      false,
      false,
      false,
    ]);
    await eventually(async () => ((await auditOf(sessionId)).length > 0 ? true : undefined));
    expect(await auditOf(sessionId)).toEqual([
      {
        outcome: 'success',
        details: expect.objectContaining({ files: 3, removed: 3, alreadyRemoved: 0, attempt: 1 }),
      },
    ]);
    // Nobody can fetch them any more.
    expect((await jobOf(sessionId))?.state).toBe('done');
    await end(other.sessionId);
  });

  it('retries a host that fails twice and still ends with every file removed', async () => {
    const { sessionId, fileIds } = await sessionWithFiles();
    // The host's storage cannot reach one file for the first two attempts...
    await chat.control('PUT', `/sessions/${sessionId}/files/${fileIds[1]}/inaccessible`, {
      inaccessible: true,
    });
    // ...and its API answers 503 twice (the host client's own retries absorb those).
    const rule = await chat.control<{ id: number }>('POST', '/faults/rules', {
      method: 'POST',
      path: '/api/v1/extension/sessions/*/files/delete',
      action: { kind: 'status', status: 503 },
      times: 2,
    });
    const failures = (): JobSettledEvent[] =>
      settled.filter((e) => e.key === `file-cleanup:${sessionId}` && e.state === 'failed');
    await end(sessionId);
    await eventually(
      () => (failures().length >= 2 ? true : undefined),
      15_000,
      'two failed attempts',
    );
    await chat.control('PUT', `/sessions/${sessionId}/files/${fileIds[1]}/inaccessible`, {
      inaccessible: false,
    });
    const done = await eventually(
      async () => {
        const job = await jobOf(sessionId);
        return job?.state === 'done' ? job : undefined;
      },
      15_000,
      'the deletion job done',
    );
    expect(done.attempts).toBe(3);
    expect((await chat.control<{ hits: number }>('GET', `/faults/rules/${rule.id}`)).hits).toBe(2);
    expect((await chat.session(sessionId)).files.every((f) => f.isDeleted)).toBe(true);
    expect(await auditOf(sessionId)).toEqual([
      {
        outcome: 'success',
        // Two files went on the first attempt; the third on the third.
        details: expect.objectContaining({ files: 3, removed: 1, alreadyRemoved: 2, attempt: 3 }),
      },
    ]);
  }, 30_000);

  it('reports a file that stays inaccessible after the last attempt', async () => {
    const { sessionId, fileIds } = await sessionWithFiles();
    await chat.control('PUT', `/sessions/${sessionId}/files/${fileIds[0]}/inaccessible`, {
      inaccessible: true,
    });
    await end(sessionId);
    const dead = await eventually(
      async () => {
        const job = await jobOf(sessionId);
        return job?.state === 'dead' ? job : undefined;
      },
      25_000,
      'the deletion job to give up',
    );
    expect(dead.attempts).toBe(8);
    const files = (await chat.session(sessionId)).files;
    expect(files.map((f) => f.isDeleted)).toEqual([false, true, true]);
    expect(await auditOf(sessionId)).toEqual([
      {
        outcome: 'failed',
        details: expect.objectContaining({ inaccessibleFileIds: [fileIds[0]], attempt: 8 }),
      },
    ]);
  }, 40_000);
});

import { type HostApiClient, HostApiError, type SessionModel } from '@switchboard/host-contract';
import { eraseOnHost, factsOf, isRetryable, readSessionFacts } from './host-sessions.js';

const session = (id: string, extra: Partial<SessionModel> = {}): SessionModel => ({
  id,
  channel: 'Chat',
  source: 'Default',
  ended: '2026-01-01T10:00:00Z',
  tags: [{ name: 'vip' }],
  ...extra,
});

const httpError = (status: number): HostApiError =>
  new HostApiError({
    kind: 'http',
    method: 'GET',
    path: '/Sessions/{sessionId}',
    message: 'x',
    status,
  });

/** A host whose list answers only the ids in `listed` (one that ignores or limits the filter). */
function host(listed: string[], known: string[]): { client: HostApiClient; gets: string[] } {
  const gets: string[] = [];
  const client = {
    listSessions: (filter: { sessionId?: string[] }) =>
      Promise.resolve(
        (filter.sessionId ?? []).filter((id) => listed.includes(id)).map((id) => session(id)),
      ),
    getSession: (id: string) => {
      gets.push(id);
      return known.includes(id) ? Promise.resolve(session(id)) : Promise.reject(httpError(404));
    },
  } as unknown as HostApiClient;
  return { client, gets };
}

describe("the host's side of anonymization", () => {
  it('reads facts: channel in settings spelling, package only when the host says, tag names', () => {
    expect(factsOf(session('1', { channel: 'AV', packageId: 7 }))).toEqual({
      sessionId: '1',
      channel: 'av',
      packageId: '7',
      packageKnown: true,
      endedAt: new Date('2026-01-01T10:00:00Z'),
      tags: ['vip'],
    });
    expect(factsOf(session('2', { ended: null }))).toMatchObject({
      packageId: null,
      packageKnown: false,
      endedAt: null,
    });
  });

  it('re-reads sessions the list left out one by one; a 404 means the host does not know it', async () => {
    const { client, gets } = host(['1'], ['2']);
    const facts = await readSessionFacts(client, ['1', '2', '3']);
    expect([...facts.entries()].map(([id, f]) => [id, f?.sessionId ?? null])).toEqual([
      ['1', '1'],
      ['2', '2'],
      ['3', null],
    ]);
    expect(gets).toEqual(['2', '3']);
  });

  it('does not take a failing host for a missing session', async () => {
    const client = {
      listSessions: () => Promise.resolve([]),
      getSession: () => Promise.reject(httpError(503)),
    } as unknown as HostApiClient;
    await expect(readSessionFacts(client, ['1'])).rejects.toThrow(HostApiError);
  });

  it('records per category what the extension answered, and what the v1 call covered', async () => {
    const client = {
      anonymizeSessionCategories: () =>
        Promise.resolve({
          sessionId: '1',
          results: [
            { category: 'messages_files', outcome: 'ANONYMIZED', itemCount: 3 },
            { category: 'recordings', outcome: 'FAILED', message: 'storage down' },
          ],
        }),
      anonymizeSession: () => Promise.resolve(),
    } as unknown as HostApiClient;
    expect(
      await eraseOnHost(client, '1', ['messages_files', 'recordings', 'contact_link'], true),
    ).toEqual([
      expect.objectContaining({ category: 'messages_files', done: true, itemCount: 3 }),
      expect.objectContaining({ category: 'recordings', done: false, error: 'storage down' }),
      expect.objectContaining({ category: 'contact_link', done: false, outcome: 'NO_ANSWER' }),
    ]);
    expect(await eraseOnHost(client, '1', ['recordings'], false)).toEqual([
      {
        category: 'recordings',
        done: true,
        method: 'v1_whole_session',
        outcome: 'COVERED_BY_WHOLE_SESSION',
        itemCount: null,
        error: null,
      },
    ]);
  });

  it('retries what may pass (5xx, 429, timeouts, an open circuit) and not a refusal', () => {
    expect(isRetryable(httpError(503))).toBe(true);
    expect(isRetryable(httpError(429))).toBe(true);
    expect(isRetryable(httpError(400))).toBe(false);
    expect(isRetryable(httpError(404))).toBe(false);
    expect(
      isRetryable(
        new HostApiError({ kind: 'circuit_open', method: 'POST', path: '/x', message: 'x' }),
      ),
    ).toBe(true);
    expect(
      isRetryable(
        new HostApiError({ kind: 'invalid_response', method: 'POST', path: '/x', message: 'x' }),
      ),
    ).toBe(false);
  });
});

import {
  anonymizeSessionResponseSchema,
  EXTENSION_PATHS,
  fillPath,
  sessionListSchema,
} from '@switchboard/host-contract';
import {
  DEMO_TENANT_ID,
  startSandbox,
  type Json,
  type Sandbox,
} from './support/sandbox-harness.js';

const daysAgo = (days: number): string => new Date(Date.now() - days * 86_400_000).toISOString();

describe('session history and anonymization observation', () => {
  let sandbox: Sandbox;
  let token: string;
  let packageId: number;

  beforeAll(async () => {
    sandbox = await startSandbox();
    token = await sandbox.token();
    packageId = (await sandbox.control('GET', `/tenants/${DEMO_TENANT_ID}/packages`)).body[0]
      .packageId;
  });

  afterAll(async () => {
    await sandbox.destroy();
  });

  const seed = async (sessions: unknown[]): Promise<{ status: number; body: Json }> =>
    sandbox.control('POST', `/tenants/${DEMO_TENANT_ID}/sessions/history`, { sessions });

  it('creates ended sessions with their client data, sending no events', async () => {
    const deliveriesBefore = (await sandbox.control('GET', '/deliveries')).body.length;
    const created = await seed([
      {
        channel: 'AV',
        packageId,
        ended: daysAgo(40),
        guest: { ipAddress: '10.0.0.1', trackedId: 'dev-1', name: 'Jana', phone: '+420777000111' },
        messages: [{ text: 'Dobrý den' }, { from: 'operator', text: 'Vítejte' }],
        files: ['smlouva.pdf'],
        recordings: 1,
        callParams: { jmeno: 'Jana' },
        tags: ['legal-hold'],
        contactId: 70_001,
        result: 'vyřešeno',
        feedback: { stars: 5, text: 'Děkuji' },
      },
      { ended: daysAgo(2) },
    ]);
    expect(created.status).toBe(201);
    const [first, second] = created.body.ids as number[];
    const session = (await sandbox.control('GET', `/sessions/${first}`)).body;
    expect(session).toMatchObject({
      channel: 'AV',
      status: 'CLOSED',
      packageId,
      tagIds: [expect.any(Number)],
      result: 'vyřešeno',
      feedback: { stars: 5, text: 'Děkuji' },
      guest: { identity: '70001', ipAddress: '10.0.0.1', trackedId: 'dev-1' },
    });
    expect(session.activities.map((a: Json) => a.type)).toEqual([
      'ChatMessage',
      'ChatMessage',
      'SharedFile',
    ]);
    expect(session.recordings).toHaveLength(1);
    expect(Date.parse(session.ended)).toBeLessThan(Date.now() - 39 * 86_400_000);
    expect((await sandbox.control('GET', `/sessions/${second}`)).body.activities).toEqual([]);
    expect((await sandbox.control('GET', '/deliveries')).body).toHaveLength(deliveriesBefore);

    const listed = await sandbox.api(
      'GET',
      `/Sessions?SessionId=${first}&SessionId=${second}&Tags=legal-hold`,
      token,
    );
    expect(sessionListSchema.parse(listed.body).map((s) => s.id)).toEqual([String(first)]);
  });

  it('refuses unknown tags and packages', async () => {
    expect((await seed([{ ended: daysAgo(1), tags: ['nope'] }])).status).toBe(422);
    expect((await seed([{ ended: daysAgo(1), packageId: 9_999_999 }])).status).toBe(404);
  });

  it('logs each anonymization call with what it erased; the link category erases device ids', async () => {
    const [id] = (
      await seed([
        {
          ended: daysAgo(10),
          guest: { ipAddress: '10.0.0.2', trackedId: 'dev-2', userAgent: 'UA', email: 'a@b.cz' },
          messages: [{ text: 'Ahoj' }],
        },
      ])
    ).body.ids as number[];
    const path = fillPath(EXTENSION_PATHS.host.anonymizeSession, { sessionId: id! });
    const answer = anonymizeSessionResponseSchema.parse(
      (await sandbox.api('POST', path, token, { categories: ['contact_link', 'messages_files'] }))
        .body,
    );
    expect(answer.results).toEqual([
      { category: 'contact_link', outcome: 'ANONYMIZED', itemCount: 4 },
      { category: 'messages_files', outcome: 'ANONYMIZED', itemCount: 1 },
    ]);
    const guest = (await sandbox.control('GET', `/sessions/${id}`)).body.guest;
    expect(guest).toMatchObject({ ipAddress: null, trackedId: null, userAgent: null, email: null });
    expect((await sandbox.api('POST', `/Sessions/${id}/anonymize`, token)).status).toBe(204);

    const log = (await sandbox.control('GET', `/anonymizations?sessionId=${id}`)).body;
    expect(log).toEqual([
      expect.objectContaining({
        sessionId: id,
        tenantId: DEMO_TENANT_ID,
        via: 'extension',
        categories: ['contact_link', 'messages_files'],
      }),
      expect.objectContaining({ via: 'v1', categories: expect.arrayContaining(['recordings']) }),
    ]);
    const v1 = log[1].results as { category: string; outcome: string }[];
    expect(v1.find((r) => r.category === 'contact_link')?.outcome).toBe('ALREADY_ANONYMIZED');
    expect(v1.find((r) => r.category === 'recordings')?.outcome).toBe('NOTHING_TO_ANONYMIZE');
    expect((await sandbox.control('GET', `/sessions/${id}`)).body.anonymized).not.toBeNull();
  });

  it('places a legal-hold tag on an ended session by name', async () => {
    const [id] = (await seed([{ ended: daysAgo(5) }])).body.ids as number[];
    const tagged = await sandbox.control('PUT', `/sessions/${id}/tags/Legal-Hold`);
    expect(tagged.status).toBe(200);
    expect(tagged.body.tagIds).toHaveLength(1);
    expect((await sandbox.control('PUT', `/sessions/${id}/tags/unknown`)).status).toBe(404);
  });
});

import { DEMO_TENANT_ID, startSandbox, type Sandbox } from './support/sandbox-harness.js';

describe('v1 sessions, users and e-mail threads', () => {
  let sandbox: Sandbox;
  let token: string;
  const ids: Record<string, number> = {};
  let beforeSecond = '';

  beforeAll(async () => {
    sandbox = await startSandbox();
    token = await sandbox.token();
    const packages = (await sandbox.control('GET', `/tenants/${DEMO_TENANT_ID}/packages`)).body;
    const create = (body: unknown): Promise<{ body: { session: { id: number } } }> =>
      sandbox.control('POST', `/tenants/${DEMO_TENANT_ID}/sessions`, body);
    ids.chat = (
      await create({
        packageId: packages[0].packageId,
        message: 'Ahoj, potřebuji pomoc',
        guest: { os: 'WINDOWS', browser: 'CHROME', ipAddress: '81.2.69.160', trackedId: 'trk-1' },
      })
    ).body.session.id;
    await new Promise((resolve) => setTimeout(resolve, 20));
    beforeSecond = new Date().toISOString();
    ids.av = (
      await create({
        packageId: packages[2].packageId,
        channel: 'AV',
        guest: { os: 'IOS', browser: 'SAFARI', trackedId: 'trk-2' },
      })
    ).body.session.id;
    ids.phone = (
      await sandbox.control('POST', `/tenants/${DEMO_TENANT_ID}/callbacks`, {
        packageId: packages[1].packageId,
        phoneNumber: '+420777000111',
      })
    ).body.session.id;
  });

  afterAll(async () => {
    await sandbox.destroy();
  });

  const list = async (query: string): Promise<number[]> => {
    const response = await sandbox.api('GET', `/Sessions${query}`, token);
    expect(response.status).toBe(200);
    return (response.body as { id: number }[]).map((s) => s.id);
  };

  it('filters the session list by repeated set keys, in any case', async () => {
    expect(await list('?Channel=Chat&Channel=AV')).toEqual([ids.chat, ids.av]);
    expect(await list('?channel=phone')).toEqual([ids.phone]);
    expect(await list('?Source=Callback')).toEqual([ids.phone]);
    expect(await list('?OS=windows')).toEqual([ids.chat]);
  });

  it('filters by time ranges flattened as Name.Min / Name.Max', async () => {
    expect(await list(`?Created.Min=${encodeURIComponent(beforeSecond)}`)).toEqual([
      ids.av,
      ids.phone,
    ]);
    expect(await list(`?created.max=${encodeURIComponent(beforeSecond)}`)).toEqual([ids.chat]);
    expect(await list('?Ended.Null=true&Channel=Chat')).toEqual([ids.chat]);
  });

  it('pages with limit and offset', async () => {
    expect(await list('?limit=2')).toEqual([ids.chat, ids.av]);
    expect(await list('?limit=2&offset=2')).toEqual([ids.phone]);
    expect((await sandbox.api('GET', '/Sessions?limit=-1', token)).status).toBe(400);
  });

  it('filters by guest tracking id and activity text', async () => {
    expect(await list('?GuestIdentifications=trk-2')).toEqual([ids.av]);
    expect(await list('?ActivityTextsContain=pomoc')).toEqual([ids.chat]);
  });

  it('returns one session in the v1 SessionModel shape', async () => {
    const response = await sandbox.api('GET', `/Sessions/${ids.chat}`, token);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      id: ids.chat,
      departmentId: DEMO_TENANT_ID,
      channel: 'Chat',
      source: 'Default',
      status: 'IN_QUEUE',
      guest: { ipAddress: '81.2.69.160', os: 'WINDOWS', browser: 'CHROME', trackedId: 'trk-1' },
    });
    expect(response.body.activities[0]).toMatchObject({
      type: 'ChatMessage',
      client: 'Guest',
      text: 'Ahoj, potřebuji pomoc',
    });
    expect((await sandbox.api('GET', '/Sessions/999', token)).status).toBe(404);
  });

  it('lists, downloads and deletes files with a per-file result', async () => {
    const upload = await sandbox.control('POST', `/sessions/${ids.chat}/files`, {
      name: 'smlouva.pdf',
      contentType: 'application/pdf',
      size: 2048,
    });
    expect(upload.body.allowed).toBe(true);
    const fileId = upload.body.file.id as number;
    const files = await sandbox.api('GET', `/Sessions/${ids.chat}/files`, token);
    expect(files.body).toEqual([
      expect.objectContaining({ id: fileId, name: 'smlouva.pdf', isDeleted: false }),
    ]);
    const download = await fetch(files.body[0].downloadUrl, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(download.status).toBe(200);
    const removed = await sandbox.api('DELETE', `/Sessions/${ids.chat}/files`, token, {
      fileIds: [fileId, 424242],
    });
    expect(removed.body).toEqual([
      { fileId, state: 'REMOVED' },
      { fileId: 424242, state: 'INACCESSIBLE' },
    ]);
    const again = await sandbox.api('DELETE', `/Sessions/${ids.chat}/files`, token, {
      fileIds: [fileId],
    });
    expect(again.body).toEqual([{ fileId, state: 'ALREADY_REMOVED' }]);
    expect(
      (await fetch(files.body[0].downloadUrl, { headers: { authorization: `Bearer ${token}` } }))
        .status,
    ).toBe(404);
  });

  it('anonymizes a whole session and ends one through the API', async () => {
    expect((await sandbox.api('POST', `/Sessions/${ids.av}/anonymize`, token)).status).toBe(204);
    const session = (await sandbox.api('GET', `/Sessions/${ids.av}`, token)).body;
    expect(session.anonymized).not.toBeNull();
    expect(session.guest.trackedId).toBeNull();
    expect(await list('?Anonymized.Null=false')).toEqual([ids.av]);
    expect((await sandbox.api('POST', `/Sessions/${ids.chat}/end`, token)).status).toBe(204);
    const ended = (await sandbox.api('GET', `/Sessions/${ids.chat}`, token)).body;
    expect(ended).toMatchObject({ status: 'CLOSED' });
    expect(ended.activities.at(-1)).toMatchObject({
      type: 'SessionEnded',
      terminationReason: 'SessionApiCall',
    });
  });

  it('reads operator states with absence reasons and the groups', async () => {
    const states = (await sandbox.api('GET', '/Users/operatorStates', token)).body as {
      stateKind: string;
      breakStateName: string | null;
    }[];
    expect(states).toHaveLength(10);
    expect(states.filter((s) => s.stateKind === 'BREAK')).toEqual([
      expect.objectContaining({ breakStateName: 'Oběd' }),
    ]);
    const groups = (await sandbox.api('GET', '/Groups', token)).body;
    expect(groups.map((g: { name: string }) => g.name)).toEqual(['Podpora', 'Obchod', 'Technici']);
  });

  it('creates, filters and reads e-mail threads and contacts', async () => {
    const inbound = await sandbox.control('POST', `/tenants/${DEMO_TENANT_ID}/emails`, {
      from: 'klient@example.cz',
      subject: 'Faktura',
      body: 'Dobrý den',
    });
    const created = await sandbox.api('POST', '/EmailThreads', token, {
      clientEmail: 'jiny@example.cz',
      subject: 'Nabídka',
      body: 'Posíláme nabídku',
      operatorUserId: 1001,
    });
    expect(created.status).toBe(201);
    const queued = await sandbox.api('GET', '/EmailThreads?State=InQueue', token);
    expect(queued.body.map((t: { id: number }) => t.id)).toEqual([inbound.body.id]);
    const mine = await sandbox.api('GET', '/EmailThreads?OperatorUserId=1001', token);
    expect(mine.body.map((t: { id: number }) => t.id)).toEqual([created.body]);
    const contacts = await sandbox.api('POST', `/Contacts?departmentId=${DEMO_TENANT_ID}`, token, [
      { oo1_guest_phone: ['+420777000111'] },
    ]);
    expect(contacts.status).toBe(201);
    const found = await sandbox.api(
      'GET',
      '/Contacts?filterField=oo1_guest_phone&filterValue=%2B420777000111',
      token,
    );
    expect(found.body).toEqual([
      { id: contacts.body[0], data: { oo1_guest_phone: ['+420777000111'] } },
    ]);
  });
});

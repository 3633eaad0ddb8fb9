import { ApiClient, versionFromEtag } from '../src/providers/apiClient.js';
import { ApiProblem } from '../src/providers/ApiProblem.js';
import { createDataProvider } from '../src/providers/dataProvider.js';
import { SessionStore, memoryStorage } from '../src/providers/sessionStore.js';
import {
  SettingsApi,
  packageFieldErrors,
  settingsFieldErrors,
} from '../src/providers/settingsApi.js';
import { fakeFetch, on } from './support/fakeFetch.js';
import { overviewOf } from './support/fixtures.js';

function clientWith(fetch: typeof globalThis.fetch, locale = 'cs') {
  const session = new SessionStore(memoryStorage());
  session.set({
    sessionToken: 'sess-1',
    expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    principal: { tenantId: 't1', userId: 'u1', userName: 'Ada', roles: ['admin'], locale: 'cs' },
  });
  const client = new ApiClient({ fetch, session, getLocale: () => locale });
  return { client, session, api: new SettingsApi(client) };
}

async function rejection(promise: Promise<unknown>): Promise<ApiProblem> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiProblem) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('the API client', () => {
  it('sends the session token and the panel language on every call', async () => {
    const { fetch, requests } = fakeFetch(on('GET', '/api/settings', { body: overviewOf(3) }));
    const { api } = clientWith(fetch, 'en');
    await api.get();
    expect(requests[0]?.headers.get('Authorization')).toBe('Bearer sess-1');
    expect(requests[0]?.headers.get('Accept-Language')).toBe('en');
  });

  it('sends the edited version as If-Match and the values as { values }', async () => {
    const { fetch, requests } = fakeFetch(
      on('PATCH', '/api/settings', { body: overviewOf(8), headers: { ETag: '"8"' } }),
    );
    const { api } = clientWith(fetch);
    const result = await api.patch({ 'email.queueOrder': 'oldest', 'chat.clientHistory': null }, 7);
    expect(requests[0]?.headers.get('If-Match')).toBe('"7"');
    expect(requests[0]?.headers.get('Content-Type')).toBe('application/json');
    expect(requests[0]?.body).toEqual({
      values: { 'email.queueOrder': 'oldest', 'chat.clientHistory': null },
    });
    expect(result.version).toBe(8);
  });

  it('takes the version from the ETag when it differs from the body', async () => {
    const { fetch } = fakeFetch(
      on('GET', '/api/settings', { body: overviewOf(3), headers: { ETag: '"5"' } }),
    );
    const { api } = clientWith(fetch);
    expect((await api.get()).version).toBe(5);
    expect(versionFromEtag('W/"12"')).toBe(12);
    expect(versionFromEtag(null)).toBeUndefined();
  });

  it('parses a 409 into the current version and the changes made since', async () => {
    const changesSince = [
      { scope: 'tenant', key: 'email.queueOrder', before: null, after: 'oldest' },
      { scope: 'package', packageId: 'web', key: 'chat.avRecording', before: false, after: true },
    ];
    const { fetch } = fakeFetch(
      on('PATCH', '/api/settings', {
        status: 409,
        body: {
          statusCode: 409,
          code: 'version_conflict',
          message: 'Nastavení mezitím změnil někdo jiný.',
          details: { currentVersion: 9, changesSince },
        },
      }),
    );
    const { api } = clientWith(fetch);
    const problem = await rejection(api.patch({ 'email.queueOrder': 'newest' }, 7));
    expect(problem.status).toBe(409);
    expect(problem.message).toBe('Nastavení mezitím změnil někdo jiný.');
    expect(problem.conflict).toEqual({ currentVersion: 9, changesSince });
  });

  it('maps a 422 onto field paths', async () => {
    const { fetch } = fakeFetch(
      on('PATCH', '/api/settings', {
        status: 422,
        body: {
          statusCode: 422,
          code: 'validation_failed',
          message: 'Invalid settings',
          errors: [
            {
              path: 'chat.transcriptReplyTo.companyAddress',
              code: 'invalid_format',
              message: 'Bad address',
            },
            { path: 'chat.callbackNumberBlock', code: 'too_big', message: 'Too long' },
          ],
        },
      }),
    );
    const { api } = clientWith(fetch);
    const problem = await rejection(api.patch({}, 1));
    expect(problem.code).toBe('validation_failed');
    expect(problem.conflict).toBeUndefined();
    expect(problem.fieldErrors()).toEqual({
      'chat.transcriptReplyTo.companyAddress': 'Bad address',
      'chat.callbackNumberBlock': 'Too long',
    });
  });

  it('turns a proxy page and a network failure into problems too', async () => {
    const proxy = fakeFetch(
      on('GET', '/api/settings', { status: 502, text: '<html>Bad gateway</html>' }),
    );
    const problem = await rejection(clientWith(proxy.fetch).api.get());
    expect(problem.code).toBe('http_502');
    expect(problem.status).toBe(502);

    const offline = clientWith(() => Promise.reject(new TypeError('Failed to fetch')));
    const network = await rejection(offline.api.get());
    expect(network.status).toBe(0);
    expect(network.code).toBe('network_error');
  });

  it('forgets the session and tells its listeners on 401', async () => {
    const { fetch } = fakeFetch(
      on('GET', '/api/settings', {
        status: 401,
        body: { statusCode: 401, code: 'unauthorized', message: 'x' },
      }),
    );
    const { api, client, session } = clientWith(fetch);
    const listener = jest.fn();
    client.onUnauthorized(listener);
    const problem = await rejection(api.get());
    expect(problem.isUnauthorized).toBe(true);
    expect(session.get()).toBeUndefined();
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('addresses package overrides, rollbacks, diffs and dry-run imports as the contract says', async () => {
    const { fetch, requests } = fakeFetch(
      on('PUT', '/api/settings/packages/web%201/chat.avRecording', { body: overviewOf(4) }),
      on('DELETE', '/api/settings/packages/web%201/chat.avRecording', { body: overviewOf(5) }),
      on('POST', '/api/settings/revisions/3/rollback', { body: overviewOf(6) }),
      on('GET', '/api/settings/revisions/4/diff?against=1', {
        body: {
          number: 4,
          against: 1,
          changes: [{ scope: 'tenant', key: 'email.queueOrder', before: null, after: 'oldest' }],
        },
      }),
      on('POST', '/api/settings/import?dryRun=true', {
        body: { valid: true, errors: [], changes: [] },
      }),
    );
    const { api } = clientWith(fetch);
    await api.setPackageOverride('web 1', 'chat.avRecording', true, 3);
    await api.clearPackageOverride('web 1', 'chat.avRecording', 4);
    await api.rollback(3, 5);
    const diff = await api.diff(4, 1);
    const dryRun = await api.importDryRun({ format: 'switchboard.settings' });
    expect(requests.map((r) => [r.method, r.headers.get('If-Match')])).toEqual([
      ['PUT', '"3"'],
      ['DELETE', '"4"'],
      ['POST', '"5"'],
      ['GET', null],
      ['POST', null],
    ]);
    expect(requests[0]?.body).toEqual({ value: true });
    expect(diff.changes[0]?.after).toBe('oldest');
    expect(dryRun.valid).toBe(true);
  });

  it('downloads files with the session header and the server-given name', async () => {
    const { fetch, requests } = fakeFetch(
      on('GET', '/api/audit/export.csv', {
        text: 'id,action\n1,settings.updated\n',
        headers: {
          'Content-Type': 'text/csv',
          'Content-Disposition': 'attachment; filename="audit-t1.csv"',
        },
      }),
    );
    const { api } = clientWith(fetch);
    const { blob, fileName } = await api.auditCsv({ outcome: 'denied' });
    expect(fileName).toBe('audit-t1.csv');
    expect(await blob.text()).toContain('settings.updated');
    const url = new URL(requests[0]?.url ?? '', 'http://panel.test');
    expect(JSON.parse(url.searchParams.get('filter') ?? '')).toEqual({ outcome: 'denied' });
    expect(requests[0]?.headers.get('Authorization')).toBe('Bearer sess-1');
  });
});

describe('the react-admin data provider', () => {
  it('lists revisions from /api/settings/revisions in the simple-rest dialect, with the session', async () => {
    const revisions = [
      {
        id: 2,
        number: 2,
        kind: 'update',
        changes: [],
        actorId: 'u1',
        actorName: 'Ada',
        rolledBackTo: null,
        createdAt: '2026-11-25T10:00:00Z',
      },
    ];
    const { fetch, requests } = fakeFetch((request) =>
      new URL(request.url, 'http://panel.test').pathname === '/api/settings/revisions'
        ? { body: revisions, headers: { 'Content-Range': 'revisions 0-0/7' } }
        : undefined,
    );
    const { client } = clientWith(fetch, 'en');
    const dataProvider = createDataProvider(client);
    const result = await dataProvider.getList('revisions', {
      pagination: { page: 1, perPage: 25 },
      sort: { field: 'number', order: 'DESC' },
      filter: {},
    });
    expect(result.total).toBe(7);
    expect(result.data).toEqual(revisions);
    const url = new URL(requests[0]?.url ?? '', 'http://panel.test');
    expect(url.searchParams.get('sort')).toBe('["number","DESC"]');
    expect(url.searchParams.get('range')).toBe('[0,24]');
    expect(requests[0]?.headers.get('Authorization')).toBe('Bearer sess-1');
    expect(requests[0]?.headers.get('Accept-Language')).toBe('en');
  });

  it('fails with an ApiProblem react-admin can read (status, message)', async () => {
    const { fetch } = fakeFetch((request) =>
      request.url.includes('/api/audit')
        ? {
            status: 403,
            body: { statusCode: 403, code: 'role_denied', message: 'Not for viewers' },
          }
        : undefined,
    );
    const dataProvider = createDataProvider(clientWith(fetch).client);
    const problem = await rejection(
      dataProvider.getList('audit', {
        pagination: { page: 1, perPage: 10 },
        sort: { field: 'id', order: 'ASC' },
        filter: {},
      }),
    );
    expect(problem.status).toBe(403);
    expect(problem.message).toBe('Not for viewers');
  });
});

describe('field errors as the forms address them', () => {
  const problemWith = (paths: string[]) =>
    ApiProblem.fromBody(422, 'Unprocessable', {
      statusCode: 422,
      code: 'validation_failed',
      message: 'Invalid',
      errors: paths.map((path) => ({ path, code: 'invalid_format', message: `bad ${path}` })),
    });

  it('take a PATCH body path (values.…) back to the settings path', () => {
    expect(
      settingsFieldErrors(
        problemWith(['values.chat.transcriptReplyTo.companyAddress', 'tenant.email.queueOrder']),
      ),
    ).toEqual({
      'chat.transcriptReplyTo.companyAddress': 'bad values.chat.transcriptReplyTo.companyAddress',
      'email.queueOrder': 'bad tenant.email.queueOrder',
    });
  });

  it('put a package override error (value, value.x) under its setting', () => {
    expect(
      packageFieldErrors(
        problemWith(['value', 'value.weeklyHours.mon.0.end']),
        'chat.offlineCallback',
      ),
    ).toEqual({
      'chat.offlineCallback': 'bad value',
      'chat.offlineCallback.weeklyHours.mon.0.end': 'bad value.weeklyHours.mon.0.end',
    });
  });
});

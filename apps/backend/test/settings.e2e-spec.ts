import { MikroORM } from '@mikro-orm/core';
import { defaultValues, translate } from '@switchboard/settings-model';
import type { Role } from '../src/auth/principal.js';
import {
  authorizationFor,
  installTenant,
  panelSession,
  type InstalledTenant,
} from './support/tenants.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { testDatabaseKind } from './support/test-database.js';

interface Reply<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

// Loose JSON access for assertions; the shapes are checked by the expectations themselves.
// Response bodies are asserted structurally with expect(); typing every shape here adds nothing.
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe(`settings API on ${testDatabaseKind()}`, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t?.close();
  });

  async function call(
    method: string,
    path: string,
    options: { auth: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<Reply<Json>> {
    const response = await fetch(`${t.baseUrl}${path}`, {
      method,
      headers: {
        authorization: options.auth,
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...options.headers,
      },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: text === '' ? {} : (JSON.parse(text) as Json),
    };
  }

  /** A freshly installed tenant with an admin session (and any other roles asked for). */
  async function tenantWith(
    options: { entitlements?: string[] } = {},
  ): Promise<{ tenant: InstalledTenant; admin: string; as: (roles: Role[]) => Promise<string> }> {
    const tenant = await installTenant(t, { entitlements: options.entitlements ?? [] });
    const as = (roles: Role[]) => authorizationFor(t, tenant, roles);
    return { tenant, admin: await as(['admin']), as };
  }

  const patch = (auth: string, version: number, values: Record<string, unknown>, headers = {}) =>
    call('PATCH', '/api/settings', {
      auth,
      body: { values },
      headers: { 'if-match': `"${version}"`, ...headers },
    });

  const revisionCount = async (tenantId: string): Promise<number> => {
    const rows = (await t.app
      .get(MikroORM)
      .em.getConnection()
      .execute('select count(*) as n from settings_revision where tenant_id = ?', [tenantId])) as {
      n: number | string;
    }[];
    return Number(rows[0]?.n);
  };

  describe('reading', () => {
    it('gives a new tenant version 0, the defaults and an ETag', async () => {
      const { admin } = await tenantWith();
      const reply = await call('GET', '/api/settings', { auth: admin });
      expect(reply.status).toBe(200);
      expect(reply.headers.get('etag')).toMatch(/^"0-[\w-]{16}"$/);
      expect(reply.body).toMatchObject({ version: 0, tenant: {}, packages: {}, entitlements: [] });
      expect(reply.body['effective']).toEqual(defaultValues());
      expect(Object.values(reply.body['provenance'] as object)).toEqual(
        Object.keys(defaultValues()).map(() => 'default'),
      );
    });

    it('serves the schema with UI hints and the entitlement state per setting', async () => {
      const { admin } = await tenantWith({ entitlements: ['av'] });
      const reply = await call('GET', '/api/settings/schema', { auth: admin });
      expect(reply.status).toBe(200);
      const settings = reply.body['settings'] as Json[];
      expect(settings.find((s) => s['key'] === 'chat.avRecording')).toMatchObject({
        scope: 'package',
        entitlement: 'av',
        entitled: true,
      });
      expect(settings.find((s) => s['key'] === 'phone.callerIdSelection')).toMatchObject({
        entitlement: 'phone.callerIdSelection',
        entitled: false,
      });
      expect(reply.body['jsonSchema']).toMatchObject({
        type: 'object',
        additionalProperties: false,
      });
      expect(settings.every((s) => typeof s['ui'] === 'object' && s['labelKey'] !== '')).toBe(true);
    });
  });

  describe('writing', () => {
    it('needs If-Match: 428 without it, nothing written', async () => {
      const { admin, tenant } = await tenantWith();
      const reply = await call('PATCH', '/api/settings', {
        auth: admin,
        body: { values: { 'email.queueOrder': 'oldest' } },
      });
      expect(reply.status).toBe(428);
      expect(reply.body['code']).toBe('precondition_required');
      expect(await revisionCount(tenant.tenantId)).toBe(0);
    });

    it('stores tenant values and shows effective values with provenance per level', async () => {
      const { admin } = await tenantWith();
      const written = await patch(admin, 0, {
        'email.queueOrder': 'oldest',
        'chat.statusWhenAllAway': 'offline',
        'chat.clientFileSending': { enabled: true, allowedExtensions: [' .PDF', 'png'] },
      });
      expect(written.status).toBe(200);
      const etag = written.headers.get('etag') ?? '';
      expect(etag).toMatch(/^"1-[\w-]{16}"$/);
      expect(written.body).toMatchObject({ version: 1, changed: true });

      const read = await call('GET', '/api/settings', { auth: admin });
      expect(read.headers.get('etag')).toBe(etag);
      // The ETag as read is what the next write sends back as If-Match.
      const next = await call('PATCH', '/api/settings', {
        auth: admin,
        body: { values: { 'email.queueOrder': 'oldest' } },
        headers: { 'if-match': etag },
      });
      expect(next.status).toBe(200);
      // The normalised value is what gets stored.
      expect(read.body['tenant']).toEqual({
        'email.queueOrder': 'oldest',
        'chat.statusWhenAllAway': 'offline',
        'chat.clientFileSending': { enabled: true, allowedExtensions: ['pdf', 'png'] },
      });
      expect(read.body['effective']['email.queueOrder']).toBe('oldest');
      expect(read.body['provenance']['email.queueOrder']).toBe('tenant');
      expect(read.body['provenance']['chat.clientHistory']).toBe('default');

      const override = await call('PUT', '/api/settings/packages/web-1/chat.statusWhenAllAway', {
        auth: admin,
        body: { value: 'busy' },
        headers: { 'if-match': '"1"' },
      });
      expect(override.status).toBe(200);
      expect(override.body['packages']).toEqual({ 'web-1': { 'chat.statusWhenAllAway': 'busy' } });

      const web1 = await call('GET', '/api/settings/packages/web-1', { auth: admin });
      expect(web1.status).toBe(200);
      expect(web1.body['values']['chat.statusWhenAllAway']).toBe('busy');
      expect(web1.body['provenance']).toMatchObject({
        'chat.statusWhenAllAway': 'package',
        'email.queueOrder': 'tenant',
        'chat.clientHistory': 'default',
      });
      const other = await call('GET', '/api/settings/packages/web-2', { auth: admin });
      expect(other.body['values']['chat.statusWhenAllAway']).toBe('offline');
      expect(other.body['provenance']['chat.statusWhenAllAway']).toBe('tenant');

      const cleared = await call('DELETE', '/api/settings/packages/web-1/chat.statusWhenAllAway', {
        auth: admin,
        headers: { 'if-match': '"2"' },
      });
      expect(cleared.status).toBe(200);
      expect(cleared.body).toMatchObject({ version: 3, packages: {} });
      const after = await call('GET', '/api/settings/packages/web-1', { auth: admin });
      expect(after.body['values']['chat.statusWhenAllAway']).toBe('offline');
      expect(after.body['provenance']['chat.statusWhenAllAway']).toBe('tenant');
    });

    it('clears a tenant value with null and creates no revision for a write that changes nothing', async () => {
      const { admin, tenant } = await tenantWith();
      await patch(admin, 0, { 'email.queueOrder': 'oldest' });
      const same = await patch(admin, 1, { 'email.queueOrder': 'oldest' });
      expect(same.status).toBe(200);
      expect(same.body).toMatchObject({ version: 1, changed: false, changes: [] });
      expect(await revisionCount(tenant.tenantId)).toBe(1);

      const cleared = await patch(admin, 1, { 'email.queueOrder': null });
      expect(cleared.body).toMatchObject({ version: 2, tenant: {} });
      expect(cleared.body['provenance']['email.queueOrder']).toBe('default');
      expect(cleared.body['changes']).toEqual([
        { scope: 'tenant', key: 'email.queueOrder', before: 'oldest', after: null },
      ]);
    });

    it('refuses a package override of a tenant-scoped setting with 422 not_package_scoped', async () => {
      const { admin } = await tenantWith();
      const reply = await call('PUT', '/api/settings/packages/web-1/email.queueOrder', {
        auth: admin,
        body: { value: 'oldest' },
        headers: { 'if-match': '"0"' },
      });
      expect(reply.status).toBe(422);
      expect(reply.body['code']).toBe('not_package_scoped');
    });

    it('answers an unknown setting key alike in PATCH, PUT and DELETE: 422 unknown_setting', async () => {
      const { admin, tenant } = await tenantWith();
      const patched = await patch(admin, 0, { 'chat.nothing': true });
      expect(patched.status).toBe(422);
      expect(patched.body).toMatchObject({
        code: 'validation_failed',
        errors: [{ path: 'values.chat.nothing', code: 'unknown_setting' }],
      });
      const put = await call('PUT', '/api/settings/packages/web-1/chat.nothing', {
        auth: admin,
        body: { value: true },
        headers: { 'if-match': '"0"' },
      });
      const deleted = await call('DELETE', '/api/settings/packages/web-1/chat.nothing', {
        auth: admin,
        headers: { 'if-match': '"0"' },
      });
      for (const reply of [put, deleted]) {
        expect(reply.status).toBe(422);
        expect(reply.body).toMatchObject({
          code: 'validation_failed',
          errors: [{ path: 'key', code: 'unknown_setting', message: expect.any(String) }],
        });
      }
      expect(await revisionCount(tenant.tenantId)).toBe(0);
    });

    it('refuses a licence-gated setting with 403 feature_not_entitled, and accepts it with the licence', async () => {
      const callerId = {
        enabled: true,
        allowedNumbers: ['+420601123456', '+420601654321'],
        defaultNumber: '+420601123456',
      };
      const without = await tenantWith();
      const refused = await patch(without.admin, 0, { 'phone.callerIdSelection': callerId });
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({
        code: 'feature_not_entitled',
        errors: [{ path: 'values.phone.callerIdSelection', code: 'feature_not_entitled' }],
        details: { path: 'values.phone.callerIdSelection', entitlement: 'phone.callerIdSelection' },
      });
      expect(await revisionCount(without.tenant.tenantId)).toBe(0);

      const entitled = await tenantWith({ entitlements: ['phone.callerIdSelection'] });
      const accepted = await patch(entitled.admin, 0, { 'phone.callerIdSelection': callerId });
      expect(accepted.status).toBe(200);
      expect(accepted.body['effective']['phone.callerIdSelection']).toEqual(callerId);

      const avRefused = await call('PUT', '/api/settings/packages/web-1/chat.avRecording', {
        auth: without.admin,
        body: { value: true },
        headers: { 'if-match': '"0"' },
      });
      expect(avRefused.status).toBe(403);
      expect(avRefused.body['errors']).toEqual([
        expect.objectContaining({ path: 'value', code: 'feature_not_entitled' }),
      ]);
    });

    it('answers invalid values with 422, field paths and messages in Czech or English', async () => {
      const { admin, tenant } = await tenantWith();
      const values = {
        'chat.transcriptReplyTo': { mode: 'company' },
        'chat.callbackNumberBlock': -5,
      };
      const czech = await patch(admin, 0, values, { 'accept-language': 'cs' });
      expect(czech.status).toBe(422);
      expect(czech.headers.get('content-language')).toBe('cs');
      expect(czech.body['code']).toBe('validation_failed');
      expect(czech.body['errors']).toEqual([
        {
          path: 'values.chat.transcriptReplyTo.companyAddress',
          code: 'company_address_required',
          message: 'Zadejte e-mail společnosti, na který mají odpovědi směřovat.',
        },
        {
          path: 'values.chat.callbackNumberBlock',
          code: 'too_small',
          message: expect.any(String),
        },
      ]);
      const english = await patch(admin, 0, values, { 'accept-language': 'en-US' });
      expect(english.body['errors'][0]).toEqual({
        path: 'values.chat.transcriptReplyTo.companyAddress',
        code: 'company_address_required',
        message: translate('en', 'settings.errors.company_address_required'),
      });
      expect(english.body['errors'][0]['message']).toBe(
        'Enter the company e-mail address the replies should go to.',
      );
      // Without Accept-Language the principal's own locale (from the host's token) decides.
      const czechUser = (await panelSession(t, tenant, ['admin'], { locale: 'cs' })).authorization;
      const implicit = await patch(czechUser, 0, values);
      expect(implicit.headers.get('content-language')).toBe('cs');
      expect(implicit.body['errors'][0]['message']).toBe(
        'Zadejte e-mail společnosti, na který mají odpovědi směřovat.',
      );
      const unknownKey = await patch(admin, 0, { 'chat.noSuchSetting': true });
      expect(unknownKey.body['errors']).toEqual([
        expect.objectContaining({ path: 'values.chat.noSuchSetting', code: 'unknown_setting' }),
      ]);
      expect(await revisionCount(tenant.tenantId)).toBe(0);
    });
  });

  describe('optimistic concurrency', () => {
    it('answers a stale version with 409, the current version and what changed since', async () => {
      const { admin } = await tenantWith();
      await patch(admin, 0, { 'email.queueOrder': 'oldest' });
      const stale = await patch(admin, 0, { 'chat.clientHistory': true });
      expect(stale.status).toBe(409);
      expect(stale.body).toMatchObject({
        code: 'version_conflict',
        details: {
          currentVersion: 1,
          changesSince: [
            { scope: 'tenant', key: 'email.queueOrder', before: null, after: 'oldest' },
          ],
        },
      });
    });

    // From version 0 the writers race on the first INSERT; later on the conditional UPDATE.
    it.each([
      [2, 1],
      [10, 1],
      [10, 0],
    ])(
      'lets exactly one of %i parallel writers at version %i win, losing no revision',
      async (writers, start) => {
        const { admin, tenant } = await tenantWith();
        if (start === 1) await patch(admin, 0, { 'email.queueOrder': 'oldest' });
        const replies = await Promise.all(
          Array.from({ length: writers }, (_, index) =>
            patch(admin, start, { 'chat.callbackNumberBlock': 60 * (index + 1) }),
          ),
        );
        const statuses = replies.map((reply) => reply.status).sort();
        expect(statuses).toEqual([200, ...Array.from({ length: writers - 1 }, () => 409)]);
        const winner = replies.find((reply) => reply.status === 200);
        expect(winner?.body['version']).toBe(start + 1);
        for (const loser of replies.filter((reply) => reply.status === 409)) {
          expect(loser.body['details']['currentVersion']).toBe(start + 1);
        }

        const read = await call('GET', '/api/settings', { auth: admin });
        expect(read.body['version']).toBe(start + 1);
        expect(read.body['tenant']['chat.callbackNumberBlock']).toBe(
          winner?.body['tenant']['chat.callbackNumberBlock'],
        );
        expect(await revisionCount(tenant.tenantId)).toBe(start + 1);
        const list = await call('GET', '/api/settings/revisions', { auth: admin });
        expect((list.body as unknown as Json[]).map((r): unknown => r['number'])).toEqual(
          start === 1 ? [2, 1] : [1],
        );
      },
    );
  });

  describe('revisions', () => {
    it('lists newest first with Content-Range, shows one revision and diffs two', async () => {
      const { admin } = await tenantWith();
      await patch(admin, 0, { 'email.queueOrder': 'oldest' });
      await patch(admin, 1, { 'chat.clientHistory': true });
      await patch(admin, 2, { 'email.queueOrder': null, 'chat.deleteFilesAfterSession': true });

      const list = await call('GET', '/api/settings/revisions?range=[0,1]', { auth: admin });
      expect(list.status).toBe(200);
      expect(list.headers.get('content-range')).toBe('revisions 0-1/3');
      const rows = list.body as unknown as Json[];
      expect(rows.map((row): unknown[] => [row['id'], row['kind']])).toEqual([
        [3, 'update'],
        [2, 'update'],
      ]);
      expect(rows[0]?.['actorId']).toEqual(expect.any(String));
      const oldestFirst = await call('GET', '/api/settings/revisions?sort=["number","ASC"]', {
        auth: admin,
      });
      expect((oldestFirst.body as unknown as Json[]).map((row): unknown => row['number'])).toEqual([
        1, 2, 3,
      ]);

      const one = await call('GET', '/api/settings/revisions/2', { auth: admin });
      expect(one.body).toMatchObject({
        number: 2,
        kind: 'update',
        document: {
          tenant: { 'email.queueOrder': 'oldest', 'chat.clientHistory': true },
          packages: {},
        },
      });

      const diff = await call('GET', '/api/settings/revisions/3/diff', { auth: admin });
      expect(diff.body).toEqual({
        number: 3,
        against: 2,
        changes: [
          { scope: 'tenant', key: 'chat.deleteFilesAfterSession', before: null, after: true },
          { scope: 'tenant', key: 'email.queueOrder', before: 'oldest', after: null },
        ],
      });
      const fromStart = await call('GET', '/api/settings/revisions/3/diff?against=0', {
        auth: admin,
      });
      // Changes come in the settings registry's order.
      expect((fromStart.body['changes'] as Json[]).map((c): unknown => c['key'])).toEqual([
        'chat.deleteFilesAfterSession',
        'chat.clientHistory',
      ]);
      const missing = await call('GET', '/api/settings/revisions/99', { auth: admin });
      expect(missing.status).toBe(404);
    });

    it('rolls back to the exact earlier effective settings as a new revision', async () => {
      const { admin } = await tenantWith();
      await patch(admin, 0, {
        'email.queueOrder': 'oldest',
        'chat.transcriptReplyTo': { mode: 'company', companyAddress: 'help@example.com' },
      });
      await call('PUT', '/api/settings/packages/web-1/chat.clientDisconnectGrace', {
        auth: admin,
        body: { value: 300 },
        headers: { 'if-match': '"1"' },
      });
      const snapshot = async () => ({
        tenant: (await call('GET', '/api/settings', { auth: admin })).body['effective'],
        web1: (await call('GET', '/api/settings/packages/web-1', { auth: admin })).body['values'],
      });
      const atTwo = await snapshot();

      await patch(admin, 2, { 'email.queueOrder': null, 'chat.clientHistory': true });
      await call('PUT', '/api/settings/packages/web-1/chat.clientDisconnectGrace', {
        auth: admin,
        body: { value: 10 },
        headers: { 'if-match': '"3"' },
      });
      expect(await snapshot()).not.toEqual(atTwo);

      const stale = await call('POST', '/api/settings/revisions/2/rollback', {
        auth: admin,
        headers: { 'if-match': '"2"' },
      });
      expect(stale.status).toBe(409);
      const rolledBack = await call('POST', '/api/settings/revisions/2/rollback', {
        auth: admin,
        headers: { 'if-match': '"4"' },
      });
      expect(rolledBack.status).toBe(200);
      expect(rolledBack.body['version']).toBe(5);
      expect(await snapshot()).toEqual(atTwo);
      const revision = await call('GET', '/api/settings/revisions/5', { auth: admin });
      expect(revision.body).toMatchObject({ kind: 'rollback', rolledBackTo: 2 });
      const two = await call('GET', '/api/settings/revisions/2', { auth: admin });
      expect(revision.body['document']).toEqual(two.body['document']);
    });

    it('rolls back to revision 0: the all-defaults state every tenant starts from', async () => {
      const { admin } = await tenantWith();
      await patch(admin, 0, { 'email.queueOrder': 'oldest', 'chat.clientHistory': true });
      await call('PUT', '/api/settings/packages/web-1/chat.clientDisconnectGrace', {
        auth: admin,
        body: { value: 300 },
        headers: { 'if-match': '"1"' },
      });
      const rolledBack = await call('POST', '/api/settings/revisions/0/rollback', {
        auth: admin,
        headers: { 'if-match': '"2"' },
      });
      expect(rolledBack.status).toBe(200);
      expect(rolledBack.body).toMatchObject({ version: 3, tenant: {}, packages: {} });
      expect(rolledBack.body['effective']).toEqual(defaultValues());
      const web1 = await call('GET', '/api/settings/packages/web-1', { auth: admin });
      expect(web1.body['values']).toEqual(defaultValues());
      const revision = await call('GET', '/api/settings/revisions/3', { auth: admin });
      expect(revision.body).toMatchObject({
        kind: 'rollback',
        rolledBackTo: 0,
        document: { tenant: {}, packages: {} },
      });
    });

    it('names the path parameter a refused revision number came in', async () => {
      const { admin } = await tenantWith();
      for (const [method, path, headers] of [
        ['GET', '/api/settings/revisions/abc', {}],
        ['GET', '/api/settings/revisions/0/diff', {}],
        ['POST', '/api/settings/revisions/-1/rollback', { 'if-match': '"0"' }],
      ] as const) {
        const reply = await call(method, path, { auth: admin, headers });
        expect([path, reply.status]).toEqual([path, 422]);
        expect(reply.body).toMatchObject({
          code: 'validation_failed',
          errors: [{ path: 'number' }],
        });
      }
    });

    it('refuses to roll back to a value the tenant is no longer entitled to, naming the setting', async () => {
      const tenant = await installTenant(t, { entitlements: ['av'] });
      const admin = (await panelSession(t, tenant, ['admin'])).authorization;
      await patch(admin, 0, { 'chat.avRecording': true });
      await patch(admin, 1, { 'chat.avRecording': null });
      // The host reinstalls the tenant without the AV licence.
      await installTenant(t, { tenantId: tenant.tenantId, entitlements: [], ...tenant.secrets });
      const admin2 = (await panelSession(t, tenant, ['admin'])).authorization;
      const refused = await call('POST', '/api/settings/revisions/1/rollback', {
        auth: admin2,
        headers: { 'if-match': '"2"' },
      });
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({
        code: 'feature_not_entitled',
        errors: [{ path: 'tenant.chat.avRecording', code: 'feature_not_entitled' }],
      });
      expect((await call('GET', '/api/settings', { auth: admin2 })).body['version']).toBe(2);
    });
  });

  describe('export and import', () => {
    it('reproduces the effective settings on a fresh tenant; a dry run writes nothing', async () => {
      const source = await tenantWith({ entitlements: ['av'] });
      const setup = await patch(source.admin, 0, {
        'general.waitingClientPreview': { enabled: true, fields: ['os', 'language'] },
        'chat.offlineCallback': {
          enabled: true,
          timeZone: 'Europe/Prague',
          weeklyHours: {
            mon: [
              { start: '08:00', end: '12:00' },
              { start: '13:00', end: '17:00' },
            ],
            tue: [{ start: '08:00', end: '16:00' }],
            wed: [],
            thu: [],
            fri: [{ start: '10:00', end: '24:00' }],
            sat: [],
            sun: [],
          },
          exceptions: [],
        },
        'email.queueOrder': 'oldest',
      });
      expect(setup.body['errors']).toBeUndefined();
      await call('PUT', '/api/settings/packages/web-1/chat.avRecording', {
        auth: source.admin,
        body: { value: true },
        headers: { 'if-match': '"1"' },
      });
      await call('PUT', '/api/settings/packages/web-2/chat.statusWhenAllAway', {
        auth: source.admin,
        body: { value: 'offline' },
        headers: { 'if-match': '"2"' },
      });

      const exported = await call('GET', '/api/settings/export', { auth: source.admin });
      expect(exported.status).toBe(200);
      expect(exported.headers.get('content-disposition')).toMatch(
        /^attachment; filename=".+\.json"$/,
      );
      expect(exported.body).toMatchObject({
        format: 'switchboard.settings',
        formatVersion: 1,
        tenantId: source.tenant.tenantId,
        version: 3,
        exportedAt: expect.any(String),
      });

      const target = await tenantWith({ entitlements: ['av'] });
      const dryRun = await call('POST', '/api/settings/import?dryRun=true', {
        auth: target.admin,
        body: exported.body,
      });
      expect(dryRun.status).toBe(200);
      expect(dryRun.body).toMatchObject({ valid: true, errors: [] });
      expect(
        (dryRun.body['changes'] as Json[]).map((c): unknown[] => [
          c['packageId'] ?? null,
          c['key'],
        ]),
      ).toEqual([
        [null, 'general.waitingClientPreview'],
        [null, 'chat.offlineCallback'],
        [null, 'email.queueOrder'],
        ['web-1', 'chat.avRecording'],
        ['web-2', 'chat.statusWhenAllAway'],
      ]);
      expect((await call('GET', '/api/settings', { auth: target.admin })).body['version']).toBe(0);
      expect(await revisionCount(target.tenant.tenantId)).toBe(0);

      const imported = await call('POST', '/api/settings/import', {
        auth: target.admin,
        body: exported.body,
        headers: { 'if-match': '"0"' },
      });
      expect(imported.status).toBe(200);
      expect(imported.body['version']).toBe(1);
      const revision = await call('GET', '/api/settings/revisions/1', { auth: target.admin });
      expect(revision.body['kind']).toBe('import');

      const sourceView = await call('GET', '/api/settings', { auth: source.admin });
      const targetView = await call('GET', '/api/settings', { auth: target.admin });
      expect(targetView.body['effective']).toEqual(sourceView.body['effective']);
      expect(targetView.body['provenance']).toEqual(sourceView.body['provenance']);
      for (const packageId of ['web-1', 'web-2']) {
        const [a, b] = await Promise.all([
          call('GET', `/api/settings/packages/${packageId}`, { auth: source.admin }),
          call('GET', `/api/settings/packages/${packageId}`, { auth: target.admin }),
        ]);
        expect(b.body['values']).toEqual(a.body['values']);
        expect(b.body['provenance']).toEqual(a.body['provenance']);
      }
    });

    it('validates the document whole, reporting paths from its root', async () => {
      const { admin, tenant } = await tenantWith();
      const document = {
        format: 'switchboard.settings',
        formatVersion: 1,
        settings: {
          tenant: { 'chat.transcriptReplyTo': { mode: 'company' } },
          packages: {
            'web-1': {
              'chat.noSuchThing': true,
              'email.queueOrder': 'oldest',
              'chat.avRecording': true,
            },
          },
        },
      };
      const dryRun = await call('POST', '/api/settings/import?dryRun=true', {
        auth: admin,
        body: document,
        headers: { 'accept-language': 'cs' },
      });
      expect(dryRun.status).toBe(200);
      expect(dryRun.body['valid']).toBe(false);
      expect(dryRun.body['changes']).toEqual([]);
      expect(dryRun.body['errors']).toEqual(
        expect.arrayContaining([
          {
            path: 'settings.tenant.chat.transcriptReplyTo.companyAddress',
            code: 'company_address_required',
            message: 'Zadejte e-mail společnosti, na který mají odpovědi směřovat.',
          },
          expect.objectContaining({
            path: 'settings.packages.web-1.chat.noSuchThing',
            code: 'unknown_setting',
          }),
          expect.objectContaining({
            path: 'settings.packages.web-1.email.queueOrder',
            code: 'not_package_scoped',
          }),
          expect.objectContaining({
            path: 'settings.packages.web-1.chat.avRecording',
            code: 'feature_not_entitled',
          }),
        ]),
      );

      const envelope = await call('POST', '/api/settings/import?dryRun=true', {
        auth: admin,
        body: { ...document, format: 'other', extra: 1 },
      });
      expect(envelope.body['valid']).toBe(false);
      expect(
        (envelope.body['errors'] as Json[]).map((e): unknown[] => [e['path'], e['code']]),
      ).toEqual(
        expect.arrayContaining([
          ['format', 'invalid_value'],
          ['extra', 'unknown_field'],
        ]),
      );

      const applied = await call('POST', '/api/settings/import', {
        auth: admin,
        body: { ...document, settings: { ...document.settings, packages: {} } },
        headers: { 'if-match': '"0"' },
      });
      expect(applied.status).toBe(422);
      expect(applied.body['errors']).toEqual([
        expect.objectContaining({ path: 'settings.tenant.chat.transcriptReplyTo.companyAddress' }),
      ]);
      const withoutIfMatch = await call('POST', '/api/settings/import', {
        auth: admin,
        body: document,
      });
      expect(withoutIfMatch.status).toBe(428);
      expect(await revisionCount(tenant.tenantId)).toBe(0);
    });
  });

  describe('roles', () => {
    it('lets only admins write; supervisors and viewers read; operators and the host do neither here', async () => {
      const { tenant, as } = await tenantWith();
      for (const role of ['viewer', 'supervisor', 'operator', 'host'] as const) {
        const auth = await as([role]);
        const write = await patch(auth, 0, { 'email.queueOrder': 'oldest' });
        expect([role, write.status, write.body['code']]).toEqual([role, 403, 'forbidden_role']);
        const rollback = await call('POST', '/api/settings/revisions/1/rollback', {
          auth,
          headers: { 'if-match': '"0"' },
        });
        expect([role, rollback.status]).toEqual([role, 403]);
        const read = await call('GET', '/api/settings', { auth });
        expect([role, read.status]).toEqual([
          role,
          role === 'viewer' || role === 'supervisor' ? 200 : 403,
        ]);
      }
      expect(await revisionCount(tenant.tenantId)).toBe(0);
    });
  });

  describe('audit', () => {
    it('records each accepted write with before/after of the changed keys only', async () => {
      const { admin, tenant } = await tenantWith();
      await patch(admin, 0, { 'email.queueOrder': 'oldest', 'chat.clientHistory': true });
      await call('PUT', '/api/settings/packages/web-1/chat.clientHistory', {
        auth: admin,
        body: { value: false },
        headers: { 'if-match': '"1"' },
      });
      await call('DELETE', '/api/settings/packages/web-1/chat.clientHistory', {
        auth: admin,
        headers: { 'if-match': '"2"' },
      });
      await patch(admin, 0, { 'email.queueOrder': 'newest' }); // stale: refused, not audited
      const rows = (await t.app
        .get(MikroORM)
        .em.getConnection()
        .execute(
          "select action, before, after from audit_entry where tenant_id = ? and action like 'settings.%' order by id",
          [tenant.tenantId],
        )) as { action: string; before: unknown; after: unknown }[];
      const parse = (value: unknown): unknown =>
        typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
      expect(
        rows.map((row): unknown[] => [row.action, parse(row.before), parse(row.after)]),
      ).toEqual([
        [
          'settings.updated',
          { 'email.queueOrder': null, 'chat.clientHistory': null },
          { 'email.queueOrder': 'oldest', 'chat.clientHistory': true },
        ],
        [
          'settings.package_override_set',
          { 'packages.web-1.chat.clientHistory': null },
          { 'packages.web-1.chat.clientHistory': false },
        ],
        [
          'settings.package_override_cleared',
          { 'packages.web-1.chat.clientHistory': false },
          { 'packages.web-1.chat.clientHistory': null },
        ],
      ]);
    });
  });
});

import { MikroORM, ReferenceKind } from '@mikro-orm/core';
import { Tenant } from '../src/installation/tenant.entity.js';
import { deliver, eventually, sessionCreated, sql } from './support/host-deliveries.js';
import {
  authorizationFor,
  hostToken,
  installTenant,
  type InstalledTenant,
  panelSession,
  platformPost,
} from './support/tenants.js';
import { startTestApp, type TestApp } from './support/test-app.js';

interface TenantTable {
  table: string;
  column: string;
}

describe('uninstall removes every row of the tenant, in every table', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t?.close();
  });

  /** Every table holding tenant rows, found from the entity metadata (new entities included). */
  function tenantTables(): TenantTable[] {
    const tables: TenantTable[] = [];
    for (const meta of Object.values(t.app.get(MikroORM).getMetadata().getAll())) {
      if (meta.class === Tenant) {
        tables.push({ table: meta.tableName, column: 'id' });
        continue;
      }
      const byRelation = meta.props.find(
        (prop) => prop.kind === ReferenceKind.MANY_TO_ONE && prop.type === Tenant.name,
      );
      const byColumn = meta.props.find((prop) => prop.name === 'tenantId');
      const column = (byRelation ?? byColumn)?.fieldNames[0];
      if (column !== undefined) tables.push({ table: meta.tableName, column });
    }
    return tables;
  }

  async function counts(tenantId: string): Promise<Record<string, number>> {
    const connection = t.app.get(MikroORM).em.getConnection();
    const result: Record<string, number> = {};
    for (const { table, column } of tenantTables()) {
      const rows = (await connection.execute(
        `select count(*) as n from ${table} where ${column} = ?`,
        [tenantId],
      )) as { n: number | string }[];
      result[table] = Number(rows[0]?.n);
    }
    return result;
  }

  /** Gives the tenant rows in as many tables as the API can reach. */
  async function useTenant(tenant: InstalledTenant): Promise<void> {
    const { authorization } = await panelSession(t, tenant, ['admin']);
    const operator = await authorizationFor(t, tenant, ['operator']);
    // A refused attempt is audited; a settings write stores values and a revision.
    await fetch(`${t.baseUrl}/api/audit`, { headers: { authorization: operator } });
    const write = await fetch(`${t.baseUrl}/api/settings`, {
      method: 'PATCH',
      headers: { authorization, 'content-type': 'application/json', 'if-match': '"0"' },
      body: JSON.stringify({ values: { 'email.queueOrder': 'oldest' } }),
    });
    expect(write.status).toBe(200);
    // A webhook delivery fills the inbox; the install started a webhook registration.
    const delivery = await deliver(t, tenant.tenantId, sessionCreated(1), {
      secret: tenant.secrets.webhookSecret,
    });
    expect(delivery.status).toBe(202);
    await eventually(
      async () =>
        (
          await sql(t, 'select id from host_webhook_registration where tenant_id = ?', [
            tenant.tenantId,
          ])
        ).length > 0
          ? true
          : undefined,
      10_000,
      'the webhook registration row',
    );
  }

  it('finds the tenant tables, fills each for both tenants, and empties them only for the uninstalled one', async () => {
    const tables = tenantTables().map((entry) => entry.table);
    expect(tables).toEqual(
      expect.arrayContaining([
        'tenant',
        'tenant_secret',
        'panel_session',
        'used_token',
        'audit_entry',
      ]),
    );
    const doomed = await installTenant(t);
    const kept = await installTenant(t);
    await useTenant(doomed);
    await useTenant(kept);

    const before = await counts(doomed.tenantId);
    // Every tenant table has rows, so the check below proves something for each of them.
    expect(Object.entries(before).filter(([, n]) => n === 0)).toEqual([]);
    const keptBefore = await counts(kept.tenantId);

    const response = await platformPost(t, '/uninstall', { tenantId: doomed.tenantId });
    expect(response.status).toBe(204);

    const after = await counts(doomed.tenantId);
    expect(Object.entries(after).filter(([, n]) => n !== 0)).toEqual([]);
    expect(await counts(kept.tenantId)).toEqual(keptBefore);

    // Its credentials went with it: the host's tokens for it open nothing any more.
    const token = await hostToken(doomed.secrets.panelTokenSecret, {
      tenantId: doomed.tenantId,
      roles: ['admin'],
    });
    const refused = await fetch(`${t.baseUrl}/api/auth/me`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(await refused.json()).toMatchObject({
      code: 'invalid_token',
      // An unknown tenant answers like a bad signature (which tenants exist is not told).
      details: { reason: 'signature' },
    });
    const other = await fetch(`${t.baseUrl}/api/auth/me`, {
      headers: { authorization: (await panelSession(t, kept, ['viewer'])).authorization },
    });
    expect(other.status).toBe(200);
  });
});

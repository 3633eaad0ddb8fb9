import { randomBytes } from 'node:crypto';
import { type EntityMetadata, type EntityProperty, MikroORM, ReferenceKind } from '@mikro-orm/core';
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
  meta: EntityMetadata;
}

/** Values for the required scalar columns of an entity (no relations). */
function scalarFiller(meta: EntityMetadata): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const prop of meta.props) {
    if (prop.kind !== ReferenceKind.SCALAR || prop.persist === false) continue;
    if (prop.primary && (prop.autoincrement === true || prop.type === 'uuid')) continue;
    const hasDefault = prop.default !== undefined || prop.defaultRaw !== undefined;
    if (prop.nullable === true || (hasDefault && !prop.primary)) continue;
    data[prop.name] = fillerValue(prop);
  }
  return data;
}

/** A value of the property's type for a filler row: unique text, the first enum item, now. */
function fillerValue(prop: EntityProperty): unknown {
  if (prop.enum === true && Array.isArray(prop.items) && prop.items.length > 0)
    return prop.items[0];
  const column = (prop.columnTypes?.[0] ?? String(prop.type)).toLowerCase();
  // Ids kept as strings in integer columns (bigint).
  if (column.includes('int')) return String(Math.floor(Math.random() * 1e9) + 1);
  switch (prop.runtimeType) {
    case 'number':
      return 1;
    case 'boolean':
      return false;
    case 'Date':
      return new Date();
    case 'object':
    case 'any':
      return {};
    default:
      // Unique enough for any unique index, cut to the column's length.
      return `f${randomBytes(8).toString('hex')}`.slice(0, prop.length ?? 17);
  }
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
        tables.push({ table: meta.tableName, column: 'id', meta });
        continue;
      }
      const byRelation = meta.props.find(
        (prop) => prop.kind === ReferenceKind.MANY_TO_ONE && prop.type === Tenant.name,
      );
      const byColumn = meta.props.find((prop) => prop.name === 'tenantId');
      const column = (byRelation ?? byColumn)?.fieldNames[0];
      if (column !== undefined) tables.push({ table: meta.tableName, column, meta });
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

  /**
   * Tables the API calls above did not reach (capability tables fill from host traffic and jobs)
   * get one row written through the ORM, each required column given a value of its type and
   * each required reference pointed at a row of the same tenant, so that every tenant table is
   * covered by the check below, new ones included.
   */
  async function fillRemaining(tenantId: string): Promise<void> {
    const orm = t.app.get(MikroORM);
    const remaining = tenantTables().filter((entry) => entry.meta.class !== Tenant);
    // Referenced entities first: a table waits until the rows it points at exist.
    for (let pass = 0; pass < 5 && remaining.length > 0; pass += 1) {
      for (const entry of [...remaining]) {
        const current = await counts(tenantId);
        if ((current[entry.table] ?? 0) > 0) {
          remaining.splice(remaining.indexOf(entry), 1);
          continue;
        }
        const em = orm.em.fork();
        const data: Record<string, unknown> = {};
        let blocked = false;
        for (const prop of entry.meta.props) {
          if (prop.persist === false || prop.formula !== undefined) continue;
          if (prop.kind === ReferenceKind.MANY_TO_ONE) {
            if (prop.type === Tenant.name) data[prop.name] = tenantId;
            else if (prop.nullable !== true) {
              const target = em.getMetadata().find(prop.type);
              const tenantProp = target?.props.find(
                (p) => p.kind === ReferenceKind.MANY_TO_ONE && p.type === Tenant.name,
              );
              const [found] =
                target === undefined
                  ? []
                  : await em.find(
                      target.class,
                      tenantProp === undefined ? {} : { [tenantProp.name]: tenantId },
                      { limit: 1 },
                    );
              if (found !== undefined) data[prop.name] = found;
              else if (target !== undefined && tenantProp === undefined) {
                // A shared record (e.g. a partner) the tenant points at: make one.
                const shared = em.create(target.class, scalarFiller(target) as never);
                await em.persistAndFlush(shared);
                data[prop.name] = shared;
              } else blocked = true;
            }
            continue;
          }
          if (prop.kind !== ReferenceKind.SCALAR) continue;
          if (prop.primary && (prop.autoincrement === true || prop.type === 'uuid')) continue;
          if (prop.name === 'tenantId') {
            data[prop.name] = tenantId;
            continue;
          }
          const hasDefault = prop.default !== undefined || prop.defaultRaw !== undefined;
          if (prop.nullable === true || (hasDefault && !prop.primary)) continue;
          data[prop.name] = fillerValue(prop);
        }
        if (blocked) continue;
        const entity = em.create(entry.meta.class, data as never);
        await em.persistAndFlush(entity);
        remaining.splice(remaining.indexOf(entry), 1);
      }
    }
    expect(remaining.map((entry) => entry.table)).toEqual([]);
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
    await fillRemaining(doomed.tenantId);
    await fillRemaining(kept.tenantId);

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

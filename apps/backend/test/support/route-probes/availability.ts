import { randomBytes } from 'node:crypto';
import { sql } from '../host-deliveries.js';
import type { ProbeContext, RouteProbe, RouteProbes } from './probe.js';

/** A's package and e-mail thread ids. */
const A_PACKAGE = 987_123;
const A_THREAD = '98712345678901';

const call =
  (method: string, path: string): RouteProbe['call'] =>
  (ctx) =>
    fetch(`${ctx.t.baseUrl}${path}`, { method, headers: { authorization: ctx.bAuthorization } });

const time = (ctx: ProbeContext, date: Date): Date | number =>
  ctx.t.env.DATABASE_URL === undefined ? date.getTime() : date;

/**
 * Seeds A with a package status (name, note, an absence reason carrying markers), a status change
 * and a queued e-mail thread, straight in the database: the probes only need them to exist.
 */
async function seedAvailability(ctx: ProbeContext): Promise<void> {
  const marker = `availabilitymarker${randomBytes(6).toString('hex')}`;
  const now = time(ctx, new Date());
  const tenant = ctx.a.tenantId;
  await sql(
    ctx.t,
    `insert into package_state (tenant_id, package_id, name, routed_count, available_count, away_count,
       when_all_away, status, reason, note, changed_at)
     values (?, ?, ?, 1, 0, 1, 'busy', 'busy', 'all_operators_away', ?, ?)`,
    [tenant, A_PACKAGE, `${marker}-package`, `${marker}-note`, now],
  );
  await sql(
    ctx.t,
    `insert into package_status_sync (tenant_id, mode, synced_at, last_error) values (?, 'extension', ?, ?)
     on conflict (tenant_id) do update set synced_at = excluded.synced_at, last_error = excluded.last_error`,
    [tenant, now, `${marker}-sync`],
  );
  await sql(
    ctx.t,
    'insert into package_route (tenant_id, package_id, user_id) values (?, ?, 4711)',
    [tenant, A_PACKAGE],
  );
  await sql(
    ctx.t,
    `insert into operator_presence (tenant_id, user_id, presence, absence_reason_name, updated_at)
     values (?, 4711, 'away', ?, ?)`,
    [tenant, `${marker}-reason`, now],
  );
  await sql(
    ctx.t,
    `insert into package_status_change (tenant_id, package_id, from_status, to_status, reason, note, "trigger", occurred_at)
     values (?, ?, 'online', 'busy', 'all_operators_away', ?, 'operator_status', ?)`,
    [tenant, A_PACKAGE, `${marker}-change`, now],
  );
  await sql(
    ctx.t,
    `insert into email_queue_thread (tenant_id, thread_id, state, received_at, claims, state_changed_at)
     values (?, ?, 'queued', ?, 0, ?)`,
    [tenant, A_THREAD, now, now],
  );
  // A's package id is echoed by a 404 for it (B sent it), so it is no marker; the thread id is.
  ctx.aMarkers.push(marker, A_THREAD);
}

async function aThreadStillQueued(ctx: ProbeContext): Promise<void> {
  const [row] = await sql(
    ctx.t,
    'select state, claims from email_queue_thread where tenant_id = ? and thread_id = ?',
    [ctx.a.tenantId, A_THREAD],
  );
  if (row?.['state'] !== 'queued' || Number(row['claims']) !== 0) {
    throw new Error(`A's thread was claimed: ${JSON.stringify(row)}`);
  }
}

async function aPackageUnchanged(ctx: ProbeContext): Promise<void> {
  const rows = await sql(
    ctx.t,
    'select status from package_state where tenant_id = ? and package_id = ?',
    [ctx.a.tenantId, A_PACKAGE],
  );
  if (rows[0]?.['status'] !== 'busy')
    throw new Error(`A's package changed: ${JSON.stringify(rows)}`);
}

/** Probes of package status (7), the e-mail queue (15) and caller IDs (5). */
export const availabilityRouteProbes: RouteProbes = {
  'GET /api/package-status': {
    reason: "lists the caller's tenant's packages only",
    seed: seedAvailability,
    call: call('GET', '/api/package-status'),
    expect: 'scoped',
  },
  'GET /api/package-status/changes': {
    reason: "lists the caller's tenant's status changes only",
    call: call('GET', `/api/package-status/changes`),
    expect: 'scoped',
  },
  'GET /api/package-status/sync': {
    reason: "the caller's tenant's sync state",
    call: call('GET', '/api/package-status/sync'),
    expect: 'scoped',
  },
  'POST /api/package-status/sync': {
    reason: "re-reads the caller's tenant from its own host",
    call: call('POST', '/api/package-status/sync'),
    expect: 'scoped',
    verifyUnchanged: aPackageUnchanged,
  },
  'GET /api/package-status/:packageId': {
    reason: "the package is looked up under the caller's tenant",
    call: call('GET', `/api/package-status/${A_PACKAGE}`),
    expect: 'denied',
  },
  'GET /api/email-queue': {
    reason: "lists the caller's tenant's queue only",
    call: call('GET', '/api/email-queue'),
    expect: 'scoped',
  },
  'POST /api/email-queue/next': {
    reason: "claims from the caller's tenant's queue only",
    call: call('POST', '/api/email-queue/next'),
    expect: 'scoped',
    verifyUnchanged: aThreadStillQueued,
  },
  'GET /api/caller-ids': {
    reason: "the caller's tenant's setting and host numbers",
    call: call('GET', '/api/caller-ids'),
    expect: 'scoped',
  },
  'GET /api/caller-ids/picker': {
    reason: "the caller's tenant's setting and host numbers",
    call: call('GET', '/api/caller-ids/picker'),
    expect: 'scoped',
  },
};

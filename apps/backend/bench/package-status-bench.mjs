// `pnpm bench` for setting 7 (issue 8): one operator status change → the package-status decision,
// through the BUILT service's own code (dist, in this process, PostgreSQL in a throwaway database),
// at 1,000 and 10,000 operators with 1,000 packages, next to two baselines measured in the same run:
//   - plain SQL, recounting every package of the tenant with one GROUP BY (what "not a scan" avoids);
//   - plain in-memory counters (a Map per package), the floor of any incremental design.
// Writes the `backend-package-status` section of BENCHMARKS.md.
//
//   node bench/package-status-bench.mjs [--pg-url=postgres://postgres@127.0.0.1:5432/postgres]
//                                       [--events=2000] [--operators=1000,10000]
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { machineLine, writeSection } from '../../../tooling/scripts/benchmarks-file.mjs';

const backendDir = join(import.meta.dirname, '..');
const dist = join(backendDir, 'dist');
if (!existsSync(join(dist, 'bootstrap.js'))) {
  throw new Error('dist/ is missing: run `pnpm build` in apps/backend first');
}
const { startApp } = await import(join(dist, 'bootstrap.js'));
const { loadEnv } = await import(join(dist, 'config', 'env.js'));
const { PackageStatusService } = await import(
  join(dist, 'package-status', 'package-status.service.js')
);
const { decidePackageStatus } = await import(
  join(dist, 'package-status', 'package-status-decision.js')
);

const args = Object.fromEntries(
  process.argv
    .slice(2)
    .map((arg) => /^--([^=]+)=(.*)$/.exec(arg))
    .filter((match) => match !== null)
    .map((match) => [match[1], match[2]]),
);
const pgServerUrl = args['pg-url'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const events = Number(args.events ?? 2000);
const warmup = Math.min(200, Math.floor(events / 10));
const operatorCounts = (args.operators ?? '1000,10000').split(',').map(Number);
const PACKAGES = 1000;
/** Each package routes to one of 200 groups (plus a few direct operators): ~5 packages per operator. */
const GROUPS = 200;
const PRESENCES = ['available', 'away', 'offline'];

/** A seeded pseudo-random generator, so every run replays the same events. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
function summary(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: quantile(sorted, 0.5), p99: quantile(sorted, 0.99), n: sorted.length };
}
const ms = (value) => (value < 1 ? value.toFixed(3) : value.toFixed(2));

async function adminQuery(sql) {
  const client = new pg.Client({ connectionString: pgServerUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** The tenant's topology: who routes where, and everyone's presence. */
function topology(operators, rand) {
  const groupOf = Array.from({ length: operators }, (_, i) => i % GROUPS);
  const packages = Array.from({ length: PACKAGES }, (_, p) => {
    const members = new Set();
    const group = p % GROUPS;
    for (let u = group; u < operators; u += GROUPS) members.add(u + 1);
    // A few operators routed directly.
    for (let k = 0; k < 2; k += 1) members.add(1 + Math.floor(rand() * operators));
    return { id: p + 1, members: [...members] };
  });
  const presence = Array.from({ length: operators }, () => PRESENCES[Math.floor(rand() * 3)]);
  return { groupOf, packages, presence };
}

async function insertRows(client, table, columns, rows) {
  const per = Math.floor(30000 / columns.length);
  for (let i = 0; i < rows.length; i += per) {
    const chunk = rows.slice(i, i + per);
    const values = chunk
      .map((_, r) => `(${columns.map((__, c) => `$${r * columns.length + c + 1}`).join(', ')})`)
      .join(', ');
    await client.query(
      `insert into ${table} (${columns.join(', ')}) values ${values}`,
      chunk.flat(),
    );
  }
}

/** Seeds one tenant with bulk inserts: presence, routes and package rows with correct counts. */
async function seedTenant(client, tenantId, topo) {
  const now = new Date();
  await client.query(
    `insert into tenant (id, name, host_api_base_url, entitlements, capabilities, installed_at, updated_at)
     values ($1, 'Bench', 'http://127.0.0.1:9/api/v1', '[]', '["packageStatus"]', $2, $2)`,
    [tenantId, now],
  );
  await client.query(
    `insert into package_status_sync (tenant_id, mode, synced_at) values ($1, 'extension', $2)`,
    [tenantId, now],
  );
  await insertRows(
    client,
    'operator_presence',
    ['tenant_id', 'user_id', 'presence', 'updated_at'],
    topo.presence.map((p, i) => [tenantId, i + 1, p, now]),
  );
  await insertRows(
    client,
    'package_route',
    ['tenant_id', 'package_id', 'user_id'],
    topo.packages.flatMap((p) => p.members.map((u) => [tenantId, p.id, u])),
  );
  await insertRows(
    client,
    'package_state',
    [
      'tenant_id',
      'package_id',
      'name',
      'routed_count',
      'available_count',
      'away_count',
      'when_all_away',
      'status',
      'reason',
      'changed_at',
    ],
    topo.packages.map((p) => {
      const counts = {
        routed: p.members.length,
        available: p.members.filter((u) => topo.presence[u - 1] === 'available').length,
        away: p.members.filter((u) => topo.presence[u - 1] === 'away').length,
      };
      const decision = decidePackageStatus(counts, 'busy');
      return [
        tenantId,
        p.id,
        `Package ${p.id}`,
        counts.routed,
        counts.available,
        counts.away,
        'busy',
        decision.status,
        decision.reason,
        now,
      ];
    }),
  );
  await client.query('analyze');
}

/** The events: a random operator moves to a random other presence. */
function eventStream(operators, seed) {
  const rand = random(seed);
  return Array.from({ length: events + warmup }, () => ({
    userId: 1 + Math.floor(rand() * operators),
    presence: PRESENCES[Math.floor(rand() * 3)],
  }));
}

/** Times each event; `run` answers whether the event changed a package's status. */
async function measure(list, run) {
  const samples = [];
  const changed = [];
  const unchanged = [];
  for (let i = 0; i < list.length; i += 1) {
    const started = performance.now();
    const moved = await run(list[i]);
    const elapsed = performance.now() - started;
    if (i < warmup) continue;
    samples.push(elapsed);
    (moved ? changed : unchanged).push(elapsed);
  }
  return { ...summary(samples), changed: summary(changed), unchanged: summary(unchanged) };
}

async function benchOperators(app, client, operators) {
  const service = app.get(PackageStatusService);
  const seed = 7 + operators;
  const tenants = {
    service: `bench-s-${randomBytes(3).toString('hex')}`,
    scan: `bench-q-${randomBytes(3).toString('hex')}`,
  };
  const topo = topology(operators, random(seed));
  for (const tenantId of Object.values(tenants)) await seedTenant(client, tenantId, topo);
  const stream = eventStream(operators, seed + 1);

  // Switchboard: the service's own transaction (lock, compare, shift counts, decide, record).
  let changes = 0;
  const serviceStats = await measure(stream, async (event) => {
    const decided = await service.applyPresence(tenants.service, {
      userId: event.userId,
      presence: event.presence,
      absenceReasonId: null,
      absenceReasonName: event.presence === 'away' ? 'Oběd' : null,
      changedAt: null,
    });
    changes += decided.length;
    return decided.length > 0;
  });

  // Baseline 1: plain SQL that recounts the whole tenant per event.
  const scanStats = await measure(stream, async (event) => {
    await client.query('begin');
    await client.query(
      'update operator_presence set presence = $3 where tenant_id = $1 and user_id = $2',
      [tenants.scan, event.userId, event.presence],
    );
    const { rows } = await client.query(
      `select r.package_id, count(*) as routed,
              count(*) filter (where o.presence = 'available') as available,
              count(*) filter (where o.presence = 'away') as away
         from package_route r
         join operator_presence o on o.tenant_id = r.tenant_id and o.user_id = r.user_id
        where r.tenant_id = $1 group by r.package_id`,
      [tenants.scan],
    );
    for (const row of rows) {
      decidePackageStatus(
        { routed: Number(row.routed), available: Number(row.available), away: Number(row.away) },
        'busy',
      );
    }
    await client.query('commit');
  });

  // Baseline 2: in-memory counters, no database at all.
  const presence = [...topo.presence];
  const packagesOf = new Map();
  const counts = new Map();
  for (const p of topo.packages) {
    counts.set(p.id, {
      routed: p.members.length,
      available: p.members.filter((u) => presence[u - 1] === 'available').length,
      away: p.members.filter((u) => presence[u - 1] === 'away').length,
    });
    for (const u of p.members) packagesOf.set(u, [...(packagesOf.get(u) ?? []), p.id]);
  }
  const memoryStats = await measure(stream, async (event) => {
    const before = presence[event.userId - 1];
    presence[event.userId - 1] = event.presence;
    if (before === event.presence) return;
    for (const packageId of packagesOf.get(event.userId) ?? []) {
      const c = counts.get(packageId);
      if (before === 'available') c.available -= 1;
      if (before === 'away') c.away -= 1;
      if (event.presence === 'available') c.available += 1;
      if (event.presence === 'away') c.away += 1;
      decidePackageStatus(c, 'busy');
    }
  });

  // Correctness check: the service's counts equal a recount from scratch.
  const { rows: drift } = await client.query(
    `select count(*) as n
       from package_state s
       join (select r.package_id,
                    count(*) filter (where o.presence = 'available') as available,
                    count(*) filter (where o.presence = 'away') as away
               from package_route r
               join operator_presence o on o.tenant_id = r.tenant_id and o.user_id = r.user_id
              where r.tenant_id = $1 group by r.package_id) fresh on fresh.package_id = s.package_id
      where s.tenant_id = $1 and (s.available_count <> fresh.available or s.away_count <> fresh.away)`,
    [tenants.service],
  );
  const routes = topo.packages.reduce((sum, p) => sum + p.members.length, 0);
  return {
    operators,
    routes,
    perOperator: routes / operators,
    changes,
    drift: Number(drift[0].n),
    service: serviceStats,
    scan: scanStats,
    memory: memoryStats,
  };
}

const dbName = `sb_bench_ps_${randomBytes(4).toString('hex')}`;
await adminQuery(`create database "${dbName}"`);
const dbUrl = new URL(pgServerUrl);
dbUrl.pathname = `/${dbName}`;
let app;
const client = new pg.Client({ connectionString: dbUrl.toString() });
const results = [];
try {
  const env = loadEnv({
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'warn',
    DATABASE_URL: dbUrl.toString(),
    JOBS_WORKER: 'false',
    INBOX_POLL_MS: '60000',
    ENCRYPTION_KEYS: `bench:${randomBytes(32).toString('base64')}`,
    PLATFORM_SECRETS: `whsec_${randomBytes(32).toString('base64')}`,
  });
  app = await startApp(env, { logDestination: { write: () => true } });
  await client.connect();
  for (const operators of operatorCounts) {
    const result = await benchOperators(app, client, operators);
    results.push(result);
    console.log(JSON.stringify(result));
  }
} finally {
  await client.end().catch(() => undefined);
  await app?.close();
  await adminQuery(`drop database if exists "${dbName}" with (force)`);
}

const row = (label, pick) =>
  `| ${label} | ${results.map((r) => `${ms(pick(r).median)} / ${ms(pick(r).p99)}`).join(' | ')} |`;
const rowIf = (label, pick) =>
  `| ${label} | ${results
    .map((r) =>
      pick(r).n > 0 ? `${ms(pick(r).median)} / ${ms(pick(r).p99)} (${pick(r).n} events)` : 'none',
    )
    .join(' | ')} |`;
const first = results[0];
const last = results.at(-1);
const growth = (pick) => (pick(last).median / pick(first).median).toFixed(2);
writeSection(
  'backend-package-status',
  `## Package status: one operator status change → decision (setting 7)

Machine: ${machineLine()}. Load average (1/5/15 min) at the end: ${loadavg()
    .map((v) => v.toFixed(2))
    .join(' / ')}. PostgreSQL, one tenant with ${PACKAGES} packages; ${events} events per row
after ${warmup} warm-up events, one at a time (a random operator moves to a random presence).
Figures are milliseconds per event, median / p99.

| Per event (ms, median / p99) | ${results.map((r) => `${r.operators.toLocaleString('en')} operators`).join(' | ')} |
|---|${results.map(() => '---').join('|')}|
${row('**Switchboard** (service transaction: lock operator, shift counts of its packages, decide, record)', (r) => r.service)}
${rowIf('… of which events that changed no package status (driver-level transaction)', (r) => r.service.unchanged)}
${rowIf('… of which events that changed a status (redone on the ORM path: history, audit, push job)', (r) => r.service.changed)}
${row('Baseline: plain SQL recount of every package (one GROUP BY per event)', (r) => r.scan)}
${row('Baseline: in-memory counters (no database)', (r) => r.memory)}

- Routes (operator × package): ${results.map((r) => `${r.routes.toLocaleString('en')} (${r.perOperator.toFixed(1)} packages per operator)`).join('; ')}.
- Package status changes decided during the Switchboard runs: ${results.map((r) => `${r.changes} in ${r.service.changed.n} events`).join('; ')}. With 10,000 operators a package routes to ~50 of them, so random presences never leave one with nobody available.
- Counts after the run equal a recount from scratch (packages differing: ${results.map((r) => r.drift).join('; ')}).
- Growth of the median from ${first.operators.toLocaleString('en')} to ${last.operators.toLocaleString('en')} operators: Switchboard ×${growth((r) => r.service)}, SQL recount ×${growth((r) => r.scan)}, in-memory ×${growth((r) => r.memory)}.

Command: \`node bench/package-status-bench.mjs\` (after \`pnpm build\`).`,
);

// `pnpm bench` for setting 7 (issue 8): one operator status change → the package-status decision,
// through the BUILT service's own code (dist, in this process, PostgreSQL in a throwaway database),
// at 1,000 and 10,000 operators with 1,000 packages, next to three baselines measured in the same
// run on the same event streams:
//   - plain SQL, incremental: the same lock / shift-counts / decide statements on one pg client,
//     writing the status and a history row on a change (no ORM, no audit, no push job);
//   - plain SQL, recounting every package of the tenant with one GROUP BY (what "not a scan" avoids);
//   - plain in-memory counters (a Map per package), the floor of any incremental design.
// The stream has the same mix at every size: every `--flip-every`-th event hands a "flip group"
// over (its only available operator goes away, so its packages turn busy, or the next member comes
// back, so they turn online again) and changes 5 packages' status; the others move an operator of a
// package that keeps an available operator, and change none. Each class is reported on its own.
// Writes the `backend-package-status` section of BENCHMARKS.md.
//
//   node bench/package-status-bench.mjs [--pg-url=postgres://postgres@127.0.0.1:5432/postgres]
//                                       [--events=2000] [--operators=1000,10000] [--flip-every=5]
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
const { decidePackageStatus, countDelta } = await import(
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
const flipEvery = Number(args['flip-every'] ?? 5);
const PACKAGES = 1000;
/** Each package routes to one of 200 groups (5 packages per group); group g = operators g+1, g+201, … */
const GROUPS = 200;
/** Groups 0…19 are flip groups: their 100 packages route to the group only. */
const FLIP_GROUPS = 20;
const PRESENCES = ['available', 'away', 'offline'];
const AWAY_REASON = 'Oběd';

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
  const mean = samples.reduce((sum, v) => sum + v, 0) / Math.max(1, samples.length);
  return { median: quantile(sorted, 0.5), p99: quantile(sorted, 0.99), mean, n: sorted.length };
}
const ms = (value) => (value < 1 ? value.toFixed(3) : value.toFixed(2));
const load = () =>
  loadavg()
    .map((v) => v.toFixed(2))
    .join(' / ');

async function adminQuery(sql) {
  const client = new pg.Client({ connectionString: pgServerUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const groupOf = (userId) => (userId - 1) % GROUPS;
const isFlipOperator = (userId) => groupOf(userId) < FLIP_GROUPS;
/** The first member of every other group stays available: its packages never change status. */
const isAnchor = (userId) => userId <= GROUPS && !isFlipOperator(userId);

/** The tenant's topology: who routes where, and everyone's starting presence. */
function topology(operators, rand) {
  const groupMembers = Array.from({ length: GROUPS }, (_, g) => {
    const members = [];
    for (let u = g + 1; u <= operators; u += GROUPS) members.push(u);
    return members;
  });
  const packages = Array.from({ length: PACKAGES }, (_, p) => {
    const group = p % GROUPS;
    const members = new Set(groupMembers[group]);
    if (group >= FLIP_GROUPS) {
      // Two operators routed directly, outside the flip groups.
      for (let k = 0; k < 2;) {
        const u = 1 + Math.floor(rand() * operators);
        if (isFlipOperator(u)) continue;
        members.add(u);
        k += 1;
      }
    }
    return { id: p + 1, group, members: [...members] };
  });
  // Flip groups: the first member available, the others away (the group is one hand-over from
  // all away). Elsewhere anchors available and everyone else at random.
  const presence = Array.from({ length: operators }, (_, i) => {
    const u = i + 1;
    if (isFlipOperator(u)) return u <= GROUPS ? 'available' : 'away';
    if (isAnchor(u)) return 'available';
    return PRESENCES[Math.floor(rand() * 3)];
  });
  const movers = [];
  for (let u = 1; u <= operators; u += 1) if (!isFlipOperator(u) && !isAnchor(u)) movers.push(u);
  return { groupMembers, packages, presence, movers };
}

/**
 * The events, the same mix at every size: every `flipEvery`-th one is a flip (the flip groups take
 * turns; a turn alternates "the available member goes away" → busy and "the next member comes
 * back" → online), the others move a random non-anchor operator to a different presence.
 */
function eventStream(topo, seed) {
  const rand = random(seed);
  const presence = [...topo.presence];
  const flips = Array.from({ length: FLIP_GROUPS }, () => ({ pivot: 0, dropped: false }));
  let flipCount = 0;
  return Array.from({ length: events + warmup }, (_, i) => {
    if (i % flipEvery === flipEvery - 1) {
      const g = flipCount % FLIP_GROUPS;
      flipCount += 1;
      const state = flips[g];
      const members = topo.groupMembers[g];
      let userId;
      let to;
      if (!state.dropped) {
        userId = members[state.pivot];
        to = 'away';
      } else {
        state.pivot = (state.pivot + 1) % members.length;
        userId = members[state.pivot];
        to = 'available';
      }
      state.dropped = !state.dropped;
      presence[userId - 1] = to;
      return { kind: 'flip', userId, presence: to };
    }
    const userId = topo.movers[Math.floor(rand() * topo.movers.length)];
    const others = PRESENCES.filter((p) => p !== presence[userId - 1]);
    const to = others[Math.floor(rand() * 2)];
    presence[userId - 1] = to;
    return { kind: 'quiet', userId, presence: to };
  });
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

function countsOf(members, presence) {
  return {
    routed: members.length,
    available: members.filter((u) => presence[u - 1] === 'available').length,
    away: members.filter((u) => presence[u - 1] === 'away').length,
  };
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
    ['tenant_id', 'user_id', 'presence', 'absence_reason_name', 'updated_at'],
    topo.presence.map((p, i) => [tenantId, i + 1, p, p === 'away' ? AWAY_REASON : null, now]),
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
      const counts = countsOf(p.members, topo.presence);
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

const mapValues = (object, fn) =>
  Object.fromEntries(Object.entries(object).map(([key, value]) => [key, fn(value)]));

/** Per-event samples of one variant at one size. */
const recorder = () => ({ all: [], flip: [], quiet: [], mismatched: 0 });

/**
 * Times one event; `run` answers whether it changed a package's status. Samples are classed by
 * the event's kind; `mismatched` counts events whose outcome contradicts their kind.
 */
async function timeEvent(rec, index, event, run) {
  const started = performance.now();
  const moved = await run(event);
  const elapsed = performance.now() - started;
  if (moved !== (event.kind === 'flip')) rec.mismatched += 1;
  if (index < warmup) return;
  rec.all.push(elapsed);
  (event.kind === 'flip' ? rec.flip : rec.quiet).push(elapsed);
}

const stats = (rec) => ({
  ...summary(rec.all),
  flip: summary(rec.flip),
  quiet: summary(rec.quiet),
  mismatched: rec.mismatched,
});

const HISTORY_INSERT = `insert into package_status_change
  (tenant_id, package_id, from_status, to_status, reason, note, "trigger", operator_user_id, occurred_at)
  values ($1, $2, $3, $4, $5, $6, 'operator_status', $7, $8)`;

/** Plain SQL: records a decided change (status row, the away note, a history row). */
async function recordPlain(client, tenantId, packageId, from, decision, userId) {
  let note = null;
  if (decision.reason === 'all_operators_away') {
    const { rows } = await client.query(
      `select o.absence_reason_name as name, count(*) as n
         from package_route r
         join operator_presence o on o.tenant_id = r.tenant_id and o.user_id = r.user_id
        where r.tenant_id = $1 and r.package_id = $2 and o.presence = 'away'
        group by o.absence_reason_name`,
      [tenantId, packageId],
    );
    note = rows.map((r) => `${r.name ?? '?'} ×${r.n}`).join(', ');
  }
  const now = new Date();
  await client.query(
    `update package_state set status = $3, reason = $4, note = $5, changed_at = $6
      where tenant_id = $1 and package_id = $2`,
    [tenantId, packageId, decision.status, decision.reason, note, now],
  );
  await client.query(HISTORY_INSERT, [
    tenantId,
    packageId,
    from,
    decision.status,
    decision.reason,
    note,
    userId,
    now,
  ]);
}

/** Seeds one size's tenants; answers its stream, one runner per variant, and the final checks. */
async function prepareOperators(app, client, operators) {
  const service = app.get(PackageStatusService);
  const seed = 7 + operators;
  const suffix = randomBytes(3).toString('hex');
  const tenants = {
    service: `bench-s-${suffix}`,
    incremental: `bench-i-${suffix}`,
    scan: `bench-q-${suffix}`,
  };
  const topo = topology(operators, random(seed));
  for (const tenantId of Object.values(tenants)) await seedTenant(client, tenantId, topo);
  const stream = eventStream(topo, seed + 1);
  const report = (event) => ({
    userId: event.userId,
    presence: event.presence,
    absenceReasonId: null,
    absenceReasonName: event.presence === 'away' ? AWAY_REASON : null,
    changedAt: null,
  });

  // Switchboard: the service's own transaction (lock, compare, shift counts, decide, record).
  let changes = 0;
  const applyPresence = async (event) => {
    const decided = await service.applyPresence(tenants.service, report(event));
    changes += decided.length;
    return decided.length > 0;
  };

  // Baseline 1: plain SQL, the same incremental statements on one pg client.
  const incremental = async (event) => {
    const tenantId = tenants.incremental;
    await client.query('begin');
    const { rows: before } = await client.query(
      'select presence from operator_presence where tenant_id = $1 and user_id = $2 for update',
      [tenantId, event.userId],
    );
    await client.query(
      `update operator_presence set presence = $3, absence_reason_name = $4, updated_at = $5
        where tenant_id = $1 and user_id = $2`,
      [tenantId, event.userId, event.presence, report(event).absenceReasonName, new Date()],
    );
    let moved = false;
    if (before[0].presence !== event.presence) {
      const delta = countDelta(before[0].presence, event.presence);
      const { rows } = await client.query(
        `update package_state p
            set available_count = p.available_count + $1, away_count = p.away_count + $2
           from (select s.id from package_state s
                   join package_route r on r.tenant_id = s.tenant_id and r.package_id = s.package_id
                  where r.tenant_id = $3 and r.user_id = $4
                  order by s.id for update of s) locked
          where p.id = locked.id
      returning p.package_id, p.routed_count, p.available_count, p.away_count, p.when_all_away,
                p.status, p.reason`,
        [delta.available, delta.away, tenantId, event.userId],
      );
      for (const row of rows) {
        const decision = decidePackageStatus(
          { routed: row.routed_count, available: row.available_count, away: row.away_count },
          row.when_all_away,
        );
        if (decision.status === row.status && decision.reason === row.reason) continue;
        moved = true;
        await recordPlain(client, tenantId, row.package_id, row.status, decision, event.userId);
      }
    }
    await client.query('commit');
    return moved;
  };

  // Baseline 2: plain SQL that recounts the whole tenant per event.
  const scan = async (event) => {
    const tenantId = tenants.scan;
    await client.query('begin');
    await client.query(
      `update operator_presence set presence = $3, absence_reason_name = $4
        where tenant_id = $1 and user_id = $2`,
      [tenantId, event.userId, event.presence, report(event).absenceReasonName],
    );
    const { rows } = await client.query(
      `select s.package_id, s.status, s.reason, s.when_all_away, c.routed, c.available, c.away
         from (select r.package_id, count(*) as routed,
                      count(*) filter (where o.presence = 'available') as available,
                      count(*) filter (where o.presence = 'away') as away
                 from package_route r
                 join operator_presence o on o.tenant_id = r.tenant_id and o.user_id = r.user_id
                where r.tenant_id = $1 group by r.package_id) c
         join package_state s on s.tenant_id = $1 and s.package_id = c.package_id`,
      [tenantId],
    );
    let moved = false;
    for (const row of rows) {
      const decision = decidePackageStatus(
        { routed: Number(row.routed), available: Number(row.available), away: Number(row.away) },
        row.when_all_away,
      );
      if (decision.status === row.status && decision.reason === row.reason) continue;
      moved = true;
      await recordPlain(client, tenantId, row.package_id, row.status, decision, event.userId);
    }
    await client.query('commit');
    return moved;
  };

  // Baseline 3: in-memory counters, no database at all.
  const presence = [...topo.presence];
  const packagesOf = new Map();
  const state = new Map();
  const history = [];
  for (const p of topo.packages) {
    const counts = countsOf(p.members, presence);
    state.set(p.id, { counts, ...decidePackageStatus(counts, 'busy') });
    for (const u of p.members) packagesOf.set(u, [...(packagesOf.get(u) ?? []), p.id]);
  }
  const memory = async (event) => {
    const before = presence[event.userId - 1];
    presence[event.userId - 1] = event.presence;
    if (before === event.presence) return false;
    const delta = countDelta(before, event.presence);
    let moved = false;
    for (const packageId of packagesOf.get(event.userId) ?? []) {
      const s = state.get(packageId);
      s.counts.available += delta.available;
      s.counts.away += delta.away;
      const decision = decidePackageStatus(s.counts, 'busy');
      if (decision.status === s.status && decision.reason === s.reason) continue;
      moved = true;
      history.push({ packageId, from: s.status, to: decision.status, at: Date.now() });
      s.status = decision.status;
      s.reason = decision.reason;
    }
    return moved;
  };

  // Correctness, after the run: the service's counts equal a recount from scratch, and every
  // variant ends with the same statuses.
  const finish = async () => {
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
    const statuses = async (tenantId) => {
      const { rows } = await client.query(
        'select package_id, status from package_state where tenant_id = $1',
        [tenantId],
      );
      return new Map(rows.map((r) => [r.package_id, r.status]));
    };
    const serviceStatuses = await statuses(tenants.service);
    const others = [await statuses(tenants.incremental), await statuses(tenants.scan)];
    let statusDiffers = 0;
    for (const [packageId, status] of serviceStatuses) {
      if (
        others.some((o) => o.get(packageId) !== status) ||
        state.get(packageId).status !== status
      ) {
        statusDiffers += 1;
      }
    }
    const { rows: historyRows } = await client.query(
      'select count(*) as n from package_status_change where tenant_id = $1',
      [tenants.service],
    );
    const routes = topo.packages.reduce((sum, p) => sum + p.members.length, 0);
    const flipRoutes = topo.packages
      .filter((p) => p.group < FLIP_GROUPS)
      .reduce((sum, p) => sum + p.members.length, 0);
    return {
      operators,
      routes,
      perOperator: routes / operators,
      operatorsPerFlipPackage: flipRoutes / (FLIP_GROUPS * (PACKAGES / GROUPS)),
      changes,
      history: Number(historyRows[0].n),
      memoryHistory: history.length,
      drift: Number(drift[0].n),
      statusDiffers,
    };
  };
  return {
    stream,
    runners: { service: applyPresence, incremental, scan, memory },
    finish,
  };
}

const dbName = `sb_bench_ps_${randomBytes(4).toString('hex')}`;
await adminQuery(`create database "${dbName}"`);
const dbUrl = new URL(pgServerUrl);
dbUrl.pathname = `/${dbName}`;
let app;
const client = new pg.Client({ connectionString: dbUrl.toString() });
const results = [];
let loadAverage;
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
  const prepared = [];
  for (const operators of operatorCounts) {
    prepared.push(await prepareOperators(app, client, operators));
  }
  // Every event of every size and variant in turn (the order rotates per event), so load on the
  // shared machine falls on all of them alike.
  const recorders = prepared.map((size) => mapValues(size.runners, recorder));
  const loads = [loadavg()[0]];
  const loadStart = load();
  const cells = prepared.flatMap((size, s) =>
    Object.entries(size.runners).map(([variant, run]) => ({ s, variant, run })),
  );
  for (let i = 0; i < events + warmup; i += 1) {
    for (let k = 0; k < cells.length; k += 1) {
      const { s, variant, run } = cells[(i + k) % cells.length];
      await timeEvent(recorders[s][variant], i, prepared[s].stream[i], run);
    }
    if (i % 100 === 0) loads.push(loadavg()[0]);
  }
  loads.push(loadavg()[0]);
  loadAverage = { start: loadStart, end: load(), min: Math.min(...loads), max: Math.max(...loads) };
  for (const [s, size] of prepared.entries()) {
    const result = { ...(await size.finish()), ...mapValues(recorders[s], stats) };
    results.push(result);
    console.log(JSON.stringify(result));
  }
} finally {
  await client.end().catch(() => undefined);
  await app?.close();
  await adminQuery(`drop database if exists "${dbName}" with (force)`);
}

const cell = (s) => (s.n > 0 ? `${ms(s.median)} / ${ms(s.p99)}` : 'none');
const VARIANTS = [
  [
    '**Switchboard** (`PackageStatusService.applyPresence`: driver-level transaction; a status change is redone on the ORM path with history, audit, push job)',
    (r) => r.service,
  ],
  [
    'Baseline: plain SQL, incremental (same lock / shift-counts statements on one pg client; status + history row on a change; no audit, no push job)',
    (r) => r.incremental,
  ],
  [
    'Baseline: plain SQL recount of every package (one GROUP BY per event; status + history row on a change)',
    (r) => r.scan,
  ],
  ['Baseline: in-memory counters (no database)', (r) => r.memory],
];
const CLASSES = [
  ['events that changed no package status', 'no change', (s) => s.quiet],
  ['events that changed a package status', 'status change', (s) => s.flip],
  ['all events (the mix)', 'mix', (s) => s],
];
const first = results[0];
const last = results.at(-1);
const times = (a, b) => `×${(b / a).toFixed(2)}`;
const tableRows = VARIANTS.flatMap(([label, pick]) =>
  CLASSES.map(
    ([what, , cls], i) =>
      `| ${i === 0 ? label : ''} | ${what} | ${results.map((r) => cell(cls(pick(r)))).join(' | ')} |`,
  ),
);
const growthLines = VARIANTS.map(([label, pick]) => {
  const name = label.replace(/^\*\*|\*\*.*$|^Baseline: | \(.*$/g, '');
  return `${name}: ${CLASSES.map(
    ([, short, cls]) => `${short} ${times(cls(pick(first)).median, cls(pick(last)).median)}`,
  ).join(', ')}`;
});
const sizes = results.map((r) => `${r.operators.toLocaleString('en')} operators`);
writeSection(
  'backend-package-status',
  `## Package status: one operator status change → decision (setting 7)

Machine: ${machineLine()}. Load average (1/5/15 min) at the start ${loadAverage.start}, at the end
${loadAverage.end}; 1-minute load during the run ${loadAverage.min.toFixed(2)}–${loadAverage.max.toFixed(2)}
(other work was running on the machine: compare rows of one column, not with other runs).

Method: PostgreSQL in a throwaway database, one tenant per variant and size with ${PACKAGES} packages,
seeded with the same topology per size and replaying the same event stream; ${events} timed events
per variant and size after ${warmup} warm-up events, one at a time. The runs are interleaved: each
event goes to every size and variant in turn (the order rotating per event), so load from the
rest of the machine falls on all of them alike. Switchboard's event is one operator's presence
change handed to \`PackageStatusService.applyPresence\` of the built backend in this process (what
the \`UserStatusChanged\` listener calls). Not measured: the webhook ingest (HTTP, signature check,
inbox, dispatch to the listener) and the push itself (the push job is scheduled in the
transaction; no jobs worker runs and no host is called).

The mix is the same at every size: every ${flipEvery}th event (${(100 / flipEvery).toFixed(0)} %) is a
hand-over in one of ${FLIP_GROUPS} "flip groups" (5 packages each, routed to their group only, every member
but one away): the one available member goes away, so the 5 packages turn online → busy, or the
next member comes back, so they turn busy → online. Every other event moves a random operator of
the other ${GROUPS - FLIP_GROUPS} groups (or routed directly) to a different presence; each of those packages
keeps one operator who stays available, so these events change no status. Every event shifts the
counts of its operator's packages (5 for a flip, ~5-7 otherwise); only the outcome differs. Events
are classed by kind, and each variant's outcome was checked against it (mismatches: ${results
    .map((r) =>
      [r.service, r.incremental, r.scan, r.memory].reduce((sum, x) => sum + x.mismatched, 0),
    )
    .join('; ')}).

| Variant | Per event (ms, median / p99) | ${sizes.join(' | ')} |
|---|---|${results.map(() => '---').join('|')}|
${tableRows.join('\n')}

- Events per class (timed): ${results.map((r) => `${r.service.quiet.n} without and ${r.service.flip.n} with a status change`).join('; ')}.
- Routes (operator × package): ${results.map((r) => `${r.routes.toLocaleString('en')} (${r.perOperator.toFixed(1)} packages per operator, ${r.operatorsPerFlipPackage.toFixed(0)} operators per flip package)`).join('; ')}.
- Package status changes decided by the Switchboard runs (warm-up included): ${results.map((r) => `${r.changes} (history rows ${r.history}; in-memory baseline ${r.memoryHistory})`).join('; ')}.
- Counts after the run equal a recount from scratch (packages differing: ${results.map((r) => r.drift).join('; ')}); final statuses equal across all four variants (packages differing: ${results.map((r) => r.statusDiffers).join('; ')}).
- Growth of the median from ${first.operators.toLocaleString('en')} to ${last.operators.toLocaleString('en')} operators, same event mix: ${growthLines.join('; ')}.

Command: \`node bench/package-status-bench.mjs\` (after \`pnpm build\`).`,
);

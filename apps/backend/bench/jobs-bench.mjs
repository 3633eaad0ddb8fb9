// `pnpm bench` for durable jobs (issue 5), on PostgreSQL: jobs claimed and completed per second
// by 1, 2 and 4 workers of the BUILT service (each its own process: test/support/jobs-fixture.mjs
// boots dist/ and registers the kind `fixture.effect`, whose handler inserts one row), next to a
// plain SQL baseline in the same run (1, 2, 4 pg connections running the very claim statement of
// the framework, `claimJobsSql` from dist, in a loop, then the same insert and a completing
// update per job); then the fire latency of timers against their due time under normal load.
// Writes the `backend-jobs` section of BENCHMARKS.md.
//
//   node bench/jobs-bench.mjs [--pg-url=postgres://postgres@127.0.0.1:5432/postgres]
//                             [--jobs=10000] [--workers=1,2,4] [--repetitions=2]
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { machineLine, writeSection } from '../../../tooling/scripts/benchmarks-file.mjs';

const backendDir = join(import.meta.dirname, '..');
if (!existsSync(join(backendDir, 'dist', 'jobs', 'job-store.js'))) {
  console.error('dist/ is missing: build the backend first (pnpm build)');
  process.exit(1);
}
// The workers run a snapshot of dist/ taken now, so a rebuild during the run (rm -rf dist) cannot
// pull it away. It sits under node_modules/ so that the service's dependencies still resolve.
const snapshot = join(backendDir, 'node_modules', '.cache', `jobs-bench-${process.pid}`);
cpSync(join(backendDir, 'dist'), join(snapshot, 'dist'), { recursive: true });
cpSync(
  join(backendDir, 'test', 'support', 'jobs-fixture.mjs'),
  join(snapshot, 'test', 'support', 'jobs-fixture.mjs'),
);
const fixture = join(snapshot, 'test', 'support', 'jobs-fixture.mjs');
// Loading the app module graph once proves the snapshot is a complete build.
await import(join(snapshot, 'dist', 'app.module.js'));
const { claimJobsSql } = await import(join(snapshot, 'dist', 'jobs', 'job-store.js'));

const args = Object.fromEntries(
  process.argv
    .slice(2)
    .map((arg) => /^--([^=]+)=(.*)$/.exec(arg))
    .filter((match) => match !== null)
    .map((match) => [match[1], match[2]]),
);
const pgServerUrl = args['pg-url'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const jobCount = Number(args.jobs ?? 10_000);
const workerCounts = (args.workers ?? '1,2,4').split(',').map(Number);
const repetitions = Number(args.repetitions ?? 2);
const KIND = 'fixture.effect';
const CONCURRENCY = 20;
const LEASE_MS = 60_000;
const latencyTimers = 1000;
const latencySpreadMs = 10_000;
const backgroundRate = 200;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}

// --- database -------------------------------------------------------------------------------
const dbName = `sb_bench_jobs_${randomBytes(5).toString('hex')}`;
const dbUrl = new URL(pgServerUrl);
dbUrl.pathname = `/${dbName}`;
async function admin(sql) {
  const client = new pg.Client({ connectionString: pgServerUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
await admin(`create database "${dbName}"`);
const db = new pg.Client({ connectionString: dbUrl.toString() });
const positional = (sql) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

// --- service processes ----------------------------------------------------------------------
/** Every worker process started, so that none outlives the bench whatever fails. */
const spawned = new Set();

function spawnWorker() {
  return new Promise((resolve, reject) => {
    let output = '';
    const child = spawn(process.execPath, [fixture, `--lease-ms=${LEASE_MS}`], {
      cwd: backendDir,
      env: {
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        PORT: '0',
        LOG_LEVEL: 'warn',
        DATABASE_URL: dbUrl.toString(),
        ADMIN_DIST_DIR: join(backendDir, '..', 'admin', 'dist'),
        PLATFORM_SECRETS: `whsec_${Buffer.from('switchboard-bench-platform-secret!!').toString('base64')}`,
        ENCRYPTION_KEYS: `bench:${Buffer.alloc(32, 3).toString('base64')}`,
        JOBS_CONCURRENCY: String(CONCURRENCY),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    spawned.add(child);
    child.stdout.on('data', (chunk) => {
      output += chunk;
      if (output.includes('"ready":true')) resolve(child);
    });
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('exit', (code) => {
      spawned.delete(child);
      reject(new Error(`worker exited (${code}) before ready:\n${output}`));
    });
  });
}

/** Starts a worker; a start that fails (a workspace package being rebuilt) is tried again. */
async function startWorker() {
  for (let attempt = 1; ; attempt++) {
    try {
      return await spawnWorker();
    } catch (error) {
      if (attempt >= 5) throw error;
      console.warn(`worker did not start (attempt ${attempt}), trying again in 10 s`);
      await sleep(10_000);
    }
  }
}

async function startWorkers(count) {
  const started = await Promise.allSettled(Array.from({ length: count }, () => startWorker()));
  const children = started.filter((r) => r.status === 'fulfilled').map((r) => r.value);
  const failed = started.find((r) => r.status === 'rejected');
  if (failed !== undefined) {
    await stopWorkers(children);
    throw failed.reason;
  }
  return children;
}

async function stopWorkers(children) {
  await Promise.all(
    children.map(
      (child) =>
        new Promise((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', resolve);
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
        }),
    ),
  );
}

async function reset() {
  await db.query('truncate job, jobs_fixture_effect');
}

/** N jobs due now in one statement (the shape `JobsService.scheduleMany` writes). */
async function enqueue(count, dueSql = 'now()') {
  await db.query(
    `insert into job (kind, tenant_id, key, payload, state, due_at, available_at, attempts, max_attempts, created_at)
     select $1, null, 'bench-' || g || '-' || $2, '{}', 'scheduled', ${dueSql}, ${dueSql}, 0, 5, now()
     from generate_series(1, $3) g`,
    [KIND, randomBytes(4).toString('hex'), count],
  );
}

async function waitDone(count, timeoutMs = 300_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await db.query(`select count(*)::int as n from job where state = 'done'`);
    if (rows[0].n >= count) return;
    if (Date.now() > deadline) throw new Error(`only ${rows[0].n} of ${count} jobs done`);
    await sleep(20);
  }
}

// --- runs -----------------------------------------------------------------------------------
async function frameworkRun(workers) {
  await reset();
  const children = await startWorkers(workers);
  try {
    await sleep(500);
    const started = performance.now();
    await enqueue(jobCount);
    await waitDone(jobCount);
    return jobCount / ((performance.now() - started) / 1000);
  } finally {
    await stopWorkers(children);
  }
}

async function baselineRun(workers) {
  await reset();
  const claimSql = positional(claimJobsSql('postgresql', 1));
  const clients = await Promise.all(
    Array.from({ length: workers }, async () => {
      const client = new pg.Client({ connectionString: dbUrl.toString() });
      await client.connect();
      return client;
    }),
  );
  try {
    const started = performance.now();
    await enqueue(jobCount);
    let remaining = jobCount;
    await Promise.all(
      clients.map(async (client, index) => {
        const workerId = `baseline:${process.pid}:${index}`;
        while (remaining > 0) {
          const now = new Date();
          const leaseEnd = new Date(now.getTime() + LEASE_MS).toISOString();
          const { rows } = await client.query(claimSql, [
            KIND,
            leaseEnd,
            leaseEnd,
            workerId,
            now.toISOString(),
            now.toISOString(),
            KIND,
            CONCURRENCY,
          ]);
          if (rows.length === 0) {
            await sleep(5);
            continue;
          }
          for (const row of rows) {
            await client.query(
              'insert into jobs_fixture_effect (job_id, attempt, pid, done_at) values ($1, $2, $3, $4)',
              [row.id, row.attempts, process.pid, Date.now()],
            );
          }
          // The batch completed in one statement, as the framework groups its completions.
          await client.query(
            `update job set state = 'done', finished_at = now(), locked_by = null
             where state = 'running' and locked_by = $1 and id = any($2::int[])`,
            [workerId, rows.map((row) => row.id)],
          );
          remaining -= rows.length;
        }
      }),
    );
    return jobCount / ((performance.now() - started) / 1000);
  } finally {
    await Promise.all(clients.map((client) => client.end()));
  }
}

/**
 * Fire latency: two workers; timers due at random times over the next 10 s, scheduled at least
 * 2 s ahead by another process (so the workers learn of them by polling, as across instances),
 * while a background load of jobs due at once runs at 200/s.
 */
async function latencyRun() {
  await reset();
  const children = await startWorkers(2);
  try {
    await sleep(500);
    const base = Date.now() + 2000;
    const dues = Array.from(
      { length: latencyTimers },
      () => base + Math.random() * latencySpreadMs,
    );
    await db.query(
      `insert into job (kind, tenant_id, key, payload, state, due_at, available_at, attempts, max_attempts, created_at)
       select $1, null, 'timer-' || ord, '{}', 'scheduled', to_timestamp(d / 1000.0), to_timestamp(d / 1000.0), 0, 5, now()
       from unnest($2::float8[]) with ordinality as t(d, ord)`,
      [KIND, dues],
    );
    let background = 0;
    const loadUntil = base + latencySpreadMs + 500;
    while (Date.now() < loadUntil) {
      await enqueue(backgroundRate / 10);
      background += backgroundRate / 10;
      await sleep(100);
    }
    await waitDone(latencyTimers + background, 60_000);
    const { rows } = await db.query(
      `select extract(epoch from (j.started_at - j.due_at)) * 1000 as claim_ms,
              e.done_at - extract(epoch from j.due_at) * 1000 as done_ms
       from job j join jobs_fixture_effect e on e.job_id = j.id where j.key like 'timer-%'`,
    );
    return {
      claim: rows.map((row) => Number(row.claim_ms)),
      done: rows.map((row) => Number(row.done_ms)),
      background,
    };
  } finally {
    await stopWorkers(children);
  }
}

// --- main -----------------------------------------------------------------------------------
const loadBefore = loadavg();
const results = new Map(workerCounts.map((w) => [w, { framework: [], baseline: [] }]));
let latency;
try {
  await db.connect();
  // The first worker applies the migrations; the effect table is the fixture's.
  await stopWorkers([await startWorker()]);
  await db.query(
    'create table jobs_fixture_effect (job_id integer not null, attempt integer not null, pid integer not null, done_at bigint not null)',
  );
  for (let repetition = 0; repetition < repetitions; repetition++) {
    for (const workers of workerCounts) {
      const framework = await frameworkRun(workers);
      const baseline = await baselineRun(workers);
      results.get(workers).framework.push(framework);
      results.get(workers).baseline.push(baseline);
      console.log(
        `workers ${workers}: framework ${framework.toFixed(0)}/s, baseline ${baseline.toFixed(0)}/s`,
      );
    }
  }
  latency = await latencyRun();
  console.log(
    `latency: claim median ${median(latency.claim).toFixed(1)} ms p99 ${percentile(latency.claim, 0.99).toFixed(1)} ms`,
  );
} finally {
  for (const child of spawned) child.kill('SIGKILL');
  await db.end().catch(() => undefined);
  await admin(`drop database if exists "${dbName}" with (force)`);
  rmSync(snapshot, { recursive: true, force: true });
}

const rate = (value) => `${Math.round(value).toLocaleString('en-US')}`;
const rows = workerCounts.map((workers) => {
  const { framework, baseline } = results.get(workers);
  const f = median(framework);
  const b = median(baseline);
  return `| ${workers} | ${rate(f)} | ${rate(b)} | ${(f / b).toFixed(2)}× | ${framework.map(rate).join(' / ')} | ${baseline.map(rate).join(' / ')} |`;
});
const ms = (value) => `${value.toFixed(0)} ms`;
const loadAfter = loadavg();
writeSection(
  'backend-jobs',
  `## Backend: durable jobs (\`apps/backend\`, \`pnpm bench\`)

Machine: ${machineLine()}. Run: ${new Date().toISOString()}. Load average (1/5/15 min) at start
${loadBefore.map((v) => v.toFixed(2)).join(' / ')}, at end ${loadAfter.map((v) => v.toFixed(2)).join(' / ')}: ${
    Math.max(loadBefore[0], loadAfter[0]) > 1.5
      ? '**the machine was shared with other work during the run** (2 cores), so the figures carry that noise'
      : 'the machine was otherwise quiet'
  }.

Method: PostgreSQL (a throwaway database on ${new URL(pgServerUrl).host}). Throughput: ${rate(jobCount)} jobs of the
kind \`fixture.effect\` (handler: one \`INSERT\`) inserted due at once, timed from the insert until all are
\`done\`. Framework: N worker processes of the built service (\`test/support/jobs-fixture.mjs\`:
dist/ plus the test kind; \`NODE_ENV=production\`, \`JOBS_CONCURRENCY=${CONCURRENCY}\`), started before the insert.
Baseline: N pg connections in this process, each looping over the framework's own claim statement
(\`claimJobsSql\`, \`FOR UPDATE SKIP LOCKED\`, batches of ${CONCURRENCY}), then per job the same \`INSERT\`, one after
another, and one \`UPDATE\` completing the batch: no ORM, no leases renewed, no retries, no events, one
statement in flight per connection. The framework's worker runs its ${CONCURRENCY} handlers concurrently over
its pool and groups completions that end while the previous completing write is in flight. Runs interleaved (framework,
baseline, per worker count), ${repetitions} repetitions, medians.

| Workers | Framework jobs/s | Baseline jobs/s | Ratio | Framework runs | Baseline runs |
|---|---|---|---|---|---|
${rows.join('\n')}

Fire latency under normal load: 2 worker processes; ${latencyTimers} timers due at random times over ${latencySpreadMs / 1000} s,
written ≥ 2 s ahead by another process (the workers learn of them by polling, \`JOBS_POLL_MS\`=500, and
then sleep until the earliest due time), while ${backgroundRate} jobs/s due at once run as background load
(${rate(latency.background)} background jobs).

| Timer latency (ms after due time) | Median | p99 | Max |
|---|---|---|---|
| Claimed (\`started_at − due_at\`) | ${ms(median(latency.claim))} | ${ms(percentile(latency.claim, 0.99))} | ${ms(Math.max(...latency.claim))} |
| Handler finished | ${ms(median(latency.done))} | ${ms(percentile(latency.done, 0.99))} | ${ms(Math.max(...latency.done))} |

Goal (issue 5): a timer fires within 1 s of its due time under normal load — ${
    percentile(latency.claim, 0.99) <= 1000 ? '**met**' : '**missed**'
  } (p99 ${ms(percentile(latency.claim, 0.99))}).
`,
);
console.log('BENCHMARKS.md: section backend-jobs written');

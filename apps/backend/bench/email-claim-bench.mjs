// `pnpm bench` for setting 15 (issue 8): claiming the next e-mail with 1,000,000 queued threads on
// PostgreSQL, through the BUILT service (dist, in this process, a throwaway database): the claim
// service call and the signed next-e-mail hook over HTTP, each with 1 and with 16 claimers at once,
// next to a plain SQL baseline (the same `UPDATE … (SELECT … FOR UPDATE SKIP LOCKED) RETURNING` on
// a pool of the same size) measured in the same run on the same rows. Writes the
// `backend-email-claim` section of BENCHMARKS.md.
//
//   node bench/email-claim-bench.mjs [--pg-url=postgres://postgres@127.0.0.1:5432/postgres]
//                                    [--threads=1000000] [--claims=4000]
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { generateWebhookSecret, signedHeaders } from '@switchboard/host-contract';
import pg from 'pg';
import { machineLine, writeSection } from '../../../tooling/scripts/benchmarks-file.mjs';

const backendDir = join(import.meta.dirname, '..');
const dist = join(backendDir, 'dist');
if (!existsSync(join(dist, 'bootstrap.js'))) {
  throw new Error('dist/ is missing: run `pnpm build` in apps/backend first');
}
const { startApp } = await import(join(dist, 'bootstrap.js'));
const { loadEnv } = await import(join(dist, 'config', 'env.js'));
const { EmailQueueService } = await import(join(dist, 'email-queue', 'email-queue.service.js'));

const args = Object.fromEntries(
  process.argv
    .slice(2)
    .map((arg) => /^--([^=]+)=(.*)$/.exec(arg))
    .filter((match) => match !== null)
    .map((match) => [match[1], match[2]]),
);
const pgServerUrl = args['pg-url'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const threads = Number(args.threads ?? 1_000_000);
const claimsPerRun = Number(args.claims ?? 4000);
const warmup = 200;
const CONCURRENT = 16;
/** The ORM's PostgreSQL pool holds 10 connections (knex default); the baseline gets as many. */
const POOL = 10;

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
function summary(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    median: quantile(sorted, 0.5),
    p99: quantile(sorted, 0.99),
    n: sorted.length,
  };
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

/** `count` claims by `claimers` loops at once: each claim's latency and the elapsed time. */
async function measure(claimers, count, claim) {
  const samples = [];
  let issued = 0;
  let empty = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: claimers }, async (_, index) => {
      while (issued < count) {
        issued += 1;
        const t0 = performance.now();
        const threadId = await claim(500 + index);
        samples.push(performance.now() - t0);
        if (threadId === null) empty += 1;
      }
    }),
  );
  if (empty > 0) throw new Error(`${empty} claims found the queue empty`);
  return { samples, seconds: (performance.now() - started) / 1000 };
}

/** Runs the variants in turns (warm-up first, then ROUNDS rounds), pooling each one's samples. */
const ROUNDS = 4;
async function compare(claimers, variants) {
  for (const claim of Object.values(variants)) await measure(claimers, warmup, claim);
  const pooled = Object.fromEntries(
    Object.keys(variants).map((name) => [name, { samples: [], seconds: 0 }]),
  );
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const [name, claim] of Object.entries(variants)) {
      const run = await measure(claimers, Math.ceil(claimsPerRun / ROUNDS), claim);
      pooled[name].samples.push(...run.samples);
      pooled[name].seconds += run.seconds;
    }
  }
  return Object.fromEntries(
    Object.entries(pooled).map(([name, p]) => [
      name,
      { ...summary(p.samples), perSecond: p.samples.length / p.seconds },
    ]),
  );
}

const dbName = `sb_bench_ec_${randomBytes(4).toString('hex')}`;
await adminQuery(`create database "${dbName}"`);
const dbUrl = new URL(pgServerUrl);
dbUrl.pathname = `/${dbName}`;
let app;
const pool = new pg.Pool({ connectionString: dbUrl.toString(), max: POOL });
const results = {};
try {
  const platformSecret = `whsec_${randomBytes(32).toString('base64')}`;
  const env = loadEnv({
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'warn',
    DATABASE_URL: dbUrl.toString(),
    JOBS_WORKER: 'false',
    ENCRYPTION_KEYS: `bench:${randomBytes(32).toString('base64')}`,
    PLATFORM_SECRETS: platformSecret,
  });
  app = await startApp(env, { logDestination: { write: () => true } });
  const { port } = app.getHttpServer().address();
  const baseUrl = `http://127.0.0.1:${port}`;

  // A tenant installed the way a host installs it (signed /install), so the hook authenticates.
  const tenantId = `bench-${randomBytes(4).toString('hex')}`;
  const webhookSecret = generateWebhookSecret();
  const install = JSON.stringify({
    tenantId,
    name: 'Bench tenant',
    // Nothing listens there: the install's background calls to the host fail fast.
    hostApiBaseUrl: 'http://127.0.0.1:9/api/v1',
    clientId: 'bench-client',
    clientSecret: randomBytes(24).toString('base64url'),
    webhookSecret,
    panelTokenSecret: randomBytes(32).toString('base64url'),
    entitlements: [],
    capabilities: ['signedWebhooks', 'decisionHooks', 'emailAssignment'],
  });
  const installed = await fetch(`${baseUrl}/install`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...signedHeaders(platformSecret, `msg_${randomUUID()}`, install),
    },
    body: install,
  });
  if (installed.status !== 201) throw new Error(`install failed: ${installed.status}`);

  // 1,000,000 queued threads, one second apart, in one statement.
  const seedStarted = performance.now();
  await pool.query(
    `insert into email_queue_thread (tenant_id, thread_id, state, received_at, claims, state_changed_at)
     select $1, g, 'queued', timestamptz '2026-01-01 00:00:00+00' + g * interval '1 second', 0,
            timestamptz '2026-01-01 00:00:00+00'
       from generate_series(1, $2::int) g`,
    [tenantId, threads],
  );
  await pool.query('analyze email_queue_thread');
  results.seedSeconds = (performance.now() - seedStarted) / 1000;

  const service = app.get(EmailQueueService);
  const viaService = (operator) => service.claimNext(tenantId, operator);
  const viaHook = async (operator) => {
    const body = JSON.stringify({
      tenantId,
      requestedAt: new Date().toISOString(),
      operatorUserId: operator,
    });
    const response = await fetch(`${baseUrl}/hooks/next-email`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...signedHeaders(webhookSecret, `hook_${randomUUID()}`, body),
      },
      body,
    });
    return (await response.json()).threadId;
  };
  const baseline = async (operator) => {
    const now = new Date();
    const { rows } = await pool.query(
      `update email_queue_thread
          set state = 'claimed', claimed_by = $2, claimed_at = $3, claimed_until = $4,
              claims = claims + 1
        where id = (select id from email_queue_thread
                     where tenant_id = $1 and state = 'queued'
                     order by received_at desc, thread_id desc limit 1
                     for update skip locked)
        returning thread_id`,
      [tenantId, operator, now, new Date(now.getTime() + 120_000)],
    );
    return rows[0]?.thread_id ?? null;
  };

  // In turns, so drift of the machine's load hits every variant alike.
  for (const claimers of [1, CONCURRENT]) {
    const compared = await compare(claimers, {
      baseline,
      service: viaService,
      hook: viaHook,
    });
    for (const [name, result] of Object.entries(compared)) {
      results[`${name}-${claimers}`] = result;
      console.log(name, claimers, JSON.stringify(result));
    }
  }
  const { rows } = await pool.query(
    `select count(*) filter (where state = 'claimed') as claimed,
            count(distinct thread_id) filter (where state = 'claimed') as distinct_claimed,
            max(claims) as most
       from email_queue_thread where tenant_id = $1`,
    [tenantId],
  );
  results.check = rows[0];
} finally {
  await pool.end().catch(() => undefined);
  await app?.close();
  await adminQuery(`drop database if exists "${dbName}" with (force)`);
}

const cell = (key) => {
  const r = results[key];
  return `${ms(r.median)} / ${ms(r.p99)} (${Math.round(r.perSecond)}/s)`;
};
writeSection(
  'backend-email-claim',
  `## E-mail queue: claim the next thread with ${threads.toLocaleString('en')} queued (setting 15)

Machine: ${machineLine()}. Load average (1/5/15 min) at the end: ${loadavg()
    .map((v) => v.toFixed(2))
    .join(
      ' / ',
    )}. PostgreSQL; ${threads.toLocaleString('en')} queued threads seeded in ${results.seedSeconds.toFixed(1)} s
(one \`INSERT … SELECT generate_series\`). Each cell: ${claimsPerRun.toLocaleString('en')} claims in ${ROUNDS} turns taken with the other
variants (after ${warmup} warm-up claims each): milliseconds per claim, median / p99, and claims per
second. Newest first.

| Claim (ms, median / p99, throughput) | 1 claimer | ${CONCURRENT} claimers at once |
|---|---|---|
| Baseline: plain SQL \`UPDATE … FOR UPDATE SKIP LOCKED … RETURNING\` (pg pool of ${POOL}) | ${cell('baseline-1')} | ${cell(`baseline-${CONCURRENT}`)} |
| **Switchboard** claim (expired claims back to the queue, then the claim; ORM pool of ${POOL}) | ${cell('service-1')} | ${cell(`service-${CONCURRENT}`)} |
| **Switchboard** next-e-mail hook over HTTP (signature, tenant, settings, claim) | ${cell('hook-1')} | ${cell(`hook-${CONCURRENT}`)} |

Afterwards ${Number(results.check.claimed).toLocaleString('en')} threads are claimed, ${Number(results.check.distinct_claimed).toLocaleString('en')} of them distinct, none more than ${results.check.most} time(s): no thread was handed out twice.

Command: \`node bench/email-claim-bench.mjs\` (after \`pnpm build\`).`,
);

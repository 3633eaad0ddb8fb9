// `pnpm bench` for the backend (issue 4): webhook ingest and decision hooks of the BUILT service
// (dist/main.js, its own process), against a bare Fastify handler doing the same work by hand
// (baseline-server.mjs), on PostgreSQL (a throwaway database) and SQLite (a temp file). One load
// generator (autocannon, in this process) for everything; servers pinned to one core, the load to
// the other, when taskset exists. Writes the `backend-ingest` section of BENCHMARKS.md.
//
//   node bench/ingest-bench.mjs [--pg-url=postgres://postgres@127.0.0.1:5432/postgres]
//                               [--databases=postgres,sqlite] [--seconds=6] [--repetitions=3]
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { generateWebhookSecret, signedHeaders } from '@switchboard/host-contract';
import autocannon from 'autocannon';
import Database from 'libsql';
import pg from 'pg';
import { machineLine, writeSection } from '../../../tooling/scripts/benchmarks-file.mjs';

const backendDir = join(import.meta.dirname, '..');
const args = Object.fromEntries(
  process.argv
    .slice(2)
    .map((arg) => /^--([^=]+)=(.*)$/.exec(arg))
    .filter((match) => match !== null)
    .map((match) => [match[1], match[2]]),
);
const pgServerUrl = args['pg-url'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const databases = (args.databases ?? 'postgres,sqlite').split(',');
const seconds = Number(args.seconds ?? 6);
const warmupSeconds = 3;
const repetitions = Number(args.repetitions ?? 3);
const connections = 10;
const fixedRate = 200;
// e.g. --service-node-options="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the service.
const serviceNodeOptions = (args['service-node-options'] ?? '').split(' ').filter(Boolean);

// Core pinning: this process (the load generator) on core 0, the servers on core 1.
const taskset = ['/usr/bin/taskset', '/bin/taskset'].find((path) => existsSync(path));
const pinned = taskset !== undefined;
if (pinned)
  execFileSync(taskset, ['-a', '-c', '-p', '0', String(process.pid)], { stdio: 'ignore' });

const median = (values) => {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const clockTicksPerSecond = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

/**
 * utime + stime of a process in ms (NaN where /proc is missing). taskset execs node in place, so
 * the child's pid is the server's. CPU per event does not depend on what else the machine runs,
 * which throughput on a shared machine does.
 */
function processCpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicksPerSecond;
  } catch {
    return Number.NaN;
  }
}

/** Starts `node <script> ...` (pinned to core 1) and waits until `readyUrl` answers 200. */
async function startProcess(name, script, scriptArgs, env, readyUrl, nodeOptions = []) {
  const command = pinned ? taskset : process.execPath;
  const nodeArgs = [...nodeOptions, script, ...scriptArgs];
  const commandArgs = pinned ? ['-c', '1', process.execPath, ...nodeArgs] : nodeArgs;
  const child = spawn(command, commandArgs, {
    cwd: backendDir,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr = (stderr + String(chunk)).slice(-4000);
  });
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`${name} exited during start:\n${stderr}`);
    try {
      const response = await fetch(readyUrl);
      if (response.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${name} did not become ready:\n${stderr}`);
    }
    await sleep(100);
  }
  return {
    /** CPU time (user + system) the process has used so far, in ms, from /proc (Linux). */
    cpuMs: () => processCpuMs(child.pid),
    stop: async () => {
      if (exited) return;
      const done = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await done;
      clearTimeout(timer);
    },
  };
}

async function adminQuery(sql) {
  const client = new pg.Client({ connectionString: pgServerUrl, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

let sqliteJournalMode = 'unknown';

/** A throwaway database, like the e2e tests': a new PostgreSQL database or a temp SQLite file. */
async function createDatabase(kind) {
  const dir = mkdtempSync(join(tmpdir(), 'sb-bench-'));
  if (kind === 'sqlite') {
    const servicePath = join(dir, 'service.sqlite');
    return {
      kind,
      serviceEnv: { SQLITE_PATH: servicePath },
      baseline: { sqlitePath: join(dir, 'baseline.sqlite') },
      // The baseline copies the service file's journal mode (persisted in the file), so both
      // commit the same way.
      baselineOptions: () => {
        const db = new Database(servicePath, { readonly: true });
        try {
          sqliteJournalMode = String(db.prepare('pragma journal_mode').get().journal_mode);
          return { journalMode: sqliteJournalMode };
        } finally {
          db.close();
        }
      },
      countStored: () => {
        const db = new Database(servicePath, { readonly: true });
        try {
          return Number(db.prepare('select count(*) as n from inbox').get().n);
        } finally {
          db.close();
        }
      },
      drop: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
    };
  }
  const name = `sb_bench_${randomBytes(6).toString('hex')}`;
  await adminQuery(`create database "${name}"`);
  const url = new URL(pgServerUrl);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 1 });
  return {
    kind,
    serviceEnv: { DATABASE_URL: url.toString() },
    baseline: { pgUrl: url.toString() },
    baselineOptions: () => ({}),
    countStored: async () =>
      Number((await pool.query('select count(*) as n from inbox')).rows[0].n),
    drop: async () => {
      await pool.end();
      await adminQuery(`drop database if exists "${name}" with (force)`);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A pool of distinct, validly signed deliveries: each request sent is a new event. */
function signedPool(size, makeBody, secret, idPrefix) {
  const pool = [];
  for (let i = 0; i < size; i += 1) {
    const body = JSON.stringify(makeBody(i));
    pool.push({
      body,
      headers: {
        'content-type': 'application/json',
        ...signedHeaders(secret, `${idPrefix}_${randomUUID()}`, body),
      },
    });
  }
  return pool;
}

let sessionCounter = 0;
const sessionCreated = () => {
  sessionCounter += 1;
  return {
    eventType: 'SessionCreated',
    data: { id: sessionCounter, tenantId: 101, channel: 'Chat', source: 'Default' },
  };
};

/**
 * One autocannon run. `rate` undefined: closed loop (each connection sends the next request when
 * the previous answered); otherwise `overallRate` requests/s across the connections.
 */
async function load({ url, pool, duration, rate }) {
  let next = 0;
  let exhausted = 0;
  const result = await autocannon({
    url,
    method: 'POST',
    connections,
    duration,
    ...(rate === undefined ? {} : { overallRate: rate }),
    requests: [
      {
        setupRequest: (request) => {
          let item = pool[next];
          next += 1;
          if (item === undefined) {
            // Pool too small for this run: sign on the spot rather than repeat an id.
            exhausted += 1;
            item = pool.make();
          }
          return { ...request, method: 'POST', headers: item.headers, body: item.body };
        },
      },
    ],
  });
  const ok = result['2xx'];
  return {
    rps: ok / (result.duration || duration),
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok,
    bad: result.non2xx + result.errors + result.timeouts,
    statusCodes: result.statusCodeStats,
    exhausted,
  };
}

async function benchDatabase(kind) {
  const database = await createDatabase(kind);
  const stops = [];
  try {
    const platformSecret = generateWebhookSecret();
    const servicePort = await freePort();
    const service = await startProcess(
      'backend',
      'dist/main.js',
      [],
      {
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        PORT: String(servicePort),
        // The production default: request lines are logged (to /dev/null here).
        LOG_LEVEL: 'info',
        // An ingest instance: it stores deliveries and leaves processing to worker instances,
        // so it does the baseline's work (processing needs the tenant's host, which is absent here).
        INBOX_WORKER: 'false',
        PLATFORM_SECRETS: platformSecret,
        ENCRYPTION_KEYS: `bench:${randomBytes(32).toString('base64')}`,
        ...database.serviceEnv,
      },
      `http://127.0.0.1:${servicePort}/health/ready`,
      serviceNodeOptions,
    );
    stops.push(service.stop);
    const serviceUrl = `http://127.0.0.1:${servicePort}`;

    const tenantId = `bench-${randomBytes(4).toString('hex')}`;
    const webhookSecret = generateWebhookSecret();
    const install = JSON.stringify({
      tenantId,
      name: 'Bench tenant',
      // Nothing listens there: webhook registration fails fast and retries in the background.
      hostApiBaseUrl: 'http://127.0.0.1:9/api/v1',
      clientId: 'bench-client',
      clientSecret: randomBytes(24).toString('base64url'),
      webhookSecret,
      panelTokenSecret: randomBytes(32).toString('base64url'),
      entitlements: [],
      capabilities: ['signedWebhooks', 'decisionHooks'],
    });
    const installed = await fetch(`${serviceUrl}/install`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...signedHeaders(platformSecret, `msg_${randomUUID()}`, install),
      },
      body: install,
    });
    if (installed.status !== 201) {
      throw new Error(`install failed: ${installed.status} ${await installed.text()}`);
    }

    const baselinePort = await freePort();
    const baseline = await startProcess(
      'baseline',
      'bench/baseline-server.mjs',
      [
        JSON.stringify({
          port: baselinePort,
          secret: webhookSecret,
          tenantId,
          ...database.baseline,
          ...database.baselineOptions(),
        }),
      ],
      {},
      `http://127.0.0.1:${baselinePort}/ready`,
    );
    stops.push(baseline.stop);
    const baselineUrl = `http://127.0.0.1:${baselinePort}`;

    const ingestPool = (size) => {
      const pool = signedPool(size, sessionCreated, webhookSecret, 'msg');
      pool.make = () => signedPool(1, sessionCreated, webhookSecret, 'msg')[0];
      return pool;
    };
    const hookBody = () => ({
      tenantId,
      requestedAt: new Date().toISOString(),
      sessionId: '900',
      uploader: 'guest',
      fileName: 'report.pdf',
      sizeBytes: 1000,
    });
    const hookPool = (size) => {
      const pool = signedPool(size, hookBody, webhookSecret, 'hook');
      pool.make = () => signedPool(1, hookBody, webhookSecret, 'hook')[0];
      return pool;
    };

    // One request of each kind by hand: the figures below must measure the intended path.
    const probe = async (url, pool) => {
      const { headers, body } = pool[0];
      const response = await fetch(url, { method: 'POST', headers, body });
      return { status: response.status, text: await response.text() };
    };
    const serviceProbe = await probe(`${serviceUrl}/webhooks/${tenantId}`, ingestPool(1));
    if (serviceProbe.status !== 202 || !serviceProbe.text.includes('"accepted"')) {
      throw new Error(`ingest probe: ${serviceProbe.status} ${serviceProbe.text}`);
    }
    const baselineProbe = await probe(`${baselineUrl}/webhooks/${tenantId}`, ingestPool(1));
    if (baselineProbe.status !== 204) {
      throw new Error(`baseline probe: ${baselineProbe.status} ${baselineProbe.text}`);
    }
    const hookProbe = await probe(`${serviceUrl}/hooks/file-upload`, hookPool(1));
    if (hookProbe.status !== 200 || !hookProbe.text.includes('"decidedBy":"settings"')) {
      throw new Error(`hook probe: ${hookProbe.status} ${hookProbe.text}`);
    }

    const ingestUrl = `${serviceUrl}/webhooks/${encodeURIComponent(tenantId)}`;
    const baselineIngestUrl = `${baselineUrl}/webhooks/${encodeURIComponent(tenantId)}`;
    const hookUrl = `${serviceUrl}/hooks/file-upload`;
    // Closed-loop pools sized well above what the bare handler managed on this machine kind.
    const closedPoolSize = (duration) => duration * 12_000;
    const ratePoolSize = (duration) => Math.ceil(duration * fixedRate * 1.5) + 500;

    const runs = {
      ingestClosed: [],
      baselineClosed: [],
      ingestRate: [],
      baselineRate: [],
      hooksRate: [],
      stored: [],
      serviceCpuPerEvent: [],
      baselineCpuPerEvent: [],
    };
    const log = (label, r) =>
      console.log(
        `[${kind}] ${label}: ${r.rps.toFixed(0)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, ` +
          `2xx ${r.ok}, other ${r.bad}, codes ${JSON.stringify(r.statusCodes)}` +
          (r.exhausted > 0 ? `, signed on the fly ${r.exhausted}` : ''),
      );
    // Nothing lost: every delivery answered 2xx is a row of the inbox (the probe's too).
    let accepted = 1;
    const checkStored = async (label, run) => {
      accepted += run.ok;
      const stored = await database.countStored();
      runs.stored.push({ accepted, stored });
      console.log(`[${kind}] ${label}: ${accepted} accepted so far, ${stored} stored`);
    };

    // Warm-up: JIT, connection pools, caches. Not recorded.
    for (const url of [ingestUrl, baselineIngestUrl]) {
      const r = await load({
        url,
        pool: ingestPool(closedPoolSize(warmupSeconds)),
        duration: warmupSeconds,
      });
      if (url === ingestUrl) await checkStored('warm-up', r);
    }
    await load({
      url: hookUrl,
      pool: hookPool(ratePoolSize(warmupSeconds)),
      duration: warmupSeconds,
      rate: fixedRate,
    });

    for (let rep = 1; rep <= repetitions; rep += 1) {
      let cpuBefore = service.cpuMs();
      let r = await load({
        url: ingestUrl,
        pool: ingestPool(closedPoolSize(seconds)),
        duration: seconds,
      });
      log(`#${rep} ingest closed`, r);
      runs.ingestClosed.push(r);
      await checkStored(`#${rep} ingest closed`, r);
      runs.serviceCpuPerEvent.push(((service.cpuMs() - cpuBefore) * 1000) / r.ok);

      cpuBefore = baseline.cpuMs();
      r = await load({
        url: baselineIngestUrl,
        pool: ingestPool(closedPoolSize(seconds)),
        duration: seconds,
      });
      log(`#${rep} baseline closed`, r);
      runs.baselineClosed.push(r);
      runs.baselineCpuPerEvent.push(((baseline.cpuMs() - cpuBefore) * 1000) / r.ok);
      console.log(
        `[${kind}] #${rep} CPU per event: service ${runs.serviceCpuPerEvent.at(-1).toFixed(0)} µs, ` +
          `baseline ${runs.baselineCpuPerEvent.at(-1).toFixed(0)} µs`,
      );

      r = await load({
        url: ingestUrl,
        pool: ingestPool(ratePoolSize(seconds)),
        duration: seconds,
        rate: fixedRate,
      });
      log(`#${rep} ingest ${fixedRate}/s`, r);
      runs.ingestRate.push(r);
      await checkStored(`#${rep} ingest ${fixedRate}/s`, r);

      r = await load({
        url: baselineIngestUrl,
        pool: ingestPool(ratePoolSize(seconds)),
        duration: seconds,
        rate: fixedRate,
      });
      log(`#${rep} baseline ${fixedRate}/s`, r);
      runs.baselineRate.push(r);

      r = await load({
        url: hookUrl,
        pool: hookPool(ratePoolSize(seconds)),
        duration: seconds,
        rate: fixedRate,
      });
      log(`#${rep} hooks ${fixedRate}/s`, r);
      runs.hooksRate.push(r);
    }
    return runs;
  } finally {
    for (const stop of stops.reverse()) await stop();
    await database.drop();
  }
}

const summarize = (list) => ({
  rps: median(list.map((r) => r.rps)),
  p50: median(list.map((r) => r.p50)),
  p99: median(list.map((r) => r.p99)),
  bad: list.reduce((sum, r) => sum + r.bad, 0),
  all: list,
});

const loadBefore = loadavg();
const results = {};
for (const kind of databases) {
  console.log(`== ${kind}`);
  const runs = await benchDatabase(kind);
  results[kind] = Object.fromEntries(
    Object.entries(runs).map(([key, list]) => [
      key,
      ['stored', 'serviceCpuPerEvent', 'baselineCpuPerEvent'].includes(key)
        ? list
        : summarize(list),
    ]),
  );
}

const ms = (value) => (Number.isFinite(value) ? `${value} ms` : 'n/a');
const rps = (value) => value.toFixed(0);
const each = (s, field) => s.all.map((r) => (field === 'rps' ? rps(r.rps) : r[field])).join(' / ');
const verdict = (met, text) => `${met ? '✅ met' : '❌ **missed**'}: ${text}`;

const sections = Object.entries(results).map(([kind, r]) => {
  const ratio = r.ingestClosed.rps / r.baselineClosed.rps;
  const failures = ['ingestClosed', 'baselineClosed', 'ingestRate', 'baselineRate', 'hooksRate']
    .filter((key) => r[key].bad > 0)
    .map((key) => `${key}: ${r[key].bad} non-2xx/errors`);
  // More stored than counted: requests in flight when a run's clock stopped were still stored.
  const lost = r.stored.filter((check) => check.stored < check.accepted);
  const lastStored = r.stored.at(-1);
  const serviceCpu = median(r.serviceCpuPerEvent);
  const baselineCpu = median(r.baselineCpuPerEvent);
  const cpuRatio = baselineCpu / serviceCpu;
  return `### ${kind === 'postgres' ? 'PostgreSQL' : 'SQLite'}

| | req/s | p50 | p99 | runs (req/s or p99) |
|---|---:|---:|---:|---|
| Ingest, closed loop (${connections} conn.) | ${rps(r.ingestClosed.rps)} | ${ms(r.ingestClosed.p50)} | ${ms(r.ingestClosed.p99)} | ${each(r.ingestClosed, 'rps')} |
| Bare Fastify baseline, closed loop | ${rps(r.baselineClosed.rps)} | ${ms(r.baselineClosed.p50)} | ${ms(r.baselineClosed.p99)} | ${each(r.baselineClosed, 'rps')} |
| **Ratio ingest / baseline** | **${ratio.toFixed(2)}×** | | | |
| CPU per event (service / baseline) | ${serviceCpu.toFixed(0)} µs / ${baselineCpu.toFixed(0)} µs | | | ${r.serviceCpuPerEvent.map((v) => v.toFixed(0)).join(' / ')} vs ${r.baselineCpuPerEvent.map((v) => v.toFixed(0)).join(' / ')} |
| **CPU ratio baseline / service** (throughput ratio of two CPU-bound servers on one core) | **${cpuRatio.toFixed(2)}×** | | | |
| Ingest at ${fixedRate} events/s | ${rps(r.ingestRate.rps)} | ${ms(r.ingestRate.p50)} | ${ms(r.ingestRate.p99)} | ${each(r.ingestRate, 'p99')} |
| Baseline at ${fixedRate} events/s | ${rps(r.baselineRate.rps)} | ${ms(r.baselineRate.p50)} | ${ms(r.baselineRate.p99)} | ${each(r.baselineRate, 'p99')} |
| Hook \`file-upload\` at ${fixedRate}/s | ${rps(r.hooksRate.rps)} | ${ms(r.hooksRate.p50)} | ${ms(r.hooksRate.p99)} | ${each(r.hooksRate, 'p99')} |

- ${verdict(ratio >= 0.5, `ingest ≥ 0.5× the bare handler — ${ratio.toFixed(2)}× in requests/s (CPU per event: ${cpuRatio.toFixed(2)}×)`)}
- ${verdict(r.ingestRate.p99 <= 25 && r.ingestRate.rps >= fixedRate * 0.95, `ingest p99 ≤ 25 ms at ${fixedRate} events/s — ${ms(r.ingestRate.p99)}${r.ingestRate.rps < fixedRate * 0.95 ? `, and only ${rps(r.ingestRate.rps)} events/s achieved` : ''}`)}
- ${verdict(r.hooksRate.p99 <= 10, `hook p99 ≤ 10 ms — ${ms(r.hooksRate.p99)}`)}
- ${verdict(lost.length === 0, `nothing lost: every delivery answered 2xx is stored — ${lastStored.accepted} answered 2xx within the runs' clocks, ${lastStored.stored} stored (the difference: requests in flight as a run ended)${lost.length > 0 ? `; fewer stored than answered after ${lost.length} runs` : ''}`)}.${failures.length > 0 ? `\n- Non-2xx or errors: ${failures.join('; ')}.` : ''}`;
});

writeSection(
  'backend-ingest',
  `## Backend: webhook ingest and decision hooks (\`apps/backend\`, \`pnpm bench\`)

Machine: ${machineLine()}. Run: ${new Date().toISOString()}. Load average (1/5/15 min) at
start ${loadBefore.map((v) => v.toFixed(2)).join(' / ')}, at end ${loadavg()
    .map((v) => v.toFixed(2))
    .join(' / ')}: ${
    Math.max(loadBefore[0], loadavg()[0]) > 1.5
      ? '**the machine was shared with other work during the run** (2 cores), so figures, tails above all, carry that noise'
      : 'the machine was otherwise quiet'
  }.

Method: the built service as an ingest instance (\`dist/main.js\`, \`NODE_ENV=production\`,
\`LOG_LEVEL=info\` to /dev/null, \`INBOX_WORKER=false\`: it verifies, parses, stores and answers, and
leaves processing to worker instances, so it does the baseline's work; a single-instance deployment
also processes in the same process, and that processing is the capabilities' own cost, measured in
their benchmarks)
and the baseline (\`bench/baseline-server.mjs\`: bare Fastify 5, no logger; \`verifyWebhook\` from
host-contract (node:crypto), \`JSON.parse\`, one \`INSERT\` into a table with the same columns, keys and
indexes as \`inbox\` — pg pool of 10 / libsql —, 204) each run as a separate process
${pinned ? 'pinned to core 1 (`taskset -c 1`); the load generator runs on core 0; PostgreSQL is not pinned' : 'unpinned (no taskset on this machine)'}.
Load: autocannon 9 in one process, ${connections} connections, every request a distinct, validly
signed (Standard Webhooks) \`SessionCreated\` delivery from a pool signed just before the run.
Closed loop: ${seconds} s per run; fixed rate: autocannon \`overallRate\` ${fixedRate}/s for ${seconds} s
(autocannon paces per connection and times from send, so latency under overload is understated).
Hooks: \`POST /hooks/file-upload\` (decided from the settings), signed, ${fixedRate}/s. After a ${warmupSeconds} s
warm-up of each, ${repetitions} repetitions interleaved (service, baseline, …); figures are medians of the
${repetitions}. After each service ingest run the bench counts the inbox rows: every delivery answered
2xx must be stored. Databases: a throwaway PostgreSQL database on
${new URL(pgServerUrl).host} (created and dropped) and SQLite temp files (service and baseline in separate files;
journal mode ${sqliteJournalMode} and synchronous=normal, the service's, applied to the baseline's
file and connection too).
CPU per event: user + system CPU of the server process (\`/proc/<pid>/stat\`) over a closed-loop
run ÷ events accepted; it does not depend on other work on the machine, which requests/s does.
In the fixed-rate rows, req/s is the rate achieved (below ${fixedRate}: the server could not keep up).
Goals (issue 4): ingest ≥ 0.5× baseline; ingest p99 ≤ 25 ms at ${fixedRate} events/s; hook p99 ≤ 10 ms.

${sections.join('\n\n')}
`,
);
console.log('BENCHMARKS.md: section backend-ingest written');

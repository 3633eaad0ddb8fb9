// Admission benchmark (issue 6): the session-admission hook with 100,000 active bans in the
// tenant, and the callback-request hook (same-number blocking, an atomic upsert) under concurrent
// load, of the BUILT service (dist/main.js, its own process) on PostgreSQL, next to a bare Fastify
// handler doing the same work by hand (this file, started with --baseline=<json>). One load
// generator (autocannon, in this process); servers pinned to one core, the load to the other, when
// taskset exists. Writes the `backend-admission` section of BENCHMARKS.md.
//
//   node bench/admission-bench.mjs [--pg-url=postgres://postgres@127.0.0.1:5432/postgres]
//                                  [--bans=100000] [--seconds=6] [--repetitions=3]
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  DEFAULT_TOLERANCE_SECONDS,
  generateWebhookSecret,
  signedHeaders,
  verifyWebhook,
} from '@switchboard/host-contract';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import pg from 'pg';
import { machineLine, writeSection } from '../../../tooling/scripts/benchmarks-file.mjs';

const args = Object.fromEntries(
  process.argv
    .slice(2)
    .map((arg) => /^--([^=]+)=(.*)$/.exec(arg))
    .filter((match) => match !== null)
    .map((match) => [match[1], match[2]]),
);

if (args.baseline !== undefined) {
  await runBaseline(JSON.parse(args.baseline));
} else {
  await runBench();
}

/**
 * The reference point: verify the Standard Webhooks signature, parse the JSON, run the one query
 * each hook needs with plain SQL (the same statements as the service, on the service's tables),
 * answer. No settings, no normalisation beyond what the SQL needs, no framework beyond Fastify.
 */
async function runBaseline(config) {
  const pool = new pg.Pool({ connectionString: config.pgUrl, max: 10 });
  const app = Fastify({ logger: false, bodyLimit: 262_144 });
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) =>
    done(null, body),
  );
  app.get('/ready', () => ({ ok: true }));
  const verified = (request, reply) => {
    const check = verifyWebhook(config.secret, request.headers, request.body, {
      toleranceSeconds: DEFAULT_TOLERANCE_SECONDS,
    });
    if (!check.ok) {
      void reply.code(401).send({ code: 'invalid_signature' });
      return null;
    }
    return JSON.parse(request.body.toString('utf8'));
  };
  app.post('/hooks/session-admission', async (request, reply) => {
    const body = verified(request, reply);
    if (body === null) return reply;
    const keys = [];
    if (body.guest?.trackedId) keys.push(`device:${body.guest.trackedId}`);
    if (body.guest?.channelIdentity) keys.push(`phone:${body.guest.channelIdentity}`);
    const { rows } = await pool.query(
      `select expires_at from ban where tenant_id = $1 and identity_key = any($2)
         and revoked_at is null and (expires_at is null or expires_at > now()) limit 20`,
      [body.tenantId, keys],
    );
    return rows.length === 0
      ? { decision: 'admit', preview: null }
      : { decision: 'refuse', reason: 'banned' };
  });
  app.post('/hooks/callback-request', async (request, reply) => {
    const body = verified(request, reply);
    if (body === null) return reply;
    const number = body.phoneNumber.replace(/[^\d+]/g, '');
    const { rows } = await pool.query(
      `insert into callback_number_block (tenant_id, number, accepted_at, session_id)
         values ($1, $2, now(), $3)
       on conflict (tenant_id, number) do update
         set accepted_at = excluded.accepted_at, session_id = excluded.session_id
         where callback_number_block.accepted_at <= now() - interval '30 minutes'
       returning id`,
      [body.tenantId, number, body.sessionId],
    );
    return rows.length > 0
      ? { decision: 'accept', normalizedNumber: number }
      : { decision: 'refuse', reason: 'number_blocked' };
  });
  await app.listen({ host: '127.0.0.1', port: config.port });
}

async function runBench() {
  const backendDir = join(import.meta.dirname, '..');
  const pgServerUrl = args['pg-url'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const banCount = Number(args.bans ?? 100_000);
  const seconds = Number(args.seconds ?? 6);
  const warmupSeconds = 3;
  const repetitions = Number(args.repetitions ?? 3);
  const connections = 10;
  const fixedRate = 200;

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

  const freePort = () =>
    new Promise((resolve, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const { port } = server.address();
        server.close(() => resolve(port));
      });
    });

  // e.g. --service-node-options="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the service.
  const serviceNodeOptions = (args['service-node-options'] ?? '').split(' ').filter(Boolean);

  async function startProcess(name, script, scriptArgs, env, readyUrl, nodeOptions = []) {
    const nodeArgs = [...nodeOptions, script, ...scriptArgs];
    const child = spawn(
      pinned ? taskset : process.execPath,
      pinned ? ['-c', '1', process.execPath, ...nodeArgs] : nodeArgs,
      {
        cwd: backendDir,
        env,
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
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
        if ((await fetch(readyUrl)).status === 200) break;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`${name} did not become ready:\n${stderr}`);
      }
      await sleep(100);
    }
    return async () => {
      if (exited) return;
      const done = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await done;
      clearTimeout(timer);
    };
  }

  const admin = async (sql) => {
    const client = new pg.Client({ connectionString: pgServerUrl, connectionTimeoutMillis: 3000 });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };

  /** Distinct, validly signed hook calls: each request sent is a new one. */
  const signedPool = (size, makeBody, secret) => {
    const pool = [];
    for (let i = 0; i < size; i += 1) {
      const body = JSON.stringify(makeBody(i));
      pool.push({
        body,
        headers: {
          'content-type': 'application/json',
          ...signedHeaders(secret, `hook_${randomUUID()}`, body),
        },
      });
    }
    return pool;
  };

  async function load({ url, pool, duration, rate }) {
    let next = 0;
    const result = await autocannon({
      url,
      method: 'POST',
      connections,
      duration,
      ...(rate === undefined ? {} : { overallRate: rate }),
      requests: [
        {
          setupRequest: (request) => {
            const item = pool[next % pool.length];
            next += 1;
            return { ...request, method: 'POST', headers: item.headers, body: item.body };
          },
        },
      ],
    });
    return {
      rps: result['2xx'] / (result.duration || duration),
      p50: result.latency.p50,
      p99: result.latency.p99,
      ok: result['2xx'],
      bad: result.non2xx + result.errors + result.timeouts,
      sent: next,
      pool: pool.length,
    };
  }

  const dbName = `sb_bench_adm_${randomBytes(6).toString('hex')}`;
  await admin(`create database "${dbName}"`);
  const dbUrl = new URL(pgServerUrl);
  dbUrl.pathname = `/${dbName}`;
  const stops = [];
  const results = {
    admission: [],
    admissionBaseline: [],
    admissionClosed: [],
    admissionBaselineClosed: [],
    callback: [],
    callbackBaseline: [],
    callbackClosed: [],
    callbackBaselineClosed: [],
    floorClosed: [],
  };
  const loadBefore = loadavg();
  let explain;
  try {
    const platformSecret = generateWebhookSecret();
    const servicePort = await freePort();
    stops.push(
      await startProcess(
        'backend',
        'dist/main.js',
        [],
        {
          NODE_ENV: 'production',
          HOST: '127.0.0.1',
          PORT: String(servicePort),
          LOG_LEVEL: 'info',
          PLATFORM_SECRETS: platformSecret,
          ENCRYPTION_KEYS: `bench:${randomBytes(32).toString('base64')}`,
          DATABASE_URL: dbUrl.toString(),
        },
        `http://127.0.0.1:${servicePort}/health/ready`,
        serviceNodeOptions,
      ),
    );
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
      timeZone: 'Europe/Prague',
      locale: 'cs',
    });
    const installed = await fetch(`${serviceUrl}/install`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...signedHeaders(platformSecret, `msg_${randomUUID()}`, install),
      },
      body: install,
    });
    if (installed.status !== 201)
      throw new Error(`install: ${installed.status} ${await installed.text()}`);
    const other = JSON.stringify({
      ...JSON.parse(install),
      tenantId: 'bench-other',
      webhookSecret: generateWebhookSecret(),
    });
    const otherInstalled = await fetch(`${serviceUrl}/install`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...signedHeaders(platformSecret, `msg_${randomUUID()}`, other),
      },
      body: other,
    });
    if (otherInstalled.status !== 201) throw new Error(`install: ${otherInstalled.status}`);

    // 100,000 active bans of the tenant (devices and phones), plus expired and revoked ones, and
    // the bans of another tenant, so the index has to tell them apart.
    const db = new pg.Client({ connectionString: dbUrl.toString() });
    await db.connect();
    try {
      const insertBans = (tenant, count, extra) =>
        db.query(
          `insert into ban (tenant_id, kind, value, identity_key, reason, duration, expires_at, created_at, created_by_id, created_by_role, revoked_at)
           select $1, k, v, k || ':' || v, 'bench', 'permanent', ${extra.expires}, now(), 'bench', 'admin', ${extra.revoked}
             from (select case when g % 2 = 0 then 'device' else 'phone' end as k,
                          case when g % 2 = 0 then 'dev-' || $3 || '-' || g
                               else '+4207' || lpad(g::text, 8, '0') end as v
                     from generate_series(1, $2) as g) s`,
          [tenant, count, extra.tag],
        );
      await insertBans(tenantId, banCount, { expires: 'null', revoked: 'null', tag: 'a' });
      await insertBans(tenantId, banCount / 10, {
        expires: "now() - interval '1 day'",
        revoked: 'null',
        tag: 'x',
      });
      await insertBans(tenantId, banCount / 10, { expires: 'null', revoked: 'now()', tag: 'r' });
      await insertBans('bench-other', banCount, { expires: 'null', revoked: 'null', tag: 'o' });
      await db.query('analyze ban');
      const plan = await db.query(
        `explain select expires_at from ban where tenant_id = $1 and identity_key in ($2, $3)
           and revoked_at is null and (expires_at is null or expires_at > now()) limit 20`,
        [tenantId, 'device:dev-a-2', 'phone:+420700000001'],
      );
      explain = plan.rows.map((row) => row['QUERY PLAN']).join('\n');
    } finally {
      await db.end();
    }

    const baselinePort = await freePort();
    stops.push(
      await startProcess(
        'baseline',
        join(import.meta.dirname, 'admission-bench.mjs'),
        [
          `--baseline=${JSON.stringify({ port: baselinePort, secret: webhookSecret, pgUrl: dbUrl.toString() })}`,
        ],
        {},
        `http://127.0.0.1:${baselinePort}/ready`,
      ),
    );
    const baselineUrl = `http://127.0.0.1:${baselinePort}`;

    // Admission: 9 of 10 clients unknown (admitted), 1 of 10 banned by device (refused).
    const admissionBody = (i) => ({
      tenantId,
      requestedAt: new Date().toISOString(),
      sessionId: String(1_000_000 + i),
      channel: 'Chat',
      source: 'Default',
      guest: {
        trackedId: i % 10 === 0 ? `dev-a-${(i % banCount) + 2}` : `fresh-${randomUUID()}`,
        channelIdentity: `+4207${String(90_000_000 + (i % 9_000_000)).padStart(8, '0')}`,
        ipAddress: '77.75.75.172',
        userAgent:
          'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
        language: 'cs',
      },
    });
    // Callbacks: mostly new numbers (insert), one in five repeats a number (refused).
    let callbackCounter = 0;
    const callbackBody = () => {
      callbackCounter += 1;
      const repeat = callbackCounter % 5 === 0;
      return {
        tenantId,
        requestedAt: new Date().toISOString(),
        sessionId: String(5_000_000 + callbackCounter),
        phoneNumber: `+42072${String(repeat ? callbackCounter - 1 : callbackCounter).padStart(7, '0')}`,
      };
    };
    // The floor every hook pays (signature, parsing, the framework, logging): a hook that reads
    // the cached settings only and touches no database.
    const fileUploadBody = () => ({
      tenantId,
      requestedAt: new Date().toISOString(),
      sessionId: '900',
      uploader: 'guest',
      fileName: 'report.pdf',
      sizeBytes: 1000,
    });
    const bodies = { admission: admissionBody, callback: callbackBody, fileUpload: fileUploadBody };
    const poolFor = (kind, size) => signedPool(size, bodies[kind], webhookSecret);

    // One request of each kind by hand: the figures must measure the intended path.
    const probe = async (url, item) => {
      const response = await fetch(url, { method: 'POST', headers: item.headers, body: item.body });
      return `${response.status} ${await response.text()}`;
    };
    const banned = signedPool(1, () => admissionBody(0), webhookSecret)[0];
    const admitted = signedPool(1, () => admissionBody(1), webhookSecret)[0];
    const checks = [
      [await probe(`${serviceUrl}/hooks/session-admission`, banned), '"decision":"refuse"'],
      [await probe(`${serviceUrl}/hooks/session-admission`, admitted), '"decision":"admit"'],
      [await probe(`${baselineUrl}/hooks/session-admission`, banned), '"decision":"refuse"'],
      [
        await probe(`${serviceUrl}/hooks/callback-request`, poolFor('callback', 1)[0]),
        '"decision":"accept"',
      ],
    ];
    for (const [answer, expected] of checks) {
      if (
        !answer.includes(expected) ||
        (!answer.includes('decidedBy') && answer.includes('"useHostDefault"'))
      ) {
        throw new Error(`probe answered ${answer}, expected ${expected}`);
      }
      if (answer.includes('"decidedBy":"default"'))
        throw new Error(`probe fell back to the default: ${answer}`);
    }

    // Transactions PostgreSQL committed per answered call: what each hook costs the database.
    const commits = async () => {
      const client = new pg.Client({ connectionString: pgServerUrl });
      await client.connect();
      try {
        const { rows } = await client.query(
          'select xact_commit from pg_stat_database where datname = $1',
          [dbName],
        );
        return Number(rows[0]?.xact_commit ?? Number.NaN);
      } finally {
        await client.end();
      }
    };
    const run = async (label, url, kind, rate, list) => {
      const size = rate === undefined ? seconds * 8000 : Math.ceil(seconds * rate * 1.2) + 100;
      const pool = poolFor(kind, size);
      const before = await commits();
      const r = await load({ url, pool, duration: seconds, rate });
      // The statistics collector reports with a delay of up to a second.
      await sleep(1200);
      r.commitsPerCall = ((await commits()) - before) / Math.max(1, r.ok);
      console.log(
        `${label}: ${r.rps.toFixed(0)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, 2xx ${r.ok}, other ${r.bad}, ` +
          `${r.commitsPerCall.toFixed(2)} transactions per call` +
          (r.sent > r.pool ? `, pool reused (${r.sent}/${r.pool})` : ''),
      );
      list.push(r);
    };
    const targets = {
      admission: [
        `${serviceUrl}/hooks/session-admission`,
        `${baselineUrl}/hooks/session-admission`,
      ],
      callback: [`${serviceUrl}/hooks/callback-request`, `${baselineUrl}/hooks/callback-request`],
    };
    for (const kind of ['admission', 'callback']) {
      for (const url of targets[kind]) {
        await load({
          url,
          pool: poolFor(kind, warmupSeconds * fixedRate + 100),
          duration: warmupSeconds,
          rate: fixedRate,
        });
      }
    }
    for (let rep = 1; rep <= repetitions; rep += 1) {
      const [adm, admBase] = targets.admission;
      const [cb, cbBase] = targets.callback;
      await run(`#${rep} admission ${fixedRate}/s`, adm, 'admission', fixedRate, results.admission);
      await run(
        `#${rep} admission baseline ${fixedRate}/s`,
        admBase,
        'admission',
        fixedRate,
        results.admissionBaseline,
      );
      await run(`#${rep} admission closed`, adm, 'admission', undefined, results.admissionClosed);
      await run(
        `#${rep} admission baseline closed`,
        admBase,
        'admission',
        undefined,
        results.admissionBaselineClosed,
      );
      await run(`#${rep} callback ${fixedRate}/s`, cb, 'callback', fixedRate, results.callback);
      await run(
        `#${rep} callback baseline ${fixedRate}/s`,
        cbBase,
        'callback',
        fixedRate,
        results.callbackBaseline,
      );
      await run(`#${rep} callback closed`, cb, 'callback', undefined, results.callbackClosed);
      await run(
        `#${rep} callback baseline closed`,
        cbBase,
        'callback',
        undefined,
        results.callbackBaselineClosed,
      );
      await run(
        `#${rep} file-upload closed`,
        `${serviceUrl}/hooks/file-upload`,
        'fileUpload',
        undefined,
        results.floorClosed,
      );
    }
  } finally {
    for (const stop of stops.reverse()) await stop();
    await admin(`drop database if exists "${dbName}" with (force)`);
  }

  const s = (list) => ({
    rps: median(list.map((r) => r.rps)),
    p50: median(list.map((r) => r.p50)),
    p99: median(list.map((r) => r.p99)),
    bad: list.reduce((sum, r) => sum + r.bad, 0),
    runs: list.map((r) => `${r.p99}`).join(' / '),
    commits: median(list.map((r) => r.commitsPerCall)),
  });
  const row = (label, list) => {
    const r = s(list);
    return `| ${label} | ${r.rps.toFixed(0)} | ${r.p50} ms | ${r.p99} ms | ${r.commits.toFixed(2)} | ${r.runs} |${r.bad > 0 ? ` ${r.bad} non-2xx/errors |` : ''}`;
  };
  const admissionP99 = s(results.admission).p99;
  const verdict = (met, text) => `${met ? '✅ met' : '❌ **missed**'}: ${text}`;
  writeSection(
    'backend-admission',
    `## Backend: admission and callback hooks (\`apps/backend\`, \`node bench/admission-bench.mjs\`)

Machine: ${machineLine()}. PostgreSQL 15. Load average (1/5/15 min) at start ${loadBefore
      .map((v) => v.toFixed(2))
      .join(' / ')}, at end ${loadavg()
      .map((v) => v.toFixed(2))
      .join(' / ')} (a shared machine: compare the service with the baseline of the same run).
Servers ${pinned ? 'pinned to core 1, load generator to core 0' : 'unpinned (no taskset)'}; ${connections}
connections; ${repetitions} repetitions of ${seconds} s, medians shown, the p99 of each run listed.

The tenant holds ${banCount.toLocaleString('en')} active bans (half devices, half phone numbers), ${(banCount / 10).toLocaleString('en')} expired and
${(banCount / 10).toLocaleString('en')} revoked ones; another tenant ${banCount.toLocaleString('en')} more. One admission call in ten is from a banned
device (refused), the rest admitted with the preview (user agent and GeoIP derived per call). Of the
callback requests, one in five repeats the previous number (refused by the atomic upsert). The
baseline is a bare Fastify handler: signature check, JSON parse, the same SQL statement, answer.

| | req/s | p50 | p99 | DB transactions per call | p99 per run |
|---|---:|---:|---:|---:|---|
${row(`Admission hook at ${fixedRate}/s`, results.admission)}
${row(`Baseline admission at ${fixedRate}/s`, results.admissionBaseline)}
${row('Admission hook, closed loop', results.admissionClosed)}
${row('Baseline admission, closed loop', results.admissionBaselineClosed)}
${row(`Callback hook at ${fixedRate}/s`, results.callback)}
${row(`Baseline callback at ${fixedRate}/s`, results.callbackBaseline)}
${row('Callback hook, closed loop', results.callbackClosed)}
${row('Baseline callback, closed loop', results.callbackBaselineClosed)}
${row('Floor: `file-upload` hook (settings only, no query), closed loop', results.floorClosed)}

- ${verdict(admissionP99 <= 10, `admission hook p99 ≤ 10 ms at ${fixedRate}/s with ${banCount.toLocaleString('en')} active bans — ${admissionP99} ms`)}
- ${verdict(s(results.callback).p99 <= 10, `callback hook p99 ≤ 10 ms at ${fixedRate}/s — ${s(results.callback).p99} ms`)}
- Closed-loop throughput, service / baseline: admission ${(s(results.admissionClosed).rps / s(results.admissionBaselineClosed).rps).toFixed(2)}×, callback ${(s(results.callbackClosed).rps / s(results.callbackBaselineClosed).rps).toFixed(2)}×; against the service's own hook floor (\`file-upload\`): admission ${(s(results.admissionClosed).rps / s(results.floorClosed).rps).toFixed(2)}×, callback ${(s(results.callbackClosed).rps / s(results.floorClosed).rps).toFixed(2)}×.
- The ban lookup's plan (PostgreSQL \`explain\`):

\`\`\`
${explain}
\`\`\``,
  );
  console.log('wrote the backend-admission section of BENCHMARKS.md');
}

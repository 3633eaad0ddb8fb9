// `pnpm bench` for automatic anonymization (issue 9), on PostgreSQL: sessions anonymized per
// second end to end by the BUILT service (dist/main.js, its own process) against the host sandbox
// (apps/host-sandbox/dist, its own process) on loopback, with the share of the run's time spent
// waiting for the host versus in Switchboard (its ledger, index, audit and erasers), next to a
// baseline in the same run: a plain loop in this process making the very same host calls (one
// re-read of the sessions per batch of 50, then one anonymize-by-category call per session, 4 in
// flight, through the same HostApiClient) on an identical second tenant. Writes the
// `backend-anonymization` section of BENCHMARKS.md.
//
//   node bench/anonymization-bench.mjs [--pg-url=postgres://postgres@127.0.0.1:5432/postgres]
//                                      [--sessions=5000] [--repetitions=2]
//                                      [--service-log=debug] [--service-node-options=...]
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { HostApiClient } from '@switchboard/host-contract';
import { SignJWT } from 'jose';
import pg from 'pg';
import { machineLine, writeSection } from '../../../tooling/scripts/benchmarks-file.mjs';

const backendDir = join(import.meta.dirname, '..');
const sandboxMain = join(backendDir, '..', 'host-sandbox', 'dist', 'main.js');
for (const file of [join(backendDir, 'dist', 'main.js'), sandboxMain]) {
  if (!existsSync(file)) {
    console.error(
      `${file} is missing: build first (pnpm turbo run build --filter @switchboard/backend...)`,
    );
    process.exit(1);
  }
}

const args = Object.fromEntries(
  process.argv
    .slice(2)
    .map((arg) => /^--([^=]+)=(.*)$/.exec(arg))
    .filter((match) => match !== null)
    .map((match) => [match[1], match[2]]),
);
const pgServerUrl = args['pg-url'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const sessionCount = Number(args.sessions ?? 5000);
const repetitions = Number(args.repetitions ?? 2);
/** The engine's batch, host concurrency and batches in hand, as the baseline copies them. */
const {
  BATCH_SIZE: BATCH,
  HOST_CONCURRENCY: CONCURRENCY,
  LANES,
} = await import('../dist/anonymization/run-engine.service.js');
/** The port range of this benchmark's processes. */
const PORTS = [41400, 41499];
const platformSecret = `whsec_${randomBytes(32).toString('base64')}`;
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function portFree(port) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
let nextPort = PORTS[0];
async function freePort() {
  for (; nextPort <= PORTS[1]; nextPort++) if (await portFree(nextPort)) return nextPort++;
  throw new Error(`no free port in ${PORTS.join('-')}`);
}

const clockTicksPerSecond = 100;
function cpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicksPerSecond;
  } catch {
    return Number.NaN;
  }
}

// e.g. --service-node-options="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the service, and
// --service-log=debug to see its log (each batch of a run logs its timings at debug).
const serviceLogLevel = args['service-log'];
const serviceNodeOptions = (args['service-node-options'] ?? '').split(' ').filter(Boolean);

async function startProcess(name, script, env, readyUrl, nodeOptions = []) {
  const child = spawn(process.execPath, [...nodeOptions, script], {
    cwd: env.SANDBOX_DATA_DIR ?? backendDir,
    env,
    stdio: [
      'ignore',
      serviceLogLevel !== undefined && name === 'service' ? 'inherit' : 'ignore',
      'pipe',
    ],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr = (stderr + String(chunk)).slice(-4000)));
  let exited = false;
  child.once('exit', () => (exited = true));
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
  return {
    cpuMs: () => cpuMs(child.pid),
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

async function pgAdmin(sql) {
  const client = new pg.Client({ connectionString: pgServerUrl, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

// --- the host's history ------------------------------------------------------------------------
const DAY_MS = 86_400_000;
/** The same history for every tenant: all due, every 7th under legal hold, rich client data. */
function history(count, packageIds) {
  const now = Date.now();
  const packages = [...packageIds, null];
  return Array.from({ length: count }, (_, i) => ({
    channel: ['Chat', 'AV', 'Phone'][i % 3],
    source: i % 3 === 2 ? 'Callback' : 'Default',
    packageId: packages[i % packages.length],
    ended: new Date(now - [40, 100, 365, 800][i % 4] * DAY_MS - i * 1000).toISOString(),
    durationSeconds: 300,
    guest: {
      name: `Klient ${i}`,
      email: `klient${i}@example.cz`,
      phone: `+420777${String(i).padStart(6, '0')}`,
      ipAddress: `10.0.${(i >> 8) & 255}.${i & 255}`,
      trackedId: `device-${i}`,
    },
    messages: [{ text: `Dobrý den, tady ${i}` }, { from: 'operator', text: 'Jak pomohu?' }],
    files: [`doklad-${i}.pdf`],
    recordings: i % 2,
    callParams: { jmeno: `Klient ${i}`, objednavka: `OBJ-${i}` },
    tags: i % 7 === 0 ? ['legal-hold'] : [],
    contactId: 70_000 + i,
    result: `výsledek ${i}`,
    feedback: { stars: 1 + (i % 5), text: `hodnocení ${i}` },
  }));
}

function sandboxApi(sandboxUrl) {
  return async (method, path, body) => {
    const response = await fetch(`${sandboxUrl}/control${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return text === '' ? null : JSON.parse(text);
  };
}

async function seedTenant(control, tenantId) {
  const packages = (await control('GET', `/tenants/${tenantId}/packages`)).map((p) => p.packageId);
  const sessions = history(sessionCount, packages);
  const ids = [];
  for (let offset = 0; offset < sessions.length; offset += 500) {
    const { ids: created } = await control('POST', `/tenants/${tenantId}/sessions/history`, {
      sessions: sessions.slice(offset, offset + 500),
    });
    ids.push(...created);
  }
  return { ids, held: new Set(ids.filter((_, i) => i % 7 === 0)) };
}

// --- Switchboard's run -------------------------------------------------------------------------
async function switchboardRun({ serviceUrl, control, tenantId, service, sandbox, database }) {
  const { installation } = await control('POST', `/tenants/${tenantId}/install-plugin`, {
    switchboardUrl: serviceUrl,
    platformSecret,
  });
  const now = Math.floor(Date.now() / 1000);
  const token = await new SignJWT({ tid: String(tenantId), roles: ['admin'] })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject('bench-admin')
    .setAudience('switchboard')
    .setJti(randomBytes(8).toString('hex'))
    .setIssuedAt(now)
    .setExpirationTime(now + 600)
    .sign(new TextEncoder().encode(installation.panelTokenSecret));
  const session = await fetch(`${serviceUrl}/api/auth/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token }),
  });
  const authorization = `Bearer ${(await session.json()).sessionToken}`;
  const api = async (method, path, body, headers = {}) => {
    const response = await fetch(`${serviceUrl}${path}`, {
      method,
      headers: {
        authorization,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return JSON.parse(text);
  };
  for (;;) {
    const status = await api('GET', '/api/anonymization/status');
    const latest = status.backfills[0];
    if (latest?.status === 'completed') break;
    if (latest?.status === 'failed') throw new Error(`backfill failed: ${latest.error}`);
    await sleep(250);
  }
  const settings = await api('GET', '/api/settings');
  await api(
    'PATCH',
    '/api/settings',
    {
      values: {
        'general.autoAnonymization': {
          enabled: true,
          olderThanDays: 30,
          exemptTags: ['legal-hold'],
          window: { start: '02:00', end: '05:00' },
          timeZone: 'Europe/Prague',
        },
      },
    },
    { 'if-match': `"${settings.version}"` },
  );
  const cpu = { service: service.cpuMs(), sandbox: sandbox.cpuMs() };
  const started = performance.now();
  const run = await api('POST', '/api/anonymization/runs');
  let body;
  for (;;) {
    await sleep(500);
    body = await api('GET', `/api/anonymization/runs/${run.id}`);
    if (body.status !== 'running') break;
  }
  const wallMs = performance.now() - started;
  if (body.status !== 'completed') throw new Error(`run ended ${body.status}`);
  const client = new pg.Client({ connectionString: database });
  await client.connect();
  const [{ started_at: createdAt, finished_at: finishedAt }] = (
    await client.query(
      'select created_at as started_at, finished_at from anonymization_run where id = $1',
      [run.id],
    )
  ).rows;
  await client.end();
  const runMs = finishedAt.getTime() - createdAt.getTime();
  return {
    done: body.counts.done,
    skipped: body.counts.skipped,
    runMs,
    wallMs,
    hostMs: body.hostMs,
    switchboardMs: body.switchboardMs,
    erasureMs: body.erasureMs,
    serviceCpuMs: service.cpuMs() - cpu.service,
    sandboxCpuMs: sandbox.cpuMs() - cpu.sandbox,
  };
}

// --- the baseline: the same host calls in a plain loop -------------------------------------------
async function baselineRun({ sandboxUrl, tenant, ids, held, sandbox }) {
  const client = new HostApiClient({
    baseUrl: `${sandboxUrl}/api/v1`,
    clientId: tenant.clientId,
    clientSecret: tenant.clientSecret,
    limits: { maxConcurrency: CONCURRENCY },
  });
  const categories = [
    'messages_files',
    'recordings',
    'contact_link',
    'session_params',
    'result_feedback',
  ];
  const cpu = sandbox.cpuMs();
  const started = performance.now();
  let done = 0;
  for (let start = 0; start < ids.length; start += BATCH) {
    const batch = ids.slice(start, start + BATCH).map(String);
    const current = await client.listSessions({ sessionId: batch, limit: batch.length });
    const eligible = current
      .filter((s) => !(s.tags ?? []).some((t) => t.name === 'legal-hold'))
      .map((s) => s.id);
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < eligible.length) {
          const id = eligible[next++];
          await client.anonymizeSessionCategories(id, categories);
          done++;
        }
      }),
    );
  }
  const ms = performance.now() - started;
  if (done !== ids.length - held.size) throw new Error(`baseline anonymized ${done}`);
  return { done, ms, sandboxCpuMs: sandbox.cpuMs() - cpu };
}

// --- main ------------------------------------------------------------------------------------------
const loadBefore = loadavg();
const results = [];
for (let repetition = 0; repetition < repetitions; repetition++) {
  const stops = [];
  const dbName = `sb_bench_anon_${randomBytes(5).toString('hex')}`;
  await pgAdmin(`create database "${dbName}"`);
  const dbUrl = new URL(pgServerUrl);
  dbUrl.pathname = `/${dbName}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'sb-bench-sandbox-'));
  try {
    const sandboxPort = await freePort();
    const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
    const sandbox = await startProcess(
      'sandbox',
      sandboxMain,
      {
        SANDBOX_PORT: String(sandboxPort),
        SANDBOX_DATA_DIR: dataDir,
        SANDBOX_PERSIST_DEBOUNCE_MS: '60000',
        LOG_LEVEL: 'warn',
      },
      `${sandboxUrl}/health`,
    );
    stops.push(sandbox.stop);
    const servicePort = await freePort();
    const serviceUrl = `http://127.0.0.1:${servicePort}`;
    const service = await startProcess(
      'service',
      join(backendDir, 'dist', 'main.js'),
      {
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        PORT: String(servicePort),
        LOG_LEVEL: serviceLogLevel ?? 'warn',
        PLATFORM_SECRETS: platformSecret,
        ENCRYPTION_KEYS: `bench:${randomBytes(32).toString('base64')}`,
        DATABASE_URL: dbUrl.toString(),
      },
      `${serviceUrl}/health/ready`,
      serviceNodeOptions,
    );
    stops.push(service.stop);
    const control = sandboxApi(sandboxUrl);
    // Two identical tenants: one for Switchboard, one for the baseline loop.
    const baselineTenant = await control('POST', '/seed', { name: 'Baseline s.r.o.' });
    const switchboardSeed = await seedTenant(control, 101);
    const baselineSeed = await seedTenant(control, baselineTenant.tenantId);

    const ordered =
      repetition % 2 === 0 ? ['switchboard', 'baseline'] : ['baseline', 'switchboard'];
    const result = {};
    for (const which of ordered) {
      if (which === 'switchboard') {
        result.switchboard = await switchboardRun({
          serviceUrl,
          control,
          tenantId: 101,
          service,
          sandbox,
          database: dbUrl.toString(),
        });
        if (result.switchboard.done !== sessionCount - switchboardSeed.held.size) {
          throw new Error(`Switchboard anonymized ${result.switchboard.done}`);
        }
      } else {
        result.baseline = await baselineRun({
          sandboxUrl,
          tenant: baselineTenant,
          ids: baselineSeed.ids,
          held: baselineSeed.held,
          sandbox,
        });
      }
    }
    results.push(result);
    const sb = result.switchboard;
    console.log(
      `[${repetition + 1}] Switchboard: ${sb.done} sessions in ${sb.runMs.toFixed(0)} ms ` +
        `(${((sb.done / sb.runMs) * 1000).toFixed(0)}/s; host ${sb.hostMs} ms, Switchboard ${sb.switchboardMs} ms); ` +
        `baseline: ${result.baseline.done} in ${result.baseline.ms.toFixed(0)} ms ` +
        `(${((result.baseline.done / result.baseline.ms) * 1000).toFixed(0)}/s)`,
    );
  } finally {
    for (const stop of stops.reverse()) await stop();
    rmSync(dataDir, { recursive: true, force: true });
    await pgAdmin(`drop database if exists "${dbName}" with (force)`);
  }
}
const loadAfter = loadavg();

const rate = (done, ms) => (done / ms) * 1000;
const sbRate = median(results.map((r) => rate(r.switchboard.done, r.switchboard.runMs)));
const baseRate = median(results.map((r) => rate(r.baseline.done, r.baseline.ms)));
const hostShare = median(
  results.map((r) => r.switchboard.hostMs / (r.switchboard.hostMs + r.switchboard.switchboardMs)),
);
const erasureShare = median(
  results.map(
    (r) => r.switchboard.erasureMs / (r.switchboard.hostMs + r.switchboard.switchboardMs),
  ),
);
const serviceCpuPerSession = median(
  results.map((r) => r.switchboard.serviceCpuMs / r.switchboard.done),
);
const sandboxCpuSb = median(results.map((r) => r.switchboard.sandboxCpuMs / r.switchboard.done));
const sandboxCpuBase = median(results.map((r) => r.baseline.sandboxCpuMs / r.baseline.done));
const pct = (value) => `${(value * 100).toFixed(0)} %`;
const per = (value) => `${value.toFixed(2)} ms`;
const rows = results.map(
  (r, i) =>
    `| ${i + 1} | ${rate(r.switchboard.done, r.switchboard.runMs).toFixed(0)} | ${r.switchboard.hostMs} / ${r.switchboard.switchboardMs} (${r.switchboard.erasureMs}) | ${rate(r.baseline.done, r.baseline.ms).toFixed(0)} |`,
);

const markdown = `## Backend: automatic anonymization (\`apps/backend\`, \`node bench/anonymization-bench.mjs\`)

Machine: ${machineLine()}. Run: ${new Date().toISOString()}. Load average (1/5/15 min) at start
${loadBefore.map((v) => v.toFixed(2)).join(' / ')}, at end ${loadAfter.map((v) => v.toFixed(2)).join(' / ')}: ${
  Math.max(loadBefore[0], loadAfter[0]) > 1.5
    ? '**the machine was shared with other work during the run** (2 cores), so the figures carry that noise'
    : 'the machine was otherwise quiet'
}.

Method: PostgreSQL (a throwaway database on ${new URL(pgServerUrl).host}); the built service (\`dist/main.js\`,
\`NODE_ENV=production\`) and the host sandbox (\`apps/host-sandbox/dist\`) as separate processes on loopback.
Each repetition seeds two identical tenants on the sandbox with ${sessionCount} ended sessions each (all older
than the rule's 30 days, every 7th under legal hold; messages, a file, every other one a recording,
parameters, a contact link, result and feedback). **Switchboard**: install (the backfill fills the
index), save the rule, \`POST /api/anonymization/runs\`, timed from the run's creation to its end (the
run's own timestamps): selection, re-reading each batch of ${BATCH} on the host (legal holds), one
anonymize-by-category call per session (${CONCURRENCY} in flight), erasers, ledger (6 rows per session), index,
audit. The run records how long its batches waited for the host and how long Switchboard's own work
took, and of that how long the capabilities' erasers took (registered through the per-session
\`SessionErasureRegistry\`, whose \`eraseSession\` runs each capability's statements once per session). **Baseline**: the same host calls in a plain loop in the bench process on the second tenant: one
\`GET /Sessions?SessionId=…\` per ${BATCH}, then one \`POST …/extension/sessions/{id}/anonymize\` per session without a
legal hold, ${CONCURRENCY} in flight, the same HostApiClient; no database. ${repetitions} repetition(s), order alternating,
medians. The service works on ${LANES} batches at once (one's host calls overlap another's commit), so its
host and Switchboard times add up to more than the run's duration: the shares below are of their sum.

| | Sessions anonymized/s | Time waiting for the host | Time in Switchboard | of which the erasers of Switchboard's data |
|---|---|---|---|---|
| Switchboard run (end to end) | **${sbRate.toFixed(0)}** | ${pct(hostShare)} | ${pct(1 - hostShare)} | ${pct(erasureShare)} |
| Baseline loop (host calls only) | **${baseRate.toFixed(0)}** | 100 % | – | – |

Switchboard reaches ${pct(sbRate / baseRate)} of the baseline's rate. CPU per session: service ${per(serviceCpuPerSession)};
sandbox ${per(sandboxCpuSb)} during Switchboard's run, ${per(sandboxCpuBase)} during the baseline (the host's share is the same
work either way).

| Repetition | Switchboard sessions/s | host ms / Switchboard ms (erasers ms) | Baseline sessions/s |
|---|---|---|---|
${rows.join('\n')}
`;
writeSection('backend-anonymization', markdown);
console.log(markdown);

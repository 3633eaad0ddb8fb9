// A backend process for the multi-process job tests and the jobs benchmark: the BUILT service
// (dist/, booted exactly as dist/main.js boots it: env validated, migrations, listen) plus one
// test-only job kind, `fixture.effect`, whose handler records its run in `jobs_fixture_effect`
// (the caller creates that table). Production code has no test kinds, so they are registered
// here, on the running app, the way a capability registers its kinds.
//
//   node test/support/jobs-fixture.mjs [--lease-ms=60000] [--transactional=false]
//
// Prints one JSON line `{"ready":true,...}` once it runs jobs. Handler payload: { sleepMs? }.
import { setTimeout as sleep } from 'node:timers/promises';
import { startApp } from '../../dist/bootstrap.js';
import { loadEnv } from '../../dist/config/env.js';
import { JobHandlerRegistry } from '../../dist/jobs/job-handler.registry.js';

const args = Object.fromEntries(
  process.argv
    .slice(2)
    .map((arg) => /^--([^=]+)=(.*)$/.exec(arg))
    .filter((match) => match !== null)
    .map((match) => [match[1], match[2]]),
);

const app = await startApp(loadEnv());
app.get(JobHandlerRegistry).register(
  'fixture.effect',
  async (job, em) => {
    const sleepMs = Number(job.payload?.sleepMs ?? 0);
    if (sleepMs > 0) await sleep(sleepMs);
    await em
      .getConnection()
      .execute(
        'insert into jobs_fixture_effect (job_id, attempt, pid, done_at) values (?, ?, ?, ?)',
        [job.id, job.attempt, process.pid, Date.now()],
        'run',
        em.getTransactionContext(),
      );
  },
  {
    leaseMs: Number(args['lease-ms'] ?? 60_000),
    transactional: args.transactional === 'true',
  },
);
console.log(JSON.stringify({ ready: true, pid: process.pid, url: await app.getUrl() }));

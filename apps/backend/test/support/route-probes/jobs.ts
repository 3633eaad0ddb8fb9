import { randomBytes } from 'node:crypto';
import { JobsService } from '../../../src/jobs/jobs.service.js';
import { sql } from '../host-deliveries.js';
import type { ProbeContext, RouteProbes } from './probe.js';

/** A's dead job, created by the seed (no instance runs its kind, so it only changes by retry). */
let aDeadJobId: number | undefined;

async function seedDeadJob(ctx: ProbeContext): Promise<void> {
  if (aDeadJobId !== undefined) return;
  const marker = `jobsmarker${randomBytes(6).toString('hex')}`;
  const { id } = await ctx.t.app.get(JobsService).schedule({
    kind: `probe.${marker}`,
    tenantId: ctx.a.tenantId,
    key: `key-${marker}`,
    payload: { note: marker },
    dueAt: new Date(Date.now() + 3_600_000),
  });
  await sql(ctx.t, "update job set state = 'dead', attempts = 1, last_error = ? where id = ?", [
    `error ${marker}`,
    id,
  ]);
  aDeadJobId = id;
  ctx.aMarkers.push(marker);
}

async function aDeadJobUnchanged(ctx: ProbeContext): Promise<void> {
  const rows = await sql(ctx.t, 'select state, attempts from job where id = ? and tenant_id = ?', [
    aDeadJobId,
    ctx.a.tenantId,
  ]);
  if (rows[0]?.['state'] !== 'dead' || Number(rows[0]['attempts']) !== 1) {
    throw new Error(`A's dead job changed: ${JSON.stringify(rows[0])}`);
  }
}

/** Probes of the jobs admin API: stats and dead letters of the caller's tenant only. */
export const jobsRouteProbes: RouteProbes = {
  'GET /api/jobs/stats': {
    reason: "counts only the caller's tenant's jobs (A's kinds never appear)",
    seed: seedDeadJob,
    call: (ctx) =>
      fetch(`${ctx.t.baseUrl}/api/jobs/stats`, { headers: { authorization: ctx.bAuthorization } }),
    expect: 'scoped',
  },
  'GET /api/jobs/dead-letters': {
    reason: "lists only the caller's tenant's dead jobs",
    seed: seedDeadJob,
    call: (ctx) =>
      fetch(
        `${ctx.t.baseUrl}/api/jobs/dead-letters?filter=${encodeURIComponent(JSON.stringify({ id: [aDeadJobId] }))}`,
        { headers: { authorization: ctx.bAuthorization } },
      ),
    expect: 'scoped',
  },
  'POST /api/jobs/dead-letters/:id/retry': {
    reason: "the dead job is looked up under the caller's tenant",
    seed: seedDeadJob,
    call: (ctx) =>
      fetch(`${ctx.t.baseUrl}/api/jobs/dead-letters/${aDeadJobId}/retry`, {
        method: 'POST',
        headers: { authorization: ctx.bAuthorization },
      }),
    expect: 'denied',
    verifyUnchanged: aDeadJobUnchanged,
  },
};

import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { EntityManager } from '@mikro-orm/core';
import { AnonymizationRunItem } from '../../../src/anonymization/anonymization-run-item.entity.js';
import { AnonymizationRun } from '../../../src/anonymization/anonymization-run.entity.js';
import { seedAnonymizationRows } from '../anonymization-rows.js';
import type { ProbeContext, RouteProbe, RouteProbes } from './probe.js';

/** A's anonymization data, created by the seed: ids go in paths, the texts are markers. */
const A = {
  runId: randomUUID(),
  backfillId: randomUUID(),
  // A 17-digit session id nobody else has: it appears in every answer that leaks A's data.
  sessionId: `9${String(randomInt(1e9)).padStart(9, '0')}${String(randomInt(1e7)).padStart(7, '0')}`,
};

async function seedAnonymization(ctx: ProbeContext): Promise<void> {
  const marker = `anonmarker${randomBytes(6).toString('hex')}`;
  await seedAnonymizationRows(ctx.t, ctx.a.tenantId, { ...A, marker });
  ctx.aMarkers.push(marker, A.sessionId, A.runId, A.backfillId);
}

/** A's run is still running and its item untouched (a write by B changed nothing). */
async function aRunUnchanged(ctx: ProbeContext): Promise<void> {
  const em = ctx.t.app.get(EntityManager).fork();
  const run = await em.findOne(AnonymizationRun, { id: A.runId });
  const items = await em.find(AnonymizationRunItem, { run: A.runId });
  if (run?.status !== 'running' || items.length !== 1 || items[0]?.status !== 'failed') {
    throw new Error(`A's run changed: ${run?.status} with ${items.length} items`);
  }
}

const request =
  (method: string, path: (ctx: ProbeContext) => string, body?: unknown): RouteProbe['call'] =>
  (ctx) =>
    fetch(`${ctx.t.baseUrl}${path(ctx)}`, {
      method,
      headers: {
        authorization: ctx.bAuthorization,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

const scopedRead = (reason: string, path: string, seed?: RouteProbe['seed']): RouteProbe => ({
  reason,
  ...(seed === undefined ? {} : { seed }),
  call: request('GET', () => path),
  expect: 'scoped',
});

const deniedRead = (reason: string, path: string): RouteProbe => ({
  reason,
  call: request('GET', () => path),
  expect: 'denied',
});

/** Probes of setting 4: every read is under the caller's tenant; A's ids are not found for B. */
export const anonymizationRouteProbes: RouteProbes = {
  'POST /api/anonymization/dry-run': {
    reason: "a dry run counts the caller's own index only",
    seed: seedAnonymization,
    call: request('POST', () => '/api/anonymization/dry-run', {
      rule: {
        enabled: true,
        olderThanDays: 1,
        window: { start: '02:00', end: '05:00' },
        timeZone: 'Europe/Prague',
      },
    }),
    expect: 'scoped',
  },
  'GET /api/anonymization/status': scopedRead(
    "the overview reads the caller's runs, index and backfills",
    '/api/anonymization/status',
  ),
  'GET /api/anonymization/runs': scopedRead(
    "lists only the caller's runs",
    '/api/anonymization/runs',
  ),
  'POST /api/anonymization/runs': {
    reason: "a run starts for the caller's tenant with the caller's rule",
    call: request('POST', () => '/api/anonymization/runs'),
    expect: 'scoped',
    verifyUnchanged: aRunUnchanged,
  },
  'GET /api/anonymization/runs/:id': deniedRead(
    "the run is looked up under the caller's tenant",
    `/api/anonymization/runs/${A.runId}`,
  ),
  'POST /api/anonymization/runs/:id/cancel': {
    reason: "the run to cancel is looked up under the caller's tenant",
    call: request('POST', () => `/api/anonymization/runs/${A.runId}/cancel`),
    expect: 'denied',
    verifyUnchanged: aRunUnchanged,
  },
  'GET /api/anonymization/runs/:id/items': deniedRead(
    "the run is looked up under the caller's tenant",
    `/api/anonymization/runs/${A.runId}/items`,
  ),
  'GET /api/anonymization/runs/:id/ledger.csv': deniedRead(
    "the run is looked up under the caller's tenant",
    `/api/anonymization/runs/${A.runId}/ledger.csv`,
  ),
  'GET /api/anonymization/ledger': scopedRead(
    "lists only the caller's ledger, even filtered by A's session",
    `/api/anonymization/ledger?filter=${encodeURIComponent(JSON.stringify({ sessionId: A.sessionId }))}`,
  ),
  'GET /api/anonymization/ledger.csv': scopedRead(
    "exports only the caller's ledger",
    '/api/anonymization/ledger.csv',
  ),
  'GET /api/anonymization/sessions/:sessionId': deniedRead(
    "a session's proof is read under the caller's tenant",
    `/api/anonymization/sessions/${A.sessionId}`,
  ),
  'POST /api/anonymization/backfills': {
    reason: "a backfill fills the caller's index from the caller's host",
    call: request('POST', () => '/api/anonymization/backfills', {}),
    expect: 'scoped',
  },
  'GET /api/anonymization/backfills/:id': deniedRead(
    "the backfill is looked up under the caller's tenant",
    `/api/anonymization/backfills/${A.backfillId}`,
  ),
};

import { randomInt, randomUUID } from 'node:crypto';
import { EntityManager } from '@mikro-orm/core';
import { AnonymizationRunItem } from '../../src/anonymization/anonymization-run-item.entity.js';
import { AnonymizationRun } from '../../src/anonymization/anonymization-run.entity.js';
import { Backfill } from '../../src/anonymization/backfill.entity.js';
import { EndedSession } from '../../src/anonymization/ended-session.entity.js';
import { LedgerEntry } from '../../src/anonymization/ledger-entry.entity.js';
import { Tenant } from '../../src/installation/tenant.entity.js';
import type { TestApp } from './test-app.js';

export interface AnonymizationRows {
  runId: string;
  backfillId: string;
  sessionId: string;
  /** Text put in the rows' free-text fields. */
  marker: string;
}

/**
 * Gives a tenant one row in each anonymization table (index, run still running, item, ledger,
 * backfill) without a host: for tests about every tenant table (isolation probes, uninstall).
 */
export async function seedAnonymizationRows(
  t: TestApp,
  tenantId: string,
  rows: Partial<AnonymizationRows> = {},
): Promise<AnonymizationRows> {
  const ids: AnonymizationRows = {
    runId: rows.runId ?? randomUUID(),
    backfillId: rows.backfillId ?? randomUUID(),
    sessionId: rows.sessionId ?? String(8_000_000_000 + randomInt(1e9)),
    marker: rows.marker ?? 'seeded',
  };
  const em = t.app.get(EntityManager).fork();
  const tenant = em.getReference(Tenant, tenantId);
  const now = new Date();
  const run = Object.assign(new AnonymizationRun(), {
    id: ids.runId,
    tenant,
    trigger: 'manual',
    requestedBy: ids.marker,
    rule: {
      enabled: true,
      olderThanDays: 30,
      exemptTags: [ids.marker],
      window: { start: '02:00', end: '05:00' },
      timeZone: 'Europe/Prague',
    },
    cutoff: now,
    mode: 'categories',
    status: 'running',
    activeKey: tenantId,
    total: 1,
    createdAt: now,
  });
  em.persist([
    run,
    Object.assign(new AnonymizationRunItem(), {
      run,
      tenant,
      sessionId: ids.sessionId,
      seq: 1,
      status: 'failed',
      error: ids.marker,
      availableAt: now,
    }),
    Object.assign(new EndedSession(), {
      tenant,
      sessionId: ids.sessionId,
      channel: 'chat',
      packageId: ids.marker.slice(0, 60),
      endedAt: new Date(now.getTime() - 86_400_000 * 60),
    }),
    Object.assign(new LedgerEntry(), {
      tenant,
      sessionId: ids.sessionId,
      category: 'messages_files',
      status: 'failed',
      method: 'extension',
      error: ids.marker,
      runId: ids.runId,
    }),
    Object.assign(new Backfill(), {
      id: ids.backfillId,
      tenant,
      trigger: 'manual',
      status: 'failed',
      endedBefore: now,
      error: ids.marker,
    }),
  ]);
  await em.flush();
  return ids;
}

import { EventEmitter2 } from '@nestjs/event-emitter';
import type { HostEvent } from '../src/host/host.events.js';
import { startFakeHost, type FakeHost } from './support/fake-host.js';
import { deliver, eventually, sessionCreated, sql } from './support/host-deliveries.js';
import { installTenant, type InstalledTenant } from './support/tenants.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/**
 * Ingest and processing can run on different instances over one database: an instance with
 * INBOX_WORKER=false stores deliveries and never processes them; a worker instance does.
 */
describe('ingest-only instances (INBOX_WORKER=false)', () => {
  let host: FakeHost;
  let ingest: TestApp;
  let worker: TestApp | undefined;
  let tenant: InstalledTenant;

  beforeAll(async () => {
    host = await startFakeHost();
    ingest = await startTestApp({ env: { INBOX_WORKER: 'false', INBOX_POLL_MS: '20' } });
    tenant = await installTenant(ingest, { hostApiBaseUrl: host.apiBaseUrl });
  });

  afterAll(async () => {
    await worker?.close();
    // Drops the database, which the worker shared.
    await ingest.close();
    await host.close();
  });

  const states = async (): Promise<{ state: string; attempts: number }[]> =>
    (
      await sql(ingest, 'select state, attempts from inbox where tenant_id = ? order by id', [
        tenant.tenantId,
      ])
    ).map((row) => ({ state: String(row['state']), attempts: Number(row['attempts']) }));

  it('stores deliveries without processing them; a worker instance on the same database processes them', async () => {
    const published: HostEvent[] = [];
    ingest.app.get(EventEmitter2).on('host.SessionCreated', (event: HostEvent) => {
      published.push(event);
    });
    for (let id = 1; id <= 5; id += 1) {
      const response = await deliver(ingest, tenant.tenantId, sessionCreated(7000 + id), {
        secret: tenant.secrets.webhookSecret,
      });
      expect(response.status).toBe(202);
    }
    // Many poll intervals of the ingest instance pass: had it a worker, it would have claimed.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await states()).toEqual(Array(5).fill({ state: 'pending', attempts: 0 }));
    expect(published).toEqual([]);

    worker = await startTestApp({ database: ingest.database, env: { INBOX_POLL_MS: '20' } });
    await eventually(async () => {
      const rows = await states();
      return rows.every((row) => row.attempts >= 1) ? rows : undefined;
    });
    // Whether the capabilities' listeners then succeed depends on the host; that the worker took
    // every row, and the ingest instance published none, is what the role decides.
    expect(published).toEqual([]);
  });
});

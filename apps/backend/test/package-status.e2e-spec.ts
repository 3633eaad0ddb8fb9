import { RecurringJobsService } from '../src/jobs/recurring-jobs.service.js';
import { eventually, sql } from './support/host-deliveries.js';
import { startSandboxProcess, type SandboxProcess } from './support/sandbox-process.js';
import { panelSession } from './support/tenants.js';
import { startTestApp, TEST_PLATFORM_SECRET, type TestApp } from './support/test-app.js';

const TENANT = '101';

interface SandboxPackage {
  packageId: number;
  name: string;
  status: string;
  override: { status: string; reason: string | null } | null;
  routedOperatorIds: number[];
  buttonVisible: boolean;
}

interface SandboxOperator {
  id: number;
  status: string;
}

interface StatusView {
  packageId: number;
  status: string;
  reason: string;
  note: string | null;
  counts: { routed: number; available: number; away: number };
  whenAllAway: string;
  push: { state: string };
}

/**
 * Setting 7 end to end: the sandbox host is a separate process; operators change status there,
 * UserStatusChanged reaches Switchboard as signed webhooks, and Switchboard's decision shows up
 * in the host's own package state (the extension's status, or a v1 host's chat button).
 *
 * The demo tenant: groups Podpora (operators 0-3), Obchod (4-6), Technici (7-9); packages
 * Web chat → Podpora + Obchod, Zpětné volání → Obchod, Video poradna → Technici + operator 0.
 * Operators 0-5 start online, 6 away (Oběd), 7-9 offline.
 */
describe('package status when all routed operators are away (against the sandbox)', () => {
  let sandbox: SandboxProcess;
  let t: TestApp;
  let panelSecret: string;
  let ops: number[];
  let reasons: { id: number; name: string }[];
  const pkg: Record<'web' | 'callback' | 'video', number> = { web: 0, callback: 0, video: 0 };
  let version = 0;

  const install = async (): Promise<void> => {
    const response = await sandbox.control<{ installation: { panelTokenSecret: string } }>(
      'POST',
      `/tenants/${TENANT}/install-plugin`,
      { switchboardUrl: t.baseUrl, platformSecret: TEST_PLATFORM_SECRET },
    );
    if (response.status !== 200) throw new Error(`install failed: ${JSON.stringify(response)}`);
    panelSecret = response.body.installation.panelTokenSecret;
    // Switchboard registers its webhooks after answering the install: wait for them.
    await eventually(
      async () => {
        const hooks = await sandbox.control<{ tenantId: number; callbackUrl: string }[]>(
          'GET',
          '/state/webhooks',
        );
        const v1Only = (await sandbox.control<{ v1Only: boolean }>('GET', '/state/settings')).body
          .v1Only;
        return hooks.body.some(
          (w) =>
            String(w.tenantId) === TENANT && (new URL(w.callbackUrl).username !== '') === v1Only,
        )
          ? true
          : undefined;
      },
      15_000,
      'the webhook registration on the sandbox',
    );
  };

  const admin = async (): Promise<string> =>
    (
      await panelSession(t, { tenantId: TENANT, secrets: { panelTokenSecret: panelSecret } }, [
        'admin',
      ])
    ).authorization;

  const api = async <T>(method: string, path: string, body?: unknown, ifMatch?: string) => {
    const response = await fetch(`${t.baseUrl}${path}`, {
      method,
      headers: {
        authorization: await admin(),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(ifMatch === undefined ? {} : { 'if-match': ifMatch }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as T };
  };

  const hostPackages = async (): Promise<Map<number, SandboxPackage>> =>
    new Map(
      (await sandbox.control<SandboxPackage[]>('GET', `/tenants/${TENANT}/packages`)).body.map(
        (p) => [p.packageId, p],
      ),
    );

  const setStatus = async (operator: number, status: string, reason?: string): Promise<void> => {
    const absenceReasonId =
      reason === undefined ? null : reasons.find((r) => r.name === reason)?.id;
    const response = await sandbox.control('PUT', `/operators/${operator}/status`, {
      status,
      absenceReasonId,
    });
    expect(response.status).toBe(200);
  };

  /** Waits until the host shows `status` for the package (set by Switchboard through the extension). */
  const hostShows = (packageId: number, status: string, reason?: string) =>
    eventually(
      async () => {
        const found = (await hostPackages()).get(packageId);
        return found?.status === status &&
          found.override?.status === status &&
          (reason === undefined || found.override.reason === reason)
          ? found
          : undefined;
      },
      15_000,
      `package ${packageId} ${status} on the host`,
    );

  const statusView = async (packageId: number): Promise<StatusView> => {
    const response = await api<StatusView>('GET', `/api/package-status/${packageId}`);
    expect(response.status).toBe(200);
    return response.body;
  };

  const setPackageOverride = async (packageId: number, value: string | null): Promise<void> => {
    const response = await api<{ version: number }>(
      value === null ? 'DELETE' : 'PUT',
      `/api/settings/packages/${packageId}/chat.statusWhenAllAway`,
      value === null ? undefined : { value },
      `"${version}"`,
    );
    expect(response.status).toBe(200);
    version = response.body.version;
  };

  beforeAll(async () => {
    sandbox = await startSandboxProcess();
    t = await startTestApp({ env: { INBOX_POLL_MS: '50' } });
    const operators = (
      await sandbox.control<SandboxOperator[]>('GET', `/tenants/${TENANT}/operators`)
    ).body;
    ops = operators.map((o) => o.id);
    reasons = (
      await sandbox.control<{ id: number; name: string; tenantId: number }[]>(
        'GET',
        '/state/absenceReasons',
      )
    ).body.filter((r) => String(r.tenantId) === TENANT);
    for (const p of (await hostPackages()).values()) {
      if (p.name === 'Web chat') pkg.web = p.packageId;
      if (p.name === 'Zpětné volání') pkg.callback = p.packageId;
      if (p.name === 'Video poradna') pkg.video = p.packageId;
    }
    await install();
  }, 30_000);

  afterAll(async () => {
    await t?.close();
    await sandbox?.stop();
  });

  it('reads routing and operator states at install and shows every package online', async () => {
    for (const packageId of Object.values(pkg))
      await hostShows(packageId, 'online', 'operators_available');
    const list = await api<StatusView[]>('GET', '/api/package-status');
    expect(list.status).toBe(200);
    expect(list.body.map((p) => p.packageId).sort()).toEqual(Object.values(pkg).sort());
    // Obchod (4-6) routes to "Zpětné volání": two online, one away.
    expect((await statusView(pkg.callback)).counts).toEqual({ routed: 3, available: 2, away: 1 });
    expect((await statusView(pkg.web)).counts).toEqual({ routed: 7, available: 6, away: 1 });
    const detail = await api<{
      operators: { userId: number; presence: string; absenceReasonName: string | null }[];
    }>('GET', `/api/package-status/${pkg.callback}`);
    expect(detail.body.operators).toEqual([
      expect.objectContaining({ userId: ops[4], presence: 'available' }),
      expect.objectContaining({ userId: ops[5], presence: 'available' }),
      expect.objectContaining({ userId: ops[6], presence: 'away', absenceReasonName: 'Oběd' }),
    ]);
    const sync = await api<{ mode: string; syncedAt: string | null }>(
      'GET',
      '/api/package-status/sync',
    );
    expect(sync.body).toMatchObject({ mode: 'extension', lastError: null });
    expect(sync.body.syncedAt).not.toBeNull();
  });

  it('goes busy when every routed operator is away; operators of other packages do not count', async () => {
    await setStatus(ops[4]!, 'AWAY', 'Porada');
    await setStatus(ops[5]!, 'AWAY', 'Oběd');
    const shown = await hostShows(pkg.callback, 'busy', 'all_operators_away');
    expect(shown.override?.reason).toBe('all_operators_away');
    // Web chat also routes to Obchod, but Podpora (0-3) is online: it stays online.
    expect((await hostPackages()).get(pkg.web)?.status).toBe('online');
    expect((await hostPackages()).get(pkg.video)?.status).toBe('online');

    const view = await statusView(pkg.callback);
    expect(view).toMatchObject({
      status: 'busy',
      reason: 'all_operators_away',
      note: 'Oběd ×2, Porada ×1',
      counts: { routed: 3, available: 0, away: 3 },
      whenAllAway: 'busy',
      push: { state: 'confirmed' },
    });
    expect((await statusView(pkg.web)).counts).toEqual({ routed: 7, available: 4, away: 3 });

    const changes = await api<
      {
        packageId: number;
        from: string;
        to: string;
        reason: string;
        trigger: string;
        operatorUserId: number;
      }[]
    >(
      'GET',
      `/api/package-status/changes?filter=${encodeURIComponent(JSON.stringify({ packageId: pkg.callback }))}`,
    );
    expect(changes.body[0]).toMatchObject({
      packageId: pkg.callback,
      from: 'online',
      to: 'busy',
      reason: 'all_operators_away',
      trigger: 'operator_status',
      operatorUserId: ops[5],
    });
    const audit = await sql(
      t,
      "select actor_type, target_id, before, after from audit_entry where tenant_id = ? and action = 'package_status.changed' and target_id = ?",
      [TENANT, String(pkg.callback)],
    );
    expect(audit.length).toBeGreaterThanOrEqual(2);
    expect(audit.every((row) => row['actor_type'] === 'system')).toBe(true);
  });

  it('is online again as soon as one routed operator returns', async () => {
    await setStatus(ops[4]!, 'ONLINE');
    await hostShows(pkg.callback, 'online', 'operators_available');
    expect((await statusView(pkg.callback)).counts).toEqual({ routed: 3, available: 1, away: 2 });
  });

  it('shows offline instead when the package overrides the setting, and follows a change of it', async () => {
    await setPackageOverride(pkg.callback, 'offline');
    await setStatus(ops[4]!, 'AWAY', 'Školení');
    await hostShows(pkg.callback, 'offline', 'all_operators_away');
    expect((await statusView(pkg.callback)).whenAllAway).toBe('offline');

    // Back to the tenant value while everyone is still away: re-decided without any status event.
    await setPackageOverride(pkg.callback, null);
    await hostShows(pkg.callback, 'busy', 'all_operators_away');
    const [latest] = (
      await api<{ trigger: string; to: string }[]>(
        'GET',
        `/api/package-status/changes?filter=${encodeURIComponent(JSON.stringify({ packageId: pkg.callback }))}`,
      )
    ).body;
    expect(latest).toMatchObject({ trigger: 'setting', to: 'busy' });
  });

  it('re-reads routing when the host configuration changes', async () => {
    const obchod = (
      await sandbox.control<{ id: number; name: string }[]>('GET', `/tenants/${TENANT}/groups`)
    ).body.find((g) => g.name === 'Obchod')!.id;
    // Operator 0 (online) now also takes the callback package directly.
    expect(
      (
        await sandbox.control('PUT', `/packages/${pkg.callback}/routing`, {
          groupIds: [obchod],
          userIds: [ops[0]],
        })
      ).status,
    ).toBe(200);
    await hostShows(pkg.callback, 'online', 'operators_available');
    expect((await statusView(pkg.callback)).counts).toEqual({ routed: 4, available: 1, away: 3 });

    expect(
      (
        await sandbox.control('PUT', `/packages/${pkg.callback}/routing`, {
          groupIds: [obchod],
          userIds: [],
        })
      ).status,
    ).toBe(200);
    await hostShows(pkg.callback, 'busy', 'all_operators_away');
    const [latest] = (
      await api<{ trigger: string }[]>(
        'GET',
        `/api/package-status/changes?filter=${encodeURIComponent(JSON.stringify({ packageId: pkg.callback }))}`,
      )
    ).body;
    expect(latest?.trigger).toBe('routing');
  });

  it('keeps a status the host failed to take pending and retries it until the host shows it', async () => {
    const rule = await sandbox.control<{ id: number }>('POST', '/faults/rules', {
      method: 'PUT',
      path: '/api/v1/extension/packages/*/status',
      action: { kind: 'status', status: 503 },
      // Every attempt of one push (the client tries 4 times), short of opening its circuit.
      times: 4,
    });
    expect(rule.status).toBe(201);
    await setStatus(ops[4]!, 'ONLINE');
    // The first push job gives up after the client's own retries; the job retries later.
    await eventually(
      async () => ((await statusView(pkg.callback)).push.state === 'failed' ? true : undefined),
      15_000,
      'the failed push to show',
    );
    expect((await hostPackages()).get(pkg.callback)?.status).toBe('busy');
    await hostShows(pkg.callback, 'online', 'operators_available');
    expect((await statusView(pkg.callback)).push).toMatchObject({
      state: 'confirmed',
      error: null,
    });
    await sandbox.control('DELETE', `/faults/rules/${rule.body.id}`);
    await setStatus(ops[4]!, 'AWAY', 'Školení');
    await hostShows(pkg.callback, 'busy', 'all_operators_away');
  });

  it('on a v1-only host hides the chat button for offline and shows it again when one returns', async () => {
    expect((await sandbox.control('PUT', '/mode', { v1Only: true })).status).toBe(200);
    await install();
    await eventually(
      async () => {
        const sync = await api<{ mode: string | null }>('GET', '/api/package-status/sync');
        return sync.body.mode === 'v1' ? sync.body : undefined;
      },
      15_000,
      'the v1 sync',
    );
    // v1 publishes no routing: every operator of the tenant counts for every widget.
    await setPackageOverride(pkg.video, 'offline');
    for (const operator of ops.slice(0, 4)) await setStatus(operator, 'AWAY');
    const hidden = await eventually(
      async () => {
        const found = (await hostPackages()).get(pkg.video);
        return found?.buttonVisible === false ? found : undefined;
      },
      15_000,
      'the video package button hidden',
    );
    expect(hidden.buttonVisible).toBe(false);
    // Busy packages keep their button (v1 has no busy); nothing went through the extension.
    const others = await hostPackages();
    expect(others.get(pkg.web)?.buttonVisible).toBe(true);
    expect(others.get(pkg.callback)?.buttonVisible).toBe(true);
    expect(await statusView(pkg.video)).toMatchObject({
      status: 'offline',
      push: { state: 'confirmed' },
    });

    await setStatus(ops[2]!, 'ONLINE');
    await eventually(
      async () =>
        (await hostPackages()).get(pkg.video)?.buttonVisible === true ? true : undefined,
      15_000,
      'the video package button shown again',
    );
    expect((await statusView(pkg.video)).status).toBe('online');

    // v1 learns absence reasons (and whatever webhooks lost) by polling operator states.
    const poll = (await t.app.get(RecurringJobsService).list(TENANT)).find(
      (job) => job.name === 'package-status.poll',
    );
    expect(poll).toMatchObject({ cron: '* * * * *', kind: 'package-status.sync' });
    await sandbox.control('PUT', '/faults/delivery', { drop: { probability: 1 } });
    await setStatus(ops[2]!, 'AWAY', 'Porada');
    expect((await api('POST', '/api/package-status/sync')).status).toBe(202);
    const polled = await eventually(
      async () => {
        const view = await statusView(pkg.video);
        return view.status === 'offline' ? view : undefined;
      },
      15_000,
      'the polled state',
    );
    expect(polled.note).toContain('Porada ×1');
    await eventually(
      async () =>
        (await hostPackages()).get(pkg.video)?.buttonVisible === false ? true : undefined,
      15_000,
      'the video package button hidden after the poll',
    );
    await sandbox.control('DELETE', '/faults/delivery');
  });
});

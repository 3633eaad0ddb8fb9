import { eventually, sql } from './host-deliveries.js';
import { startSandboxProcess, type SandboxProcess } from './sandbox-process.js';
import { panelSession } from './tenants.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';
import { closeWatched, startTestApp, TEST_PLATFORM_SECRET, type TestApp } from './test-app.js';

/** The sandbox's demo tenant (the first seeded one). */
export const SANDBOX_TENANT = '101';

export interface SandboxInstallation {
  webhookSecret: string;
  panelTokenSecret: string;
  clientId: string;
  clientSecret: string;
}

/** A session as the sandbox keeps it (`GET /control/sessions/:id`), the fields tests read. */
export interface SandboxSession {
  id: number;
  status: string;
  ended: string | null;
  terminationReason: string | null;
  result: string | null;
  files: { id: number; name: string; isDeleted: boolean; inaccessible: boolean }[];
  recordings: { id: number; name: string; isDeleted: boolean }[];
  activities: { activityId: number; time: string; type: string; text: string | null }[];
  guest: { connected: boolean; trackedId: string | null };
}

export interface ChatSandbox {
  sandbox: SandboxProcess;
  t: TestApp;
  tenantId: string;
  installation: SandboxInstallation;
  packageIds: number[];
  /** Online operators of the demo tenant. */
  operatorIds: number[];
  /** PATCHes tenant-level settings as an admin (reads the current version first). */
  setSettings(values: Record<string, unknown>): Promise<void>;
  /** Sets (value) or clears (null) a package override. */
  setPackageSetting(packageId: number, key: string, value: unknown): Promise<void>;
  /** A client arrives (admitted), optionally taken by an operator; returns the session id. */
  newSession(options?: {
    packageId?: number;
    trackedId?: string;
    message?: string;
    acceptBy?: number | null;
  }): Promise<string>;
  control<T>(method: string, path: string, body?: unknown): Promise<T>;
  session(sessionId: string): Promise<SandboxSession>;
  /** Waits until the sandbox delivered everything and Switchboard's inbox processed it. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

/** The sandbox's control API, throwing on any answer other than 2xx (with the answer). */
export function strictControl(
  sandbox: SandboxProcess,
): <T>(method: string, path: string, body?: unknown) => Promise<T> {
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await sandbox.control<T>(method, path, body);
    if (response.status >= 300) {
      throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(response.body)}`);
    }
    return response.body;
  };
}

/**
 * Installs the plugin on the sandbox's tenant for the backend at `switchboardUrl` (as the host's
 * admin would), waits until the host registered Switchboard's webhooks (read through `db`), and
 * reads the tenant's packages and online operators.
 */
export async function installChatTenant(
  control: <T>(method: string, path: string, body?: unknown) => Promise<T>,
  db: TestApp,
  tenantId: string,
  switchboardUrl: string,
): Promise<{ installation: SandboxInstallation; packageIds: number[]; operatorIds: number[] }> {
  const { installation } = await control<{ installation: SandboxInstallation }>(
    'POST',
    `/tenants/${tenantId}/install-plugin`,
    { switchboardUrl, platformSecret: TEST_PLATFORM_SECRET },
  );
  await eventually(
    async () =>
      (
        await sql(
          db,
          "select id from host_webhook_registration where tenant_id = ? and state = 'registered'",
          [tenantId],
        )
      )[0],
    15_000,
    'the webhook registration',
  );
  const packageIds = (
    await control<{ packageId: number }[]>('GET', `/tenants/${tenantId}/packages`)
  ).map((p) => p.packageId);
  const operatorIds = (
    await control<{ id: number; status: string }[]>('GET', `/tenants/${tenantId}/operators`)
  )
    .filter((o) => o.status === 'ONLINE')
    .map((o) => o.id);
  return { installation, packageIds, operatorIds };
}

/**
 * The backend (in this process) and the host sandbox (its own process), the plugin installed on
 * the sandbox's demo tenant. A backend that must crash and restart runs as a process of its own:
 * chat-sandbox-process.ts.
 */
export async function startChatSandbox(
  options: { appEnv?: Record<string, string>; sandboxEnv?: Record<string, string> } = {},
): Promise<ChatSandbox> {
  const sandbox = await startSandboxProcess({
    SANDBOX_HOOK_BUDGET_MS: '2000',
    ...options.sandboxEnv,
  });
  const database: TestDatabase = await createTestDatabase();
  const t = await startTestApp({ env: { INBOX_POLL_MS: '50', ...options.appEnv }, database });
  const tenantId = SANDBOX_TENANT;

  const control = strictControl(sandbox);

  const { installation, packageIds, operatorIds } = await installChatTenant(
    control,
    t,
    tenantId,
    t.baseUrl,
  );

  const admin = async (): Promise<string> =>
    (await panelSession(t, { tenantId, secrets: installation }, ['admin'])).authorization;
  const currentVersion = async (authorization: string): Promise<number> => {
    const response = await fetch(`${t.baseUrl}/api/settings`, { headers: { authorization } });
    return ((await response.json()) as { version: number }).version;
  };

  const settle = async (): Promise<void> => {
    await control('POST', '/deliveries/drain', { timeoutMs: 10_000 });
    await eventually(
      async () => {
        const [row] = await sql(
          t,
          "select count(*) as n from inbox where tenant_id = ? and state in ('pending', 'processing')",
          [tenantId],
        );
        return Number(row?.['n']) === 0 ? true : undefined;
      },
      15_000,
      'the inbox to settle',
    );
  };

  return {
    sandbox,
    t,
    tenantId,
    installation,
    packageIds,
    operatorIds,
    async setSettings(values) {
      const authorization = await admin();
      const response = await fetch(`${t.baseUrl}/api/settings`, {
        method: 'PATCH',
        headers: {
          authorization,
          'content-type': 'application/json',
          'if-match': `"${await currentVersion(authorization)}"`,
        },
        body: JSON.stringify({ values }),
      });
      if (response.status !== 200) throw new Error(`settings: ${await response.text()}`);
    },
    async setPackageSetting(packageId, key, value) {
      const authorization = await admin();
      const response = await fetch(`${t.baseUrl}/api/settings/packages/${packageId}/${key}`, {
        method: value === null ? 'DELETE' : 'PUT',
        headers: {
          authorization,
          'if-match': `"${await currentVersion(authorization)}"`,
          ...(value === null ? {} : { 'content-type': 'application/json' }),
        },
        ...(value === null ? {} : { body: JSON.stringify({ value }) }),
      });
      if (response.status !== 200) throw new Error(`package setting: ${await response.text()}`);
    },
    async newSession(sessionOptions = {}) {
      const created = await control<{ session: { id: number }; admitted: boolean }>(
        'POST',
        `/tenants/${tenantId}/sessions`,
        {
          packageId: sessionOptions.packageId ?? packageIds[0],
          guest: {
            name: 'Jana Klientová',
            email: 'jana@client.example',
            ...(sessionOptions.trackedId === undefined
              ? {}
              : { trackedId: sessionOptions.trackedId }),
          },
          ...(sessionOptions.message === undefined ? {} : { message: sessionOptions.message }),
        },
      );
      if (!created.admitted) throw new Error('the session was not admitted');
      const sessionId = String(created.session.id);
      const operator =
        sessionOptions.acceptBy === undefined ? operatorIds[0] : sessionOptions.acceptBy;
      if (operator !== null && operator !== undefined) {
        await control('POST', `/sessions/${sessionId}/accept`, { userId: operator });
      }
      return sessionId;
    },
    control,
    session: (sessionId) => control<SandboxSession>('GET', `/sessions/${sessionId}`),
    settle,
    async close() {
      try {
        await closeWatched(t.app, database);
      } finally {
        await database.drop();
        await sandbox.stop();
      }
    },
  };
}

import { type BackendProcess, startBackendProcess } from './backend-process.js';
import {
  installChatTenant,
  strictControl,
  type SandboxInstallation,
  type SandboxSession,
  SANDBOX_TENANT,
} from './chat-sandbox.js';
import { eventually, sql } from './host-deliveries.js';
import { freePort, type SandboxProcess, startSandboxProcess } from './sandbox-process.js';
import { hostToken } from './tenants.js';
import { startTestApp, type TestApp } from './test-app.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

/**
 * Like `ChatSandbox`, but the backend is the built service in its own OS process (see
 * backend-process.ts), so a test can kill it with SIGKILL: no shutdown hooks run, whatever it held
 * (job leases, open transactions) is left behind, as when a production instance crashes.
 */
export interface ChatSandboxProcess {
  sandbox: SandboxProcess;
  /**
   * An in-test app on the same database that migrated it and reads it (`sql(reader, …)`, its
   * services); it runs no jobs and processes no inbox, so only the backend process acts.
   */
  reader: TestApp;
  /** The backend process's base URL; the same across restarts (the host registered it). */
  backendUrl: string;
  /** How long the first backend process took from spawn to ready (what a restart costs here). */
  backendStartMs: number;
  tenantId: string;
  installation: SandboxInstallation;
  packageIds: number[];
  /** Online operators of the demo tenant. */
  operatorIds: number[];
  /** Sets a package override as an admin, through the backend process (its caches see it). */
  setPackageSetting(packageId: number, key: string, value: unknown): Promise<void>;
  /** A client arrives (admitted) and the first online operator takes the session; its id. */
  newSession(options?: { packageId?: number; message?: string }): Promise<string>;
  control<T>(method: string, path: string, body?: unknown): Promise<T>;
  session(sessionId: string): Promise<SandboxSession>;
  /** Waits until the sandbox delivered everything and the inbox has nothing left to process. */
  settle(): Promise<void>;
  /** kill -9 of the backend process; answers once it is gone. */
  crash(): Promise<void>;
  /** Starts the backend process again on the same database and port; answers once it is ready. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** How often a process trying a port another test took tries again, and how long between. */
const PORT_ATTEMPTS = 5;

/**
 * The host sandbox and the backend as two OS processes, the plugin installed on the sandbox's
 * demo tenant. The backend listens on a fixed port (not 0) so that a restarted process keeps the
 * webhook callback URL the host registered at install. `backendEnv` goes to the backend process
 * (e.g. a short JOBS_LEASE_MS, so that what a killed process leased comes back soon).
 */
export async function startChatSandboxProcess(
  options: { backendEnv?: Record<string, string>; sandboxEnv?: Record<string, string> } = {},
): Promise<ChatSandboxProcess> {
  const sandbox = await startSandboxProcess({
    SANDBOX_HOOK_BUDGET_MS: '2000',
    ...options.sandboxEnv,
  });
  const database: TestDatabase = await createTestDatabase();
  let reader: TestApp | undefined;
  let backend: BackendProcess | undefined;
  const close = async (): Promise<void> => {
    try {
      await backend?.kill();
      await reader?.app.close();
    } finally {
      await database.drop();
      await sandbox.stop();
    }
  };

  try {
    reader = await startTestApp({
      database,
      env: { JOBS_WORKER: 'false', INBOX_WORKER: 'false' },
    });
    const backendEnv = { INBOX_POLL_MS: '50', ...options.backendEnv };
    /** Starts the process on `port`; a port taken meanwhile (EADDRINUSE) is `undefined`. */
    const startOn = async (port: number): Promise<BackendProcess | undefined> => {
      try {
        return await startBackendProcess(database, {
          env: { ...backendEnv, PORT: String(port) },
        });
      } catch (error) {
        if (String(error).includes('EADDRINUSE')) return undefined;
        throw error;
      }
    };
    let port = 0;
    const spawnedAt = Date.now();
    for (let attempt = 1; backend === undefined; attempt += 1) {
      port = await freePort();
      backend = await startOn(port);
      if (backend === undefined && attempt >= PORT_ATTEMPTS) {
        throw new Error(`no free port for the backend after ${PORT_ATTEMPTS} attempts`);
      }
    }
    const backendStartMs = Date.now() - spawnedAt;
    const backendUrl = `http://127.0.0.1:${port}`;
    const tenantId = SANDBOX_TENANT;
    const db = reader;

    const control = strictControl(sandbox);

    const { installation, packageIds, operatorIds } = await installChatTenant(
      control,
      db,
      tenantId,
      backendUrl,
    );

    const admin = async (): Promise<string> => {
      const token = await hostToken(installation.panelTokenSecret, {
        tenantId,
        roles: ['admin'],
      });
      const response = await fetch(`${backendUrl}/api/auth/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token }),
      });
      if (response.status !== 201) throw new Error(`session: ${await response.text()}`);
      return `Bearer ${((await response.json()) as { sessionToken: string }).sessionToken}`;
    };

    return {
      sandbox,
      reader,
      backendUrl,
      backendStartMs,
      tenantId,
      installation,
      packageIds,
      operatorIds,
      async setPackageSetting(packageId, key, value) {
        const authorization = await admin();
        const settings = await fetch(`${backendUrl}/api/settings`, { headers: { authorization } });
        const { version } = (await settings.json()) as { version: number };
        const response = await fetch(`${backendUrl}/api/settings/packages/${packageId}/${key}`, {
          method: 'PUT',
          headers: {
            authorization,
            'if-match': `"${version}"`,
            'content-type': 'application/json',
          },
          body: JSON.stringify({ value }),
        });
        if (response.status !== 200) throw new Error(`package setting: ${await response.text()}`);
      },
      async newSession(sessionOptions = {}) {
        const created = await control<{ session: { id: number }; admitted: boolean }>(
          'POST',
          `/tenants/${tenantId}/sessions`,
          {
            packageId: sessionOptions.packageId ?? packageIds[0],
            guest: { name: 'Jana Klientová', email: 'jana@client.example' },
            ...(sessionOptions.message === undefined ? {} : { message: sessionOptions.message }),
          },
        );
        if (!created.admitted) throw new Error('the session was not admitted');
        const sessionId = String(created.session.id);
        await control('POST', `/sessions/${sessionId}/accept`, { userId: operatorIds[0] });
        return sessionId;
      },
      control,
      session: (sessionId) => control<SandboxSession>('GET', `/sessions/${sessionId}`),
      async settle() {
        await control('POST', '/deliveries/drain', { timeoutMs: 10_000 });
        await eventually(
          async () => {
            const [row] = await sql(
              db,
              "select count(*) as n from inbox where tenant_id = ? and state in ('pending', 'processing')",
              [tenantId],
            );
            return Number(row?.['n']) === 0 ? true : undefined;
          },
          15_000,
          'the inbox to settle',
        );
      },
      async crash() {
        await backend?.kill();
      },
      async restart() {
        await backend?.kill();
        backend = undefined;
        // The port is the dead process's; another test may grab it for a moment in between.
        for (let attempt = 1; backend === undefined; attempt += 1) {
          backend = await startOn(port);
          if (backend === undefined) {
            if (attempt >= PORT_ATTEMPTS) throw new Error(`port ${port} stayed taken`);
            await new Promise((resolve) => setTimeout(resolve, 200));
          }
        }
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { messages } from '@switchboard/settings-model';
import { backendDir } from '../src/config/paths.js';
import { type BrowserSession, eventually, openBrowser } from './support/browser.js';
import {
  cleanCopyOfWorkingTree,
  type DemoProcess,
  removeCopy,
  repoRoot,
  runDemo,
} from './support/demo-process.js';
import { hostToken } from './support/tenants.js';
import { TEST_ENCRYPTION_KEYS, TEST_PLATFORM_SECRET } from './support/test-app.js';
import {
  createTestDatabase,
  type TestDatabase,
  testDatabaseKind,
} from './support/test-database.js';

const main = join(backendDir, 'dist', 'main.js');

describe('pnpm start (compiled dist/main.js)', () => {
  let database: TestDatabase;
  let child: ChildProcessByStdio<null, Readable, Readable> | undefined;

  beforeAll(async () => {
    if (!existsSync(main))
      throw new Error(`${main} is missing: build the backend first (pnpm run build)`);
    database = await createTestDatabase();
  });

  afterAll(async () => {
    if (child !== undefined && child.exitCode === null && child.signalCode === null)
      child.kill('SIGKILL');
    await database?.drop();
  });

  it('migrates, serves health, and shuts down on SIGTERM', async () => {
    const proc = spawn(process.execPath, [main], {
      cwd: backendDir,
      env: {
        PATH: process.env.PATH ?? '',
        ...database.env,
        PORT: '0',
        LOG_LEVEL: 'info',
        PLATFORM_SECRETS: TEST_PLATFORM_SECRET,
        ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = proc;
    let output = '';
    proc.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      proc.on('exit', (code, signal) => resolve({ code, signal })),
    );

    const baseUrl = await new Promise<string>((resolve, reject) => {
      proc.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /listening on (http:\/\/[\d.]+:\d+)/.exec(output);
        if (match?.[1] !== undefined) resolve(match[1]);
      });
      void exited.then(() => reject(new Error(`dist/main.js exited before listening:\n${output}`)));
    });

    const response = await fetch(`${baseUrl}/health/ready`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: 'ok',
      database: { pendingMigrations: 0 },
    });
    expect(output).toMatch(/Applied [1-9]\d* migration\(s\)/);

    proc.kill('SIGTERM');
    const exit = await exited;
    // Nest closes the app (database included), then re-raises the signal to exit with it.
    expect(exit.code === 0 || exit.signal === 'SIGTERM').toBe(true);
    await expect(fetch(`${baseUrl}/health/live`)).rejects.toThrow();
  });
});

const { cs } = messages as { cs: Record<string, string> };
/** Generous: a cold turbo cache means building every package on a shared machine. */
const DEMO_START_TIMEOUT = 8 * 60_000;

/**
 * The audit actions Switchboard records when it enforces a setting on the host's traffic (as
 * opposed to what an admin or an install does). Any one of them proves the loop ran: sandbox
 * traffic → webhook or hook → capability → audit.
 */
const ENFORCEMENT_ACTIONS = [
  'ban.enforce',
  'callback.block_enforce',
  'files.deleted_after_session',
  'package_status.changed',
  'session.ended_after_disconnect',
  'transcript.sent',
];

interface AuditEntry {
  action: string;
  actorType: string;
  actorId: string;
  targetType: string | null;
  details: Record<string, unknown> | null;
}

/**
 * Whether an entry came from the traffic: a package status also changes when the routing is
 * first read at install (trigger `sync`/`routing`), which proves nothing about the live loop.
 */
const causedByTraffic = (entry: AuditEntry): boolean =>
  ENFORCEMENT_ACTIONS.includes(entry.action) &&
  (entry.action !== 'package_status.changed' || entry.details?.['trigger'] === 'operator_status');

/**
 * The README's start command as a newcomer runs it: a clean copy of the repository (no
 * node_modules, no dist, no data), `npm run demo`, then the printed link in a browser. Build
 * outputs come from the workspace's turbo cache when it holds this very tree (`npm run check`
 * builds before it tests), as a second start would; otherwise the demo builds everything.
 */
describe('npm run demo in a clean copy of the repository', () => {
  let copy: string;
  let database: TestDatabase | undefined;
  let demo: DemoProcess | undefined;
  let browser: BrowserSession | undefined;

  beforeAll(async () => {
    copy = cleanCopyOfWorkingTree();
    expect(existsSync(join(copy, 'node_modules'))).toBe(false);
    expect(existsSync(join(copy, 'apps', 'backend', 'dist'))).toBe(false);
    const env: Record<string, string> = {
      TURBO_CACHE_DIR: join(repoRoot, '.turbo', 'cache'),
      // More demo traffic per second than the default, so its effects show sooner.
      SANDBOX_DEMO_RATE: '5',
    };
    // On the PostgreSQL pass the demo runs on PostgreSQL, as the README says DATABASE_URL does.
    if (testDatabaseKind() === 'postgres') {
      database = await createTestDatabase();
      Object.assign(env, database.env);
    }
    demo = await runDemo(copy, env, DEMO_START_TIMEOUT);
  }, DEMO_START_TIMEOUT + 30_000);

  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
    await database?.drop();
    if (copy !== undefined) removeCopy(copy);
  }, 30_000);

  it('installed, built and migrated by itself, and is ready', async () => {
    const output = demo!.output();
    expect(output).toMatch(/Installing dependencies/);
    expect(output).toMatch(/✓ @switchboard\/backend \((built|from the cache)\) · \d+\/\d+/);
    expect(existsSync(join(copy, 'node_modules', '.bin', 'pnpm'))).toBe(true);
    const ready = await fetch(`${demo!.backendUrl}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'ok',
      database: {
        driver: testDatabaseKind() === 'sqlite' ? 'sqlite' : 'postgresql',
        pendingMigrations: 0,
      },
    });
  });

  it("opens the printed link in Chromium, logged in, on the demo tenant's settings", async () => {
    browser = await openBrowser({ screenshotFolder: `demo-${testDatabaseKind()}` });
    const { page } = browser;
    page.setDefaultTimeout(15_000);
    expect(demo!.panelUrl.startsWith(`${demo!.sandboxUrl}/open-panel?tenant=101`)).toBe(true);
    await page.goto(demo!.panelUrl);
    await page.getByText('Vítejte v aplikaci Switchboard').waitFor({ state: 'visible' });
    expect(new URL(page.url()).origin).toBe(demo!.backendUrl);

    await page.getByRole('menuitem', { name: cs['settings.areas.chat'], exact: true }).click();
    const replyTo = page.locator('section[data-setting="chat.transcriptReplyTo"]');
    await replyTo.waitFor({ state: 'visible' });
    // What the panel shows is tenant 101's stored value, as the API reports it.
    const settings = (await (
      await fetch(`${demo!.backendUrl}/api/settings`, { headers: await demoAdmin(demo!) })
    ).json()) as { effective: Record<string, { mode: string }> };
    const mode = settings.effective['chat.transcriptReplyTo']?.mode ?? '';
    const radio = replyTo.getByRole('radio', { name: cs[`settings.options.replyTo.${mode}`] });
    expect(await radio.isChecked()).toBe(true);
    await browser.screenshot('demo-settings-chat');
    expect(browser.errors).toEqual([]);
  }, 60_000);

  it("turned the sandbox's live traffic into enforcement entries in the audit log", async () => {
    const authorization = await demoAdmin(demo!);
    const entries = await eventually(
      async () => {
        const filter = encodeURIComponent(JSON.stringify({ actorType: 'system' }));
        const response = await fetch(
          `${demo!.backendUrl}/api/audit?filter=${filter}&range=[0,199]`,
          { headers: authorization },
        );
        expect(response.status).toBe(200);
        return ((await response.json()) as AuditEntry[]).filter(causedByTraffic);
      },
      (found) => found.length > 0,
      90_000,
    );
    expect(entries.map((entry) => entry.action)).not.toEqual([]);
    // Each names what it acted on (a session, a package...), as the audit list shows it.
    for (const entry of entries) expect(entry.targetType).toEqual(expect.any(String));
  }, 120_000);
});

/** An admin session for the demo tenant, from the panel token secret the sandbox installed with. */
async function demoAdmin(demo: DemoProcess): Promise<{ authorization: string }> {
  const installation = (await (
    await fetch(`${demo.sandboxUrl}/control/tenants/101/installation`)
  ).json()) as { panelTokenSecret: string };
  const token = await hostToken(installation.panelTokenSecret, {
    tenantId: '101',
    roles: ['admin'],
  });
  const response = await fetch(`${demo.backendUrl}/api/auth/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token }),
  });
  expect(response.status).toBe(201);
  return {
    authorization: `Bearer ${((await response.json()) as { sessionToken: string }).sessionToken}`,
  };
}

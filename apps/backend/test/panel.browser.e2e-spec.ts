import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { messages } from '@switchboard/settings-model';
import type { Locator, Page } from 'playwright-core';
import { type BrowserSession, eventually, openBrowser } from './support/browser.js';
import { backendDir } from '../src/config/paths.js';
import { anonymizationCalls, seedHistory } from './support/anonymization-sandbox.js';
import { sql } from './support/host-deliveries.js';
import { platformRequest } from './support/route-probes/panel.js';
import { startSandboxProcess, type SandboxProcess } from './support/sandbox-process.js';
import { TEST_PLATFORM_SECRET, startTestApp, type TestApp } from './support/test-app.js';
import { testDatabaseKind } from './support/test-database.js';
import { panelSession } from './support/tenants.js';

/** The sandbox's demo tenant (seeded in a fresh data dir). */
const TENANT = '101';
const { cs, en } = messages as { cs: Record<string, string>; en: Record<string, string> };
/** A model message in that language (the panel shows the model's own texts). */
const text = (catalog: Record<string, string>, key: string): string => {
  const value = catalog[key];
  if (value === undefined) throw new Error(`no message ${key}`);
  return value;
};

interface Installation {
  active: boolean;
  panelTokenSecret: string;
  capabilities: string[];
}

interface SettingsBody {
  version: number;
  tenant: Record<string, unknown>;
  packages: Record<string, Record<string, unknown>>;
  effective: Record<string, unknown>;
  provenance: Record<string, string>;
}

interface PackageBody {
  values: Record<string, unknown>;
  provenance: Record<string, string>;
}

interface Notification {
  tenantId: string;
  version: number | null;
  changedKeys: string[];
  packageIds: string[];
  verified: boolean;
}

/** The page's globals the tests read, typed here since the tests compile without the DOM library. */
interface PageGlobals {
  getComputedStyle(element: unknown): { backgroundColor: string; color: string };
  document: {
    title: string;
    documentElement: { lang: string; scrollWidth: number };
    activeElement: { textContent: string | null; getAttribute(name: string): string | null } | null;
    querySelector(selector: string): { getAttribute(name: string): string | null } | null;
  };
  innerWidth: number;
}

/** WCAG contrast of two `rgb(r, g, b)` colours. */
function contrast(a: string, b: string): number {
  const luminance = (colour: string) => {
    const [r = 0, g = 0, bl = 0] = (colour.match(/\d+(\.\d+)?/g) ?? []).map(Number).map((v) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

const svgLogo = (fill: string): string =>
  'data:image/svg+xml,' +
  encodeURIComponent(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#ffffff"/><circle cx="16" cy="16" r="10" fill="${fill}"/><path d="M11 16h10" stroke="#ffffff" stroke-width="3"/></svg>`,
  );

/** The documented example partner (docs/examples/partner-theme.json), as the platform sends it. */
const examplePartner = JSON.parse(
  readFileSync(join(backendDir, '..', '..', 'docs', 'examples', 'partner-theme.json'), 'utf8'),
) as {
  name: string;
  theme: { productName: string; logo: string; favicon: string; supportUrl: string };
};

/** The example partner and a second one with only a name, a logo and a colour. */
const PARTNERS = {
  northwind: examplePartner,
  contoso: {
    name: 'Contoso a.s.',
    theme: {
      productName: 'Contoso Help',
      logo: svgLogo('#00695c'),
      colors: { light: { primary: '#00695c' } },
    },
  },
} as const;

const STEP_TIMEOUT = 30_000;
const READ_ONLY_CS = 'Nastavení si můžete prohlížet; měnit je může jen administrátor.';

/** The admin panel as the host opens it: built panel, backend and sandbox as two processes. */
describe('admin panel in Chromium', () => {
  let sandbox: SandboxProcess;
  let t: TestApp;
  let browser: BrowserSession;
  let page: Page;
  let installation: Installation;
  let packageId: string;
  let admin: { authorization: string };
  /** What was in effect after revision 2 (the package override), to compare after the rollback. */
  let atRevision2: { settings: SettingsBody; pkg: PackageBody };

  const openPanel = (role: string, lang: 'cs' | 'en'): string =>
    `${sandbox.baseUrl}/open-panel?tenant=${TENANT}&role=${role}&lang=${lang}`;

  const readPackage = async (): Promise<PackageBody> => {
    const response = await fetch(`${t.baseUrl}/api/settings/packages/${packageId}`, {
      headers: admin,
    });
    expect(response.status).toBe(200);
    return (await response.json()) as PackageBody;
  };

  const readSettings = async (): Promise<SettingsBody> => {
    const response = await fetch(`${t.baseUrl}/api/settings`, { headers: admin });
    expect(response.status).toBe(200);
    return (await response.json()) as SettingsBody;
  };

  const card = (key: string): Locator => page.locator(`section[data-setting="${key}"]`);
  const menu = (name: string): Locator => page.getByRole('menuitem', { name, exact: true });
  const visible = (locator: Locator): Promise<void> => locator.waitFor({ state: 'visible' });
  const backendOrigin = (): string => new URL(t.baseUrl).origin;

  beforeAll(async () => {
    // The sandbox first: the backend lets its origin embed the panel (PANEL_FRAME_ANCESTORS).
    sandbox = await startSandboxProcess();
    t = await startTestApp({ env: { PANEL_FRAME_ANCESTORS: sandbox.baseUrl } });
    // The host installs the plugin for its tenant with a signed POST /install, as in production.
    const installed = await sandbox.control<{ installation: Installation }>(
      'POST',
      `/tenants/${TENANT}/install-plugin`,
      { switchboardUrl: t.baseUrl, platformSecret: TEST_PLATFORM_SECRET },
    );
    if (installed.status !== 200) {
      throw new Error(`install failed: ${installed.status} ${JSON.stringify(installed.body)}`);
    }
    installation = installed.body.installation;
    const packages = await sandbox.control<{ packageId: number }[]>(
      'GET',
      `/tenants/${TENANT}/packages`,
    );
    packageId = String(packages.body[0]!.packageId);
    admin = await panelSession(
      t,
      { tenantId: TENANT, secrets: { panelTokenSecret: installation.panelTokenSecret } },
      ['admin'],
    );
    browser = await openBrowser({ screenshotFolder: testDatabaseKind() });
    page = browser.page;
    page.setDefaultTimeout(10_000);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await sandbox?.stop();
  });

  it(
    'opens from the host logged in, without the token in the address or requests elsewhere',
    async () => {
      await page.goto(openPanel('admin', 'cs'));
      await visible(page.getByText('Vítejte v aplikaci Switchboard'));
      await page.waitForLoadState('networkidle');

      const url = new URL(page.url());
      expect(url.origin).toBe(backendOrigin());
      expect(url.pathname).toBe('/admin/');
      expect(url.searchParams.has('token')).toBe(false);
      // The host's language is taken (and remembered), not left to undo a later switch.
      expect(url.searchParams.has('lang')).toBe(false);
      expect(
        await page.evaluate(
          () => (globalThis as unknown as PageGlobals).document.documentElement.lang,
        ),
      ).toBe('cs');
      expect(await page.getByTestId('product-name').textContent()).toBe('Switchboard');

      // The host's /open-panel is the one navigation outside the backend; everything the panel
      // then loads (document, scripts, styles, API calls) comes from the backend's origin.
      const [first, ...rest] = browser.requests;
      expect(first).toMatchObject({ isNavigation: true, method: 'GET' });
      expect(first!.url.startsWith(`${sandbox.baseUrl}/open-panel?`)).toBe(true);
      const elsewhere = rest.filter(
        (r) => !r.url.startsWith('data:') && new URL(r.url).origin !== backendOrigin(),
      );
      expect(elsewhere).toEqual([]);
      expect(rest.some((r) => r.url.startsWith(`${t.baseUrl}/admin/assets/`))).toBe(true);
      expect(rest.some((r) => r.url === `${t.baseUrl}/api/auth/session`)).toBe(true);
      // The brand came from the backend with the host's token, before the session existed.
      const urls = rest.map((r) => r.url);
      expect(urls.indexOf(`${t.baseUrl}/api/branding/resolve`)).toBeGreaterThan(-1);
      expect(urls.indexOf(`${t.baseUrl}/api/branding/resolve`)).toBeLessThan(
        urls.indexOf(`${t.baseUrl}/api/auth/session`),
      );
      expect(urls.some((u) => u.startsWith(`${t.baseUrl}/api/dashboard/stats?`))).toBe(true);
      await browser.screenshot('dashboard-cs');
      expect(browser.errors).toEqual([]);
    },
    STEP_TIMEOUT,
  );

  it(
    'lets the admin edit right after opening from the host',
    async () => {
      await menu(text(cs, 'settings.areas.chat')).click();
      const company = card('chat.transcriptReplyTo').getByRole('radio', {
        name: text(cs, 'settings.options.replyTo.company'),
      });
      await company.waitFor({ state: 'attached' });
      expect(await page.getByText(READ_ONLY_CS).count()).toBe(0);
      expect(await company.isEnabled()).toBe(true);
    },
    STEP_TIMEOUT,
  );

  it(
    'keeps the panel session across a reload',
    async () => {
      await page.reload();
      await visible(page.getByRole('heading', { level: 1, name: text(cs, 'settings.areas.chat') }));
      expect(new URL(page.url()).hash).toBe('#/settings/chat');
      const company = card('chat.transcriptReplyTo').getByRole('radio', {
        name: text(cs, 'settings.options.replyTo.company'),
      });
      await company.waitFor({ state: 'attached' });
      expect(await company.isEnabled()).toBe(true);
    },
    STEP_TIMEOUT,
  );

  it(
    'shows a bad value inline in Czech and in English, then saves the fixed one',
    async () => {
      const replyTo = card('chat.transcriptReplyTo');
      await visible(
        replyTo.getByRole('heading', { name: text(cs, 'settings.chat.transcriptReplyTo.label') }),
      );
      await browser.screenshot('settings-chat-cs');

      await replyTo
        .getByRole('radio', { name: text(cs, 'settings.options.replyTo.company') })
        .check();
      const czechError = replyTo.getByText(text(cs, 'settings.errors.company_address_required'));
      await visible(czechError);
      expect(await page.getByRole('button', { name: 'Uložit', exact: true }).isDisabled()).toBe(
        true,
      );
      await browser.screenshot('settings-chat-error-cs', replyTo);

      // The locale switch in the app bar keeps the unsaved edit: the same bad value, now
      // explained in English.
      await page.getByRole('button', { name: 'Čeština' }).click();
      await page.getByRole('menuitem', { name: 'English' }).click();
      await visible(page.getByRole('heading', { level: 1, name: text(en, 'settings.areas.chat') }));
      expect(
        await replyTo
          .getByRole('radio', { name: text(en, 'settings.options.replyTo.company') })
          .isChecked(),
      ).toBe(true);
      await visible(replyTo.getByText(text(en, 'settings.errors.company_address_required')));
      expect(await czechError.count()).toBe(0);
      await browser.screenshot('settings-chat-error-en', replyTo);

      await replyTo
        .getByRole('textbox', {
          name: text(en, 'settings.chat.transcriptReplyTo.companyAddress.label'),
        })
        .fill('podpora@demo.example');
      await replyTo
        .getByText(text(en, 'settings.errors.company_address_required'))
        .waitFor({ state: 'detached' });
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await visible(page.getByText('Settings saved'));

      const stored = await readSettings();
      expect(stored.version).toBe(1);
      expect(stored.tenant['chat.transcriptReplyTo']).toEqual({
        mode: 'company',
        companyAddress: 'podpora@demo.example',
      });
      expect(stored.provenance['chat.transcriptReplyTo']).toBe('tenant');
      await visible(replyTo.getByText(text(en, 'settings.provenance.tenant')));
    },
    STEP_TIMEOUT,
  );

  it(
    'remembers the language the user switched to across a reload',
    async () => {
      await page.reload();
      await visible(page.getByRole('heading', { level: 1, name: text(en, 'settings.areas.chat') }));
      expect(
        await page.evaluate(
          () => (globalThis as unknown as PageGlobals).document.documentElement.lang,
        ),
      ).toBe('en');
    },
    STEP_TIMEOUT,
  );

  it(
    'the sandbox hears of the change through the signed settings-updated notification',
    async () => {
      // The sandbox declares every extension capability at install, settingsWebhook included.
      expect(installation.capabilities).toContain('settingsWebhook');
      const matches = (n: Notification) =>
        n.tenantId === TENANT &&
        n.version === 1 &&
        n.changedKeys.includes('chat.transcriptReplyTo');
      const notifications = await eventually(
        async () => (await sandbox.control<Notification[]>('GET', '/notifications')).body,
        (list) => list.some(matches),
      );
      expect(notifications.filter(matches)).toEqual([
        expect.objectContaining({ verified: true, packageIds: [] }),
      ]);
    },
    STEP_TIMEOUT,
  );

  it(
    'overrides a package-scoped setting on a package and resets it to inherited',
    async () => {
      await menu('Packages').click();
      await page.getByRole('textbox', { name: 'Package ID' }).fill(packageId);
      await page.getByRole('button', { name: 'Open', exact: true }).click();
      await visible(page.getByRole('heading', { name: `Package ${packageId}` }));

      const status = card('chat.statusWhenAllAway');
      const effective = status.getByTestId('effective-chat.statusWhenAllAway');
      expect(await effective.textContent()).toBe(text(en, 'settings.options.awayStatus.busy'));
      await status.getByRole('button', { name: 'Override for this package' }).click();
      await status
        .getByRole('radio', { name: text(en, 'settings.options.awayStatus.offline') })
        .check();
      await status.getByRole('button', { name: 'Save override' }).click();
      await visible(page.getByText('Package override saved'));
      await visible(effective.filter({ hasText: text(en, 'settings.options.awayStatus.offline') }));
      await visible(status.getByText(text(en, 'settings.provenance.package')));
      await browser.screenshot('packages-override', status);

      atRevision2 = { settings: await readSettings(), pkg: await readPackage() };
      expect(atRevision2.settings.version).toBe(2);
      expect(atRevision2.pkg).toMatchObject({
        values: { 'chat.statusWhenAllAway': 'offline' },
        provenance: { 'chat.statusWhenAllAway': 'package' },
      });

      // The override acts on the host: with every operator routed to the package away, the
      // sandbox shows the package offline (the tenant value would make it busy); one back, online.
      const routing = (await (
        await fetch(`${t.baseUrl}/api/package-status/${packageId}`, { headers: admin })
      ).json()) as { operators: { userId: number; presence: string }[] };
      const available = routing.operators.filter((o) => o.presence === 'available');
      expect(available.length).toBeGreaterThan(0);
      const setPresence = async (userId: number, status: 'AWAY' | 'ONLINE'): Promise<void> => {
        const response = await sandbox.control('PUT', `/operators/${userId}/status`, {
          status,
          absenceReasonId: null,
        });
        expect(response.status).toBe(200);
      };
      const hostStatus = (wanted: string): Promise<string | undefined> =>
        eventually(
          async () =>
            (
              await sandbox.control<{ packageId: number; status: string }[]>(
                'GET',
                `/tenants/${TENANT}/packages`,
              )
            ).body.find((p) => String(p.packageId) === packageId)?.status,
          (status) => status === wanted,
          15_000,
        );
      for (const operator of available) await setPresence(operator.userId, 'AWAY');
      expect(await hostStatus('offline')).toBe('offline');
      await setPresence(available[0]!.userId, 'ONLINE');
      expect(await hostStatus('online')).toBe('online');
      for (const operator of available.slice(1)) await setPresence(operator.userId, 'ONLINE');

      await status.getByRole('button', { name: 'Reset to inherited' }).click();
      await visible(page.getByText('The package inherits the tenant value again'));
      await visible(effective.filter({ hasText: text(en, 'settings.options.awayStatus.busy') }));
      expect(await readPackage()).toMatchObject({
        values: { 'chat.statusWhenAllAway': 'busy' },
        provenance: { 'chat.statusWhenAllAway': 'default' },
      });
      const after = await readSettings();
      expect(after.version).toBe(3);
      expect(after.packages[packageId] ?? {}).toEqual({});
    },
    STEP_TIMEOUT,
  );

  it(
    'rolls back to an earlier revision in History after confirmation',
    async () => {
      const revision2 = await fetch(`${t.baseUrl}/api/settings/revisions/2`, { headers: admin });
      expect(revision2.status).toBe(200);
      const { document } = (await revision2.json()) as {
        document: { tenant: Record<string, unknown>; packages: Record<string, unknown> };
      };
      expect(document).toEqual({
        tenant: atRevision2.settings.tenant,
        packages: atRevision2.settings.packages,
      });

      await menu('History').click();
      const rows = page.locator('tbody tr');
      await visible(rows.nth(2));
      expect(await rows.count()).toBe(3);
      await browser.screenshot('history');

      // Newest first: 3, 2, 1.
      await rows.nth(1).click();
      await visible(page.getByRole('heading', { name: 'Revision 2' }));
      await browser.screenshot('history-revision');
      await page.getByRole('button', { name: 'Roll back to this revision' }).click();
      const dialog = page.getByRole('dialog');
      await visible(dialog.getByText('Roll back to revision 2?'));
      await dialog.getByRole('button', { name: 'Confirm' }).click();
      await visible(page.getByText('Rolled back to revision 2'));
      await visible(rows.nth(3));

      // The effective settings (tenant and package) are again those after revision 2.
      const now = await readSettings();
      expect(now.version).toBe(4);
      expect(now.tenant).toEqual(atRevision2.settings.tenant);
      expect(now.packages).toEqual(atRevision2.settings.packages);
      expect(now.effective).toEqual(atRevision2.settings.effective);
      expect(await readPackage()).toEqual(
        expect.objectContaining({
          values: atRevision2.pkg.values,
          provenance: atRevision2.pkg.provenance,
        }),
      );
    },
    STEP_TIMEOUT,
  );

  it(
    'renders every main screen (screenshots saved as test artifacts)',
    async () => {
      for (const category of ['general', 'phone', 'chat', 'email']) {
        await menu(text(en, `settings.areas.${category}`)).click();
        await visible(
          page.getByRole('heading', { level: 1, name: text(en, `settings.areas.${category}`) }),
        );
        await visible(page.locator('section[data-setting]').first());
        await browser.screenshot(`settings-${category}`);
      }
      await menu('Packages').click();
      await visible(page.getByRole('heading', { level: 1, name: 'Packages' }));
      await browser.screenshot('packages');

      await menu('Audit log').click();
      await visible(page.getByText('settings.updated', { exact: true }).first());
      await browser.screenshot('audit');
    },
    STEP_TIMEOUT,
  );

  it(
    'edits weekly hours and a duration in another unit, guards the unsaved edits, and merges over a 409',
    async () => {
      await menu('Chat').click();
      const callback = card('chat.offlineCallback');
      await callback
        .getByRole('switch', { name: text(en, 'settings.common.enabled.label') })
        .check();
      // The working week it starts with; Monday gets a second interval, then Tue–Fri copy it.
      await callback.getByRole('button', { name: 'Add interval to Monday' }).click();
      await visible(callback.getByLabel('Monday, interval 2: from'));
      await callback.getByRole('button', { name: "Copy Monday's hours to Tuesday–Friday" }).click();
      await visible(callback.getByLabel('Friday, interval 2: to'));
      await browser.screenshot('settings-weekly-hours', callback);

      // 2 hours, typed in hours, is stored as 7200 seconds.
      const block = card('chat.callbackNumberBlock');
      await block.getByRole('combobox', { name: 'Unit' }).click();
      await page
        .getByRole('option', { name: text(en, 'settings.units.hours'), exact: true })
        .click();
      await block
        .getByRole('spinbutton', { name: text(en, 'settings.chat.callbackNumberBlock.label') })
        .fill('2');
      await visible(page.getByText('2 unsaved changes'));

      // Leaving asks first; staying keeps both edits.
      await menu('General').click();
      const guard = page.getByRole('dialog', { name: 'Unsaved changes' });
      await visible(guard);
      await guard.getByRole('button', { name: 'Stay here' }).click();
      await guard.waitFor({ state: 'hidden' });
      await visible(page.getByText('2 unsaved changes'));
      expect(new URL(page.url()).hash).toBe('#/settings/chat');

      // Meanwhile another admin saves a different setting.
      const base = await readSettings();
      const other = await fetch(`${t.baseUrl}/api/settings`, {
        method: 'PATCH',
        headers: { ...admin, 'content-type': 'application/json', 'if-match': `"${base.version}"` },
        body: JSON.stringify({ values: { 'chat.clientHistory': true } }),
      });
      expect(other.status).toBe(200);

      await page.getByRole('button', { name: 'Save', exact: true }).click();
      const conflict = page.getByRole('dialog', {
        name: 'Someone else saved the settings meanwhile',
      });
      await visible(conflict);
      await visible(conflict.getByText(text(en, 'settings.chat.clientHistory.label')));
      await browser.screenshot('settings-conflict');
      // Chromium logs every 4xx answer; this 409 is the one the step provoked, nothing else.
      const logged409 =
        'console: Failed to load resource: the server responded with a status of 409 (Conflict)';
      expect(browser.errors.filter((error) => error === logged409)).toHaveLength(1);
      browser.errors.splice(browser.errors.indexOf(logged409), 1);
      await conflict.getByRole('button', { name: 'Keep mine and overwrite' }).click();
      await visible(page.getByText('Settings saved'));

      const merged = await readSettings();
      expect(merged.version).toBe(base.version + 2);
      // Theirs kept, mine on top.
      expect(merged.tenant['chat.clientHistory']).toBe(true);
      expect(merged.tenant['chat.callbackNumberBlock']).toBe(7200);
      const hours = (
        merged.tenant['chat.offlineCallback'] as { weeklyHours: Record<string, unknown> }
      ).weeklyHours;
      const monday = [
        { start: '08:00', end: '16:00' },
        { start: '16:00', end: '17:00' },
      ];
      expect(hours).toEqual({
        mon: monday,
        tue: monday,
        wed: monday,
        thu: monday,
        fri: monday,
        sat: [],
        sun: [],
      });
    },
    STEP_TIMEOUT,
  );

  it(
    'charts what Switchboard did on the dashboard, from the sandbox traffic',
    async () => {
      const run = await sandbox.control<{ steps: unknown[] }>('POST', '/scenario/run', {
        steps: 40,
        seed: 10,
        tenantId: Number(TENANT),
      });
      expect(run.status).toBe(200);
      await sandbox.control('POST', '/deliveries/drain', { timeoutMs: 10_000 });
      // Settled: nothing waits in the inbox and nothing new arrived for a second.
      const inboxRows = () =>
        sql(t, 'select event_type, state from inbox where tenant_id = ?', [TENANT]);
      let previous = -1;
      const all = await eventually(
        async () => {
          await new Promise((resolve) => setTimeout(resolve, 1000));
          return inboxRows();
        },
        (rows) => {
          const stable =
            rows.length === previous &&
            rows.every((row) => row['state'] === 'done' || row['state'] === 'dead');
          previous = rows.length;
          return stable;
        },
        20_000,
      );
      expect(all.every((row) => row['state'] === 'done' || row['state'] === 'dead')).toBe(true);
      const created = all.filter((row) => row['event_type'] === 'SessionCreated').length;
      expect(created).toBeGreaterThan(0);

      await menu('Dashboard').click();
      const webhooks = page.getByRole('figure', { name: 'Webhooks from the host' });
      await visible(webhooks);
      const legend = async (figure: Locator, series: string) =>
        (
          await figure
            .locator('li')
            .filter({ hasText: `${series}:` })
            .locator('strong')
            .textContent()
        )?.replace(/\s/g, '');
      await eventually(
        () => legend(webhooks, 'Received'),
        (value) => value === all.length.toLocaleString('en-GB').replace(/\s/g, ''),
      );
      expect(await legend(webhooks, 'Received')).toBe(String(all.length));
      const sessions = page.getByRole('figure', { name: 'Sessions admitted and refused' });
      expect(await legend(sessions, 'Admitted')).toBe(String(created));
      expect(await page.locator('figure svg[role="img"]').count()).toBe(6);
      await browser.screenshot('dashboard');
    },
    STEP_TIMEOUT,
  );

  it('counts live what an anonymization rule would anonymize before it is saved, then runs it with a progress bar and a ledger', async () => {
    // History from before the plugin: six sessions that ended 400 days ago, then indexed by a
    // backfill from the host's session list, as an admin starts one.
    const history = await seedHistory(sandbox, Number(TENANT), [Number(packageId)], 6, {
      agesDays: [400],
    });
    const backfill = await fetch(`${t.baseUrl}/api/anonymization/backfills`, {
      method: 'POST',
      headers: { ...admin, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(backfill.status).toBe(202);
    const { id: backfillId } = (await backfill.json()) as { id: string };
    const indexed = await eventually(
      async () =>
        (await (
          await fetch(`${t.baseUrl}/api/anonymization/backfills/${backfillId}`, { headers: admin })
        ).json()) as { status: string },
      (body) => body.status !== 'running',
      20_000,
    );
    expect(indexed.status).toBe('completed');
    const due = history.map((session) => String(session.id));

    await menu('General').click();
    const rule = card('general.autoAnonymization');
    await visible(rule);
    const dryRun = rule.getByTestId('anonymization-dry-run');
    const answered = page.waitForResponse(
      (response) => response.url() === `${t.baseUrl}/api/anonymization/dry-run`,
    );
    await rule.getByRole('switch', { name: text(en, 'settings.common.enabled.label') }).check();
    const first = await answered;
    const firstBody = (await first.json()) as { count: number };
    // The backend's own count for the rule being edited (365 days, nothing saved yet).
    const check = await fetch(`${t.baseUrl}/api/anonymization/dry-run`, {
      method: 'POST',
      headers: { ...admin, 'content-type': 'application/json' },
      body: first.request().postData() ?? '',
    });
    expect(((await check.json()) as { count: number }).count).toBe(firstBody.count);
    // The six old ones; the sessions the scenario ended today are too recent for 365 days.
    expect(firstBody.count).toBe(due.length);
    await visible(dryRun.filter({ hasText: `would anonymize ${due.length} session` }));
    expect((await readSettings()).effective['general.autoAnonymization']).toEqual({
      enabled: false,
    });
    await browser.screenshot('anonymization-dry-run', dryRun);

    // Longer than they have been ended: none would go. The count follows the edit.
    const olderThan = rule.getByLabel(
      text(en, 'settings.general.autoAnonymization.olderThanDays.label'),
    );
    await olderThan.fill('500');
    await visible(dryRun.filter({ hasText: 'would anonymize 0 sessions' }));
    await olderThan.fill('30');
    await visible(dryRun.filter({ hasText: `would anonymize ${due.length} session` }));
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await visible(page.getByText('Settings saved'));

    // Run it now: the bar moves to the end, the ledger holds every session's categories.
    await menu('Anonymization').click();
    await page.getByRole('button', { name: 'Run now' }).click();
    await visible(page.getByText(/^Last run: Completed/));
    const calls = await anonymizationCalls(sandbox, Number(TENANT));
    expect([...new Set(calls.map((c) => String(c.sessionId)))].sort()).toEqual([...due].sort());
    expect(
      await page
        .getByRole('progressbar', { name: `${due.length} of ${due.length} sessions processed` })
        .getAttribute('aria-valuenow'),
    ).toBe('100');
    expect(await page.getByTestId('run-count-done').textContent()).toBe(
      `Anonymized: ${due.length}`,
    );
    await browser.screenshot('anonymization');
    await page.locator('tbody tr').first().click();
    await visible(page.getByRole('heading', { level: 1, name: /^Run of / }));
    await visible(page.getByRole('cell', { name: due[0]!, exact: true }));
    await browser.screenshot('anonymization-run');
    await page.goto(`${t.baseUrl}/admin/#/anonymization/ledger`);
    await visible(page.getByRole('heading', { level: 1, name: 'Anonymization ledger' }));
    await visible(page.locator('tbody tr').first());
    await browser.screenshot('anonymization-ledger');

    await menu('Jobs').click();
    await visible(page.getByRole('table', { name: 'Jobs by kind and state' }));
    await browser.screenshot('jobs');
  }, 60_000);

  it(
    'bans a client by phone number with a reason, the sandbox refuses them, and revoking lets them in',
    async () => {
      const arrive = async () =>
        (
          await sandbox.control<{ admitted: boolean }>('POST', `/tenants/${TENANT}/sessions`, {
            packageId: Number(packageId),
            guest: { name: 'Karel', phone: '+420777123456' },
            message: 'Dobrý den',
          })
        ).body.admitted;
      expect(await arrive()).toBe(true);

      await menu('Bans').click();
      await page.getByRole('button', { name: 'Ban a client' }).click();
      const dialog = page.getByRole('dialog', { name: 'Ban a client' });
      await dialog.getByRole('textbox', { name: 'Device or identity' }).fill('+420 777 123 456');
      await dialog.getByRole('textbox', { name: 'Reason' }).fill('Vulgární zprávy v chatu');
      await dialog.getByRole('button', { name: 'Ban', exact: true }).click();
      await visible(page.getByText('The client is banned'));
      const row = page.locator('tbody tr').filter({ hasText: '+420777123456' });
      await visible(row);
      await visible(row.getByText('Vulgární zprávy v chatu'));
      await visible(row.getByText('Active', { exact: true }));
      await browser.screenshot('bans');
      expect(await arrive()).toBe(false);

      // Found by the number as people write it.
      await page.getByRole('textbox', { name: 'Search' }).fill('777 123 456');
      await visible(row);
      await row.getByRole('button', { name: 'Revoke' }).click();
      const revoke = page.getByRole('dialog', { name: 'Revoke the ban of +420777123456?' });
      await revoke.getByRole('textbox', { name: 'Why (optional)' }).fill('Omluvil se');
      await revoke.getByRole('button', { name: 'Revoke' }).click();
      await visible(page.getByText('The ban was revoked'));
      await visible(row.getByText('Revoked', { exact: true }));
      await visible(row.getByText(/Omluvil se/));
      expect(await arrive()).toBe(true);

      const stored = await fetch(`${t.baseUrl}/api/bans`, { headers: admin });
      expect(await stored.json()).toEqual([
        expect.objectContaining({
          kind: 'phone',
          value: '+420777123456',
          reason: 'Vulgární zprávy v chatu',
          status: 'revoked',
          revokeNote: 'Omluvil se',
        }),
      ]);
    },
    STEP_TIMEOUT,
  );

  it(
    "brands the panel with the tenant's partner theme served at run time: logo, colours, product name",
    async () => {
      const appBar = page.getByRole('banner');
      const logo = page.getByTestId('brand-logo');
      const productName = page.getByTestId('product-name');
      const colours = () =>
        appBar.evaluate((element) => {
          const style = (globalThis as unknown as PageGlobals).getComputedStyle(element);
          return { background: style.backgroundColor, text: style.color };
        });
      const favicon = () =>
        page.evaluate(() =>
          (globalThis as unknown as PageGlobals).document
            .querySelector('link[rel="icon"]')
            ?.getAttribute('href'),
        );
      await menu('Dashboard').click();
      await visible(page.getByRole('figure', { name: 'Webhooks from the host' }));
      const before = { src: await logo.getAttribute('src'), colours: await colours() };
      expect(await productName.textContent()).toBe('Switchboard');
      expect(await page.title()).toBe('Switchboard');
      expect(await page.getByTestId('support-link').count()).toBe(0);

      // The platform operator creates the partners and puts the tenant under Northwind.
      for (const [id, partner] of Object.entries(PARTNERS)) {
        const put = await platformRequest(t, 'PUT', `/api/platform/partners/${id}`, partner);
        expect(put.status).toBe(201);
      }
      const assign = (partnerId: string | null) =>
        platformRequest(t, 'PUT', `/api/platform/tenants/${TENANT}/partner`, { partnerId });
      expect((await assign('northwind')).status).toBe(200);

      // No rebuild, no redeploy: the panel loads the theme when it opens.
      await page.reload();
      await visible(productName.filter({ hasText: 'Northwind Desk' }));
      expect(await page.title()).toBe('Northwind Desk');
      expect(await logo.getAttribute('src')).toBe(PARTNERS.northwind.theme.logo);
      expect(await favicon()).toBe(PARTNERS.northwind.theme.favicon);
      const northwind = await colours();
      // The example's light primary, #6d4c41.
      expect(northwind.background).toBe('rgb(109, 76, 65)');
      expect(northwind.background).not.toBe(before.colours.background);
      expect(contrast(northwind.text, northwind.background)).toBeGreaterThanOrEqual(4.5);
      expect(await page.getByTestId('support-link').getAttribute('href')).toBe(
        PARTNERS.northwind.theme.supportUrl,
      );
      await visible(page.getByRole('figure', { name: 'Webhooks from the host' }));
      await browser.screenshot('theme-northwind');

      // Moved to another partner, the tenant's next open from the host shows that brand.
      expect((await assign('contoso')).status).toBe(200);
      await page.goto(openPanel('admin', 'en'));
      await visible(productName.filter({ hasText: 'Contoso Help' }));
      expect(await logo.getAttribute('src')).toBe(PARTNERS.contoso.theme.logo);
      expect((await colours()).background).toBe('rgb(0, 105, 92)');
      expect(await page.getByTestId('support-link').count()).toBe(0);
      expect(await page.title()).toBe('Contoso Help');
      await visible(page.getByRole('figure', { name: 'Webhooks from the host' }));
      await browser.screenshot('theme-contoso');

      // And back to Switchboard's own brand.
      expect((await assign(null)).status).toBe(200);
      await page.reload();
      await visible(productName.filter({ hasText: 'Switchboard' }));
      expect(await logo.getAttribute('src')).toBe(before.src);
      expect((await colours()).background).toBe(before.colours.background);

      // The dark theme, remembered like the language; its text stays readable.
      await page.getByRole('button', { name: 'Toggle light/dark mode' }).click();
      const body = () =>
        page.locator('body').evaluate((element) => {
          const style = (globalThis as unknown as PageGlobals).getComputedStyle(element);
          return { background: style.backgroundColor, text: style.color };
        });
      await eventually(body, (b) => b.background !== 'rgb(250, 250, 251)');
      const dark = await body();
      expect(contrast(dark.text, dark.background)).toBeGreaterThanOrEqual(4.5);
      expect(contrast('rgb(255, 255, 255)', dark.background)).toBeGreaterThan(8);
      await page.reload();
      await visible(page.getByRole('figure', { name: 'Webhooks from the host' }));
      expect((await body()).background).toBe(dark.background);
      await browser.screenshot('theme-dark');
      await page.getByRole('button', { name: 'Toggle light/dark mode' }).click();
      await eventually(body, (b) => b.background === 'rgb(250, 250, 251)');
    },
    STEP_TIMEOUT,
  );

  it(
    'works with the keyboard alone: Tab reaches the menu, Enter opens a screen',
    async () => {
      await page.goto(openPanel('admin', 'en'));
      await visible(page.getByText('Welcome to Switchboard'));
      let focused: string | null = null;
      for (let i = 0; i < 30 && focused !== 'Chat'; i++) {
        await page.keyboard.press('Tab');
        focused = await page.evaluate(
          () => (globalThis as unknown as PageGlobals).document.activeElement?.textContent ?? null,
        );
      }
      expect(focused).toBe('Chat');
      expect(
        await page.evaluate(
          () =>
            (globalThis as unknown as PageGlobals).document.activeElement?.getAttribute('role') ??
            null,
        ),
      ).toBe('menuitem');
      await page.keyboard.press('Enter');
      await visible(page.getByRole('heading', { level: 1, name: text(en, 'settings.areas.chat') }));
    },
    STEP_TIMEOUT,
  );

  it(
    'fits a tablet in portrait: no sideways scrolling',
    async () => {
      await page.setViewportSize({ width: 820, height: 1180 });
      try {
        await page.goto(`${t.baseUrl}/admin/#/settings/general`);
        await visible(
          page.getByRole('heading', { level: 1, name: text(en, 'settings.areas.general') }),
        );
        await visible(page.locator('section[data-setting]').first());
        const overflow = () =>
          page.evaluate(
            () =>
              (globalThis as unknown as PageGlobals).document.documentElement.scrollWidth -
              (globalThis as unknown as PageGlobals).innerWidth,
          );
        expect(await overflow()).toBeLessThanOrEqual(0);
        await browser.screenshot('tablet-settings-general');
        await page.goto(`${t.baseUrl}/admin/#/`);
        await visible(page.getByRole('figure', { name: 'Webhooks from the host' }));
        expect(await overflow()).toBeLessThanOrEqual(0);
        await browser.screenshot('tablet-dashboard');
      } finally {
        await page.setViewportSize({ width: 1366, height: 900 });
      }
    },
    STEP_TIMEOUT,
  );

  it(
    'opens read-only for a viewer',
    async () => {
      await page.goto(openPanel('viewer', 'en'));
      await visible(page.getByText('Welcome to Switchboard'));
      await menu('Chat').click();
      const replyTo = card('chat.transcriptReplyTo');
      await replyTo.getByRole('radio').first().waitFor({ state: 'attached' });
      await browser.screenshot('settings-chat-viewer');
      await visible(
        page.getByText('You can view these settings; only an administrator can change them.'),
      );
      const inputs = await page.locator('section[data-setting] input').all();
      expect(inputs.length).toBeGreaterThan(0);
      for (const input of inputs) expect(await input.isDisabled()).toBe(true);
      expect(await page.getByRole('button', { name: 'Save', exact: true }).count()).toBe(0);
    },
    STEP_TIMEOUT,
  );

  it('made no request outside the backend except opening from the host, and no errors', () => {
    const elsewhere = browser.requests.filter(
      (r) =>
        !r.url.startsWith('data:') &&
        new URL(r.url).origin !== backendOrigin() &&
        !(r.isNavigation && r.url.startsWith(`${sandbox.baseUrl}/open-panel?`)),
    );
    expect(elsewhere).toEqual([]);
    expect(browser.errors).toEqual([]);
  });
});

import { messages } from '@switchboard/settings-model';
import type { Locator, Page } from 'playwright-core';
import { type BrowserSession, eventually, openBrowser } from './support/browser.js';
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

/** The page's `getComputedStyle`, typed here since the tests compile without the DOM library. */
interface StyleReader {
  getComputedStyle(element: unknown): { backgroundColor: string };
}

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
      expect(url.searchParams.get('lang')).toBe('cs');
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
    'switches to the example partner theme: logo, colours and product name change',
    async () => {
      const appBar = page.getByRole('banner');
      const logo = page.getByTestId('brand-logo');
      // Runs in the page (the test's tsconfig has no DOM types).
      const background = () =>
        appBar.evaluate(
          (element) =>
            (globalThis as unknown as StyleReader).getComputedStyle(element).backgroundColor,
        );
      const before = { src: await logo.getAttribute('src'), colour: await background() };
      expect(await page.getByTestId('product-name').textContent()).toBe('Switchboard');
      expect(await page.title()).toBe('Switchboard');

      await page.getByRole('combobox', { name: 'Theme' }).click();
      await page.getByRole('option', { name: 'northwind' }).click();
      await visible(page.getByTestId('product-name').filter({ hasText: 'Northwind Desk' }));
      expect(await page.title()).toBe('Northwind Desk');
      expect(new URL(page.url()).searchParams.get('brand')).toBe('northwind');
      const after = { src: await logo.getAttribute('src'), colour: await background() };
      expect(after.src).not.toBe(before.src);
      expect(after.src).toMatch(/^data:image\/svg\+xml,/);
      expect(after.colour).not.toBe(before.colour);
      // Northwind's primary (#6d4c41) or secondary (#b3261e), whichever the app bar uses.
      expect(['rgb(109, 76, 65)', 'rgb(179, 38, 30)']).toContain(after.colour);
      await page.getByRole('listbox').waitFor({ state: 'hidden' });
      await menu('General').click();
      await visible(
        page.getByRole('heading', { level: 1, name: text(en, 'settings.areas.general') }),
      );
      expect(new URL(page.url()).searchParams.get('brand')).toBe('northwind');
      await browser.screenshot('theme-northwind');
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

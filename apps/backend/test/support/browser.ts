import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { backendDir } from '../../src/config/paths.js';

/** Debian's Chromium; `CHROMIUM_PATH` points elsewhere (turbo passes it to test tasks). */
export const chromiumPath = (): string => process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags for a quiet, headless Chromium that talks to nothing but the pages it is sent to. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface RecordedRequest {
  url: string;
  method: string;
  resourceType: string;
  isNavigation: boolean;
}

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  /** Every request the page made, in order (redirect hops included). */
  requests: RecordedRequest[];
  /** Console errors and uncaught page errors, as text. */
  errors: string[];
  /**
   * Saves a PNG as test-results/screenshots/<folder>/<name>.png and returns its path: the full
   * page, or with `focus` the window scrolled to centre that element (a sticky bar can cover it
   * in a full-page shot).
   */
  screenshot(name: string, focus?: Locator): Promise<string>;
  close(): Promise<void>;
}

/**
 * Launches headless Chromium with a fresh profile (temp user-data dir, removed on close) and one
 * page whose requests and errors are recorded. One per test file: it takes a second to start.
 */
export async function openBrowser(options: {
  screenshotFolder: string;
  locale?: string;
}): Promise<BrowserSession> {
  const profile = mkdtempSync(join(tmpdir(), 'sb-chromium-'));
  const screenshots = join(backendDir, 'test-results', 'screenshots', options.screenshotFolder);
  // Shots are overwritten by name, never cleared: a concurrent run of the same file must not lose them.
  mkdirSync(screenshots, { recursive: true });
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath(),
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1366, height: 900 },
      locale: options.locale ?? 'cs-CZ',
      timezoneId: 'Europe/Prague',
    });
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    throw new Error(
      `Chromium did not start from ${chromiumPath()} (set CHROMIUM_PATH): ${String(error)}`,
      { cause: error },
    );
  }
  const page = context.pages()[0] ?? (await context.newPage());
  const requests: RecordedRequest[] = [];
  const errors: string[] = [];
  page.on('request', (request) =>
    requests.push({
      url: request.url(),
      method: request.method(),
      resourceType: request.resourceType(),
      isNavigation: request.isNavigationRequest(),
    }),
  );
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));

  return {
    context,
    page,
    requests,
    errors,
    async screenshot(name: string, focus?: Locator) {
      const path = join(screenshots, `${name}.png`);
      if (focus) {
        // Runs in the page; the tests compile without the DOM library.
        await focus.evaluate((element) =>
          (element as { scrollIntoView(options: object): void }).scrollIntoView({
            block: 'center',
          }),
        );
      }
      await page.screenshot({ path, fullPage: focus === undefined });
      if (focus) {
        // Back to the top: react-admin hides its app bar (menus, switches) while scrolled down.
        await page.evaluate(() =>
          (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0),
        );
        await page.getByRole('banner').waitFor({ state: 'visible' });
      }
      return path;
    },
    async close() {
      try {
        await context.close();
      } finally {
        rmSync(profile, { recursive: true, force: true });
      }
    },
  };
}

/**
 * Polls `read` until `accept` holds or `timeoutMs` passes, then returns the last value read (the
 * caller's expectation reports what it was). For state outside the page, e.g. the sandbox's log.
 */
export async function eventually<T>(
  read: () => Promise<T>,
  accept: (value: T) => boolean,
  timeoutMs = 5000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

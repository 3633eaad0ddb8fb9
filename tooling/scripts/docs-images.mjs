// Refreshes the screenshots in docs/images/ from the ones the panel's browser test saves
// (apps/backend/test-results/screenshots/<database>/), fitted to 1280 px wide and cropped to
// 800 px high, so the docs show what the tested panel shows.
//
//   pnpm --filter @switchboard/backend exec jest test/panel.browser.e2e-spec.ts --selectProjects e2e:sqlite
//   node tooling/scripts/docs-images.mjs            # or: node tooling/scripts/docs-images.mjs postgres
//
// Chromium does the scaling (the machine has no image tools): each PNG is shown at 1280 px wide in
// a 1280×800 page and that page is captured.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const backend = join(root, 'apps', 'backend');
// playwright-core is a dependency of the backend's tests, not of this package.
const { chromium } = createRequire(join(backend, 'package.json'))('playwright-core');

const WIDTH = 1280;
const HEIGHT = 800;

/** docs/images/<name> ← the browser test's screenshot of that name. */
const IMAGES = {
  'white-label-default.png': 'dashboard.png',
  'white-label-northwind.png': 'theme-northwind.png',
};

const database = process.argv[2] ?? 'sqlite';
const source = join(backend, 'test-results', 'screenshots', database);
const missing = Object.values(IMAGES).filter((name) => !existsSync(join(source, name)));
if (missing.length > 0) {
  console.error(
    `Missing ${missing.join(', ')} in ${source}: run test/panel.browser.e2e-spec.ts first.`,
  );
  process.exit(1);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
try {
  const page = await browser.newPage({ viewport: { width: WIDTH, height: HEIGHT } });
  for (const [target, name] of Object.entries(IMAGES)) {
    const png = readFileSync(join(source, name)).toString('base64');
    await page.setContent(
      `<body style="margin:0"><img style="display:block;width:${WIDTH}px" src="data:image/png;base64,${png}"></body>`,
    );
    await page.locator('img').evaluate((img) => img.decode());
    await page.screenshot({ path: join(root, 'docs', 'images', target) });
    console.log(`docs/images/${target} ← ${join(source, name)}`);
  }
} finally {
  await browser.close();
}

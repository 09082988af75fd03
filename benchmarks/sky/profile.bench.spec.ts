/**
 * Where the seconds of a large sky catalogue go (headless Chromium, offline). Prints; asserts nothing.
 *
 * 1. The page's main thread profiled (V8 sampler) from running `sky.show_table` on 100,000 rows until the
 *    sources are drawn, with the moments the pieces arrived (view chunk, Aladin Lite, the spooled table).
 * 2. Frame rate while dragging the view (pan) and zooming with the wheel, with 100,000 and 1,000,000 sources,
 *    and the profile of the drag: what one frame costs.
 *
 * Run: cd ui-tests && ESCAPE_HIPS_DIR=<stack>/.state/hips ESCAPE_UI_PORT=9170 ESCAPE_UI_PORT_NOEXT=9171 \
 *        jlpm playwright test --config ../benchmarks/sky/playwright.config.js profile
 */
import { expect, galata, test } from '@jupyterlab/galata';
import {
  colourShare,
  panAndZoom,
  startProfile,
  Stopwatch,
  stopProfile
} from './measure';

const table = (n: number, name: string) =>
  `rng = np.random.default_rng(1); ${name} = {"id": np.arange(${n}), "ra": 10.68 + rng.normal(0, 0.6, ${n}), "dec": 41.27 + rng.normal(0, 0.6, ${n}), "mag": rng.uniform(10, 20, ${n})}`;

test.use({ autoGoto: false, viewport: { width: 1400, height: 900 } });
test.setTimeout(600 * 1000);

test('sky profile', async ({ page, baseURL }) => {
  page.on('pageerror', error => console.log(`page error: ${error.message}`));
  await page.goto(`${baseURL}/lab`);
  await page.waitForSelector('#jupyterlab-splash', { state: 'detached' });
  await page.notebook.createNew('profile.ipynb');
  await page.notebook.setCell(
    0,
    'code',
    `from jupyter_escape import sky; import numpy as np; ${table(100_000, 't')}; ${table(1_000_000, 'm')}`
  );
  await page.notebook.addCell(
    'code',
    'sky.goto("10.68 41.27", fov=4); sky.show_table(t, name="bench", id="id", color="#00ff00", size=4)'
  );
  await page.notebook.addCell(
    'code',
    'sky.show_table(m, name="million", id="id", color="#ff00ff", size=4)'
  );
  await page.notebook.runCell(0, true);

  const cdp = await startProfile(page);
  const clock = new Stopwatch();
  const t0 = await page.evaluate(() => performance.now());
  await page.notebook.runCell(1, true);
  const view = page.locator('.jp-escape-Sky-aladin');
  await view.waitFor({ state: 'visible', timeout: 120000 });
  await expect
    .poll(() => colourShare(view, 'green'), {
      timeout: 120000,
      intervals: [100]
    })
    .toBeGreaterThan(0.01);
  console.log(`100,000 sources: command -> drawn ${clock.describe()}`);
  const moments = await page.evaluate(t0 => {
    return performance
      .getEntriesByType('resource')
      .filter(
        e =>
          e.startTime > t0 &&
          /sky_|aladin|arrow|sky\/tables|execute|Arrow/.test(e.name)
      )
      .map(
        e =>
          `    ${((e.startTime - t0) / 1000).toFixed(2)}-${((e.responseEnd - t0) / 1000).toFixed(2)} s  ${e.name.split('/').pop()!.slice(0, 80)}`
      )
      .join('\n');
  }, t0);
  console.log(`  fetched after the command:\n${moments}`);
  await stopProfile(cdp, 'command -> 100k drawn');

  await panAndZoom(page, view, '100,000 sources');
  const drag = await startProfile(page);
  await panAndZoom(page, view, '100,000 sources (profiled)');
  await stopProfile(drag, 'pan and zoom, 100k', 15);

  // The drag made the sky view the current widget: the notebook's cells run only when it is current again.
  await page.activity.activateTab('profile.ipynb');
  const million = new Stopwatch();
  await page.notebook.runCell(2, true);
  try {
    await expect
      .poll(() => colourShare(view, 'magenta'), {
        timeout: 180000,
        intervals: [200]
      })
      .toBeGreaterThan(0.01);
  } catch (error) {
    // Say why (the receipt's error, the view's message line) rather than only that it timed out.
    const receipts = await page
      .locator('.jp-escape-SkyReceipt')
      .allInnerTexts();
    const message = await page
      .locator('.jp-escape-Sky-message')
      .allInnerTexts();
    console.log(
      `1,000,000 sources not drawn: receipts ${JSON.stringify(receipts)}, message ${JSON.stringify(message)}`
    );
    throw error;
  }
  console.log(`1,000,000 more sources: command -> drawn ${million.describe()}`);
  await page.waitForTimeout(2000);
  await panAndZoom(page, view, '1,100,000 sources');
  await page.screenshot({ path: '/tmp/sky-profile.png' });
  void galata;
});

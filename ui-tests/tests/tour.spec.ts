/**
 * The tour (examples/01-tour.ipynb) as a new user meets it: opened by its /lab/tree URL (what `./escape demo`
 * passes as the default URL), then "Run All" against the local stack. The radio catalogue comes from the data
 * lake, the optical one from DaCHS, the cross-match must find a plausible share of counterparts, and the sky view
 * must show the sources on the local HiPS (visible sky under the markers, checked on the pixels).
 */
import { expect, test } from '@jupyterlab/galata';
import { Locator, Page } from '@playwright/test';
import * as path from 'path';

const TOUR = path.resolve(__dirname, '..', '..', 'examples', '01-tour.ipynb');
const CANVAS_HOST = '.jp-escape-Sky .jp-escape-Sky-aladin';
const MATCH_GREEN = [0x76, 0xff, 0x03];

interface ISkyPixels {
  /** Share of the view that is not the empty background (the most common colour). */
  sky: number;
  /** Pixels of the given marker colour. */
  markers: number;
  /** Share of those marker pixels whose surroundings (14 px away, 4 directions) are mostly sky, not background. */
  onSky: number;
}

/** Reads a screenshot of the sky view in the page: how much sky, and whether the markers sit on it. */
async function skyPixels(
  page: Page,
  target: Locator,
  rgb: number[]
): Promise<ISkyPixels> {
  const png = (await target.screenshot()).toString('base64');
  return page.evaluate(
    async ({ data, rgb }) => {
      const img = new Image();
      img.src = `data:image/png;base64,${data}`;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.width;
      canvas.height = img.height;
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const { width, height } = canvas;
      const p = ctx.getImageData(0, 0, width, height).data;
      const key = (i: number) => (p[i] << 16) | (p[i + 1] << 8) | p[i + 2];
      const counts = new Map<number, number>();
      for (let i = 0; i < p.length; i += 4) {
        counts.set(key(i), (counts.get(key(i)) ?? 0) + 1);
      }
      let background = 0;
      let most = 0;
      counts.forEach((n, k) => {
        if (n > most) {
          most = n;
          background = k;
        }
      });
      const isBackground = (x: number, y: number) => {
        const i = (y * width + x) * 4;
        const k = key(i);
        const dr = Math.abs((k >> 16) - (background >> 16));
        const dg = Math.abs(((k >> 8) & 255) - ((background >> 8) & 255));
        const db = Math.abs((k & 255) - (background & 255));
        return dr + dg + db < 6;
      };
      let markers = 0;
      let onSky = 0;
      const d = 14;
      for (let y = d; y < height - d; y++) {
        for (let x = d; x < width - d; x++) {
          const i = (y * width + x) * 4;
          if (
            Math.abs(p[i] - rgb[0]) < 40 &&
            Math.abs(p[i + 1] - rgb[1]) < 40 &&
            Math.abs(p[i + 2] - rgb[2]) < 40
          ) {
            markers++;
            const around = [
              isBackground(x - d, y),
              isBackground(x + d, y),
              isBackground(x, y - d),
              isBackground(x, y + d)
            ].filter(b => !b).length;
            if (around >= 3) {
              onSky++;
            }
          }
        }
      }
      return {
        sky: (width * height - most) / (width * height),
        markers,
        onSky: markers ? onSky / markers : 0
      };
    },
    { data: png, rgb }
  );
}

/** Whether this machine reaches Sesame (CDS) at all: decides which answer the view must give for a name. */
async function sesameReachable(): Promise<boolean> {
  try {
    const reply = await fetch(
      'https://cds.unistra.fr/cgi-bin/nph-sesame/-oI/A?M51',
      { signal: AbortSignal.timeout(5000) }
    );
    return reply.ok;
  } catch {
    return false;
  }
}

test.describe('the tour', () => {
  test.use({
    viewport: { width: 1400, height: 900 },
    // Galata's default readiness check waits for the Launcher, which a /lab/tree/<notebook> URL never shows.
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
    waitForApplication: async ({}, use) => {
      await use(async page => {
        await page.locator('#jupyterlab-splash').waitFor({ state: 'detached' });
      });
    }
  });
  // Kernel start, staging from the data lake, two VO queries, the cross-match and the sky view (software
  // WebGL on 2 cores) run one after the other.
  test.setTimeout(360 * 1000);

  test('opens by its URL and Run All tells the radio-optical story on visible sky', async ({
    page,
    tmpPath
  }, testInfo) => {
    await page.contents.uploadFile(TOUR, `${tmpPath}/01-tour.ipynb`);
    await page.goto(`tree/${tmpPath}/01-tour.ipynb`);
    await expect(page.locator('.jp-NotebookPanel').first()).toBeVisible({
      timeout: 60000
    });
    expect(await page.activity.isTabActive('01-tour.ipynb')).toBe(true);

    // Run All from the menu. (Galata's notebook.run() waits for "Idle" in the status bar, which stops showing
    // the notebook's kernel once the tour opens the plot and sky panels.) The last cell's citation ends it.
    await expect(page.locator('#jp-main-statusbar')).toContainText('Idle', {
      timeout: 120000
    });
    await page.menu.clickMenuItem('Run>Run All Cells');
    const outputs = page.locator('.jp-NotebookPanel .jp-OutputArea-output');
    await expect(outputs.filter({ hasText: '@software{' })).toHaveCount(1, {
      timeout: 300000
    });
    await page.activity.activateTab('Plot: m51_radio_optical');
    await page.screenshot({ path: testInfo.outputPath('tour-plot.png') });
    await page.activity.activateTab('01-tour.ipynb');
    await expect(outputs.filter({ hasText: 'Traceback' })).toHaveCount(0);
    await expect(
      outputs.filter({ hasText: /radio sources; position error/ })
    ).toHaveCount(1);

    // A plausible share of the radio sources has an optical counterpart, at sub-arcsecond typical separations.
    const line = await outputs
      .filter({ hasText: 'match fraction:' })
      .first()
      .innerText();
    const fraction = Number(/match fraction: (\d+)%/.exec(line)![1]) / 100;
    const median = Number(/median separation ([\d.]+)"/.exec(line)![1]);
    expect(fraction).toBeGreaterThan(0.5);
    expect(fraction).toBeLessThan(0.85);
    expect(median).toBeGreaterThan(0.1);
    expect(median).toBeLessThan(1.5);
    // The text histogram of separations has its bars.
    await expect(outputs.filter({ hasText: '0.00-0.25"' })).toHaveCount(1);
    await page.screenshot({ path: testInfo.outputPath('tour-notebook.png') });

    // The sky view: the sources on the local HiPS of the field (not on flat background).
    await page.activity.activateTab('Sky');
    const host = page.locator(CANVAS_HOST);
    await host
      .locator('canvas')
      .first()
      .waitFor({ state: 'visible', timeout: 60000 });
    await expect(
      page.locator('.jp-escape-SkyLayer[data-kind="catalogue"]')
    ).toHaveCount(3);
    await expect
      .poll(async () => (await skyPixels(page, host, MATCH_GREEN)).sky, {
        timeout: 60000,
        intervals: [2000]
      })
      .toBeGreaterThan(0.3);
    const pixels = await skyPixels(page, host, MATCH_GREEN);
    await host.screenshot({ path: testInfo.outputPath('tour-sky.png') });
    await page.screenshot({ path: testInfo.outputPath('tour-sky-page.png') });
    expect(pixels.markers).toBeGreaterThan(200);
    expect(pixels.onSky).toBeGreaterThan(0.9);

    // The name the tour used, typed in the view: without internet, the packaged catalogue answers and the view
    // says so; with it, Sesame answers and there is nothing to say. A name neither knows gets both causes.
    const message = page.locator('.jp-escape-Sky-message');
    const target = page.locator('.jp-escape-Sky-target');
    await target.fill('M51');
    await page.locator('.jp-escape-Sky-go').click();
    if (await sesameReachable()) {
      await expect(message).toBeHidden();
    } else {
      await expect(message).toContainText(
        '"M51" is M 51 at RA 202.4696°, Dec 47.1952° from the offline catalogue (OpenNGC)',
        { timeout: 30000 }
      );
    }
    await page.screenshot({
      path: testInfo.outputPath('tour-sky-resolver.png')
    });
    await target.fill('Planet Nine');
    await page.locator('.jp-escape-Sky-go').click();
    await expect(message).toContainText('Cannot resolve "Planet Nine"', {
      timeout: 30000
    });
  });
});

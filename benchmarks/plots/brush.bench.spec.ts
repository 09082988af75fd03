/**
 * Brushing a plot of a large VO result until the grid and the sky show the selection (Galata, system Chromium,
 * the local DaCHS's one-million-row esc_bench.big). Prints; asserts nothing about speed.
 *
 * The result (BRUSH_ROWS rows, default 100,000) is in the grid, on the sky (our own source canvas above Aladin
 * Lite) and plotted (RA against Dec), all three in view. A box is brushed on the plot and the page watches every
 * frame from the mouse's release until
 *   - the grid: its canvas shows the selection's colour (the theme's brand colour) and it reports the rows;
 *   - the sky: white selection rings appear on the source canvas.
 * Two ways in one run: a scatter plot (every point is in the browser: the box is selected there) and a density
 * plot of the same rows (binned on the server: the box goes to plots/select and the row ids come back).
 * No other tool links a grid, a plot and a sky view in the browser here (glue-jupyter and bqplot are not
 * installed), so the density path is the comparison printed beside the scatter's.
 *
 * Run: cd ui-tests && ESCAPE_UI_PORT=9130 ESCAPE_UI_PORT_NOEXT=9131 NODE_PATH=$PWD/node_modules \
 *        jlpm playwright test --config ../benchmarks/plots/playwright.config.js brush
 */
import { expect, test } from '@jupyterlab/galata';
import { Locator, Page } from '@playwright/test';
import { TAP_URL, typeQuery } from '../../ui-tests/tests/helpers';
import {
  loadAverage,
  startProfile,
  Stopwatch,
  stopProfile
} from '../sky/measure';

const N = Number(process.env.BRUSH_ROWS || 100_000);
let trace = 0;

test.use({ autoGoto: true, viewport: { width: 1600, height: 1000 } });
test.setTimeout(600 * 1000);

/** Grid, sky and plot side by side: the VO view left, the sky right, the plot below the VO view. */
async function arrange(page: Page): Promise<void> {
  await page.evaluate(() => {
    const app = window.jupyterapp;
    app.shell.collapseLeft();
    for (const w of Array.from(app.shell.widgets('main'))) {
      if (w.node.querySelector('.jp-Launcher')) {
        w.close();
      }
    }
    const all = Array.from(app.shell.widgets('main'));
    const find = (selector: string) =>
      all.find(
        w => w.node.matches(selector) || w.node.querySelector(selector)
      )!;
    const vo = find('.jp-escape-ServiceView');
    app.shell.add(find('.jp-escape-Sky'), 'main', {
      mode: 'split-right',
      ref: vo.id
    });
    app.shell.add(find('.jp-escape-Plot'), 'main', {
      mode: 'split-bottom',
      ref: vo.id
    });
  });
  await page.waitForTimeout(1500);
}

/** Milliseconds after the mouse's release; `cpu`: the browser's CPU over the same time. */
interface IBrushTimes {
  selected: number;
  grid: number;
  sky: number;
  cpu?: string;
  /** What happened in between: the code's steps (escape:* performance marks), long tasks and long frames. */
  steps?: string;
}

/**
 * Brush a box on the plot and time, in the page, from the mouse's release to
 *  - grid: the frame after the grid's summary line says a new number of selected rows (the grid repaints its
 *    canvas in that animation frame: Lumino's paint requests run on requestAnimationFrame);
 *  - sky: the first draw of the sky's source canvas (its data-drawn counter) with more white ring pixels.
 * Pixels are read only when the source canvas has drawn again: reading canvases every frame slowed the page
 * being measured by seconds.
 */
async function brush(
  page: Page,
  plot: Locator,
  box: [number, number, number, number]
): Promise<IBrushTimes> {
  await page.evaluate(() => {
    const w = window as unknown as {
      __brush: Promise<IBrushTimes>;
      __brushSteps: Promise<string>;
    };
    const sky = () =>
      document.querySelector<HTMLCanvasElement>('canvas.jp-escape-SkySources')!;
    const rings = () => {
      const canvas = sky();
      const p = canvas
        .getContext('2d')!
        .getImageData(0, 0, canvas.width, canvas.height).data;
      let n = 0;
      for (let i = 0; i < p.length; i += 4) {
        if (p[i + 3] > 0 && p[i] > 235 && p[i + 1] > 235 && p[i + 2] > 235) {
          n++;
        }
      }
      return n;
    };
    const summary = () =>
      document.querySelector('.jp-escape-Grid-summary')?.textContent ?? '';
    const summaryBefore = summary();
    const ringsBefore = rings();
    // Every step of the code (its escape:* marks, src/components/timing.ts), every long task and every frame
    // longer than 40 ms from the release on; printed once both views showed the selection (and 1 s more).
    const events: Array<[number, string]> = [];
    let t0 = NaN;
    const observer = new PerformanceObserver(list => {
      for (const e of list.getEntries()) {
        if (e.startTime < t0) {
          continue;
        }
        if (e.entryType === 'mark' && e.name.startsWith('escape:')) {
          events.push([e.startTime - t0, e.name.slice(7)]);
        } else if (e.entryType === 'longtask') {
          events.push([
            e.startTime - t0,
            `long task ${e.duration.toFixed(0)} ms`
          ]);
        }
      }
    });
    observer.observe({ entryTypes: ['mark', 'longtask'] });
    const steps = () =>
      events
        .sort((a, b) => a[0] - b[0])
        .map(([t, what]) => `${t.toFixed(0)} ${what}`)
        .join(', ');
    let stepsDone: (steps: string) => void = () => undefined;
    w.__brushSteps = new Promise(resolve => (stepsDone = resolve));
    w.__brush = new Promise(resolve => {
      window.addEventListener(
        'mouseup',
        () => {
          t0 = performance.now();
          const seen = { selected: -1, grid: -1, sky: -1 };
          let last = t0;
          const frames = (now: number) => {
            if (now - last > 40) {
              events.push([last - t0, `frame ${(now - last).toFixed(0)} ms`]);
            }
            last = now;
            if (now - t0 < 3000) {
              requestAnimationFrame(frames);
            }
          };
          requestAnimationFrame(frames);
          let summarised = false;
          let drawn = sky().dataset.drawn;
          const frame = () => {
            const now = performance.now() - t0;
            if (summarised && seen.grid < 0) {
              seen.grid = now; // the frame after the DOM said so: the grid's canvas painted in between
            }
            if (!summarised && summary() !== summaryBefore) {
              summarised = true;
            }
            if (seen.sky < 0 && sky().dataset.drawn !== drawn) {
              drawn = sky().dataset.drawn;
              if (rings() > ringsBefore + 20) {
                seen.sky = now;
              }
            }
            if ((seen.grid >= 0 && seen.sky >= 0) || now > 60000) {
              // when the plot handed the box to its model (its mark)
              const brushed = performance
                .getEntriesByName('escape:plot-brushed')
                .filter(e => e.startTime >= t0);
              seen.selected = brushed.length ? brushed[0].startTime - t0 : -1;
              resolve(seen);
              // the plot's own highlight comes after: keep listening a while
              setTimeout(() => {
                observer.disconnect();
                stepsDone(steps());
              }, 1500);
            } else {
              requestAnimationFrame(frame);
            }
          };
          requestAnimationFrame(frame);
        },
        { once: true, capture: true }
      );
    });
  });
  const area = (await plot.locator('.nsewdrag').first().boundingBox())!;
  const at = (fx: number, fy: number) =>
    [area.x + area.width * fx, area.y + area.height * fy] as const;
  await page.mouse.move(...at(box[0], box[1]));
  await page.mouse.down();
  await page.mouse.move(...at(box[2], box[3]), { steps: 10 });
  const cdp = process.env.PROFILE ? await startProfile(page) : null;
  // TRACE=<file>: a Chrome trace of the release (DevTools' timeline: tasks, paints, GPU) for chrome://tracing
  const browser = page.context().browser();
  if (process.env.TRACE && browser) {
    await browser.startTracing(undefined, {
      path: `${process.env.TRACE}-${trace++}.json`,
      categories: [
        'devtools.timeline',
        'disabled-by-default-devtools.timeline',
        'blink.user_timing',
        'gpu',
        'cc',
        'viz',
        'toplevel'
      ]
    });
  }
  const clock = new Stopwatch();
  await page.mouse.up();
  const seen: IBrushTimes = await page.evaluate(
    () =>
      (
        window as unknown as {
          __brush: Promise<IBrushTimes>;
        }
      ).__brush
  );
  const cpu = clock.describe();
  if (cdp) {
    await stopProfile(cdp, 'from the release to grid and sky drawn');
  }
  const steps = await page.evaluate(
    () => (window as unknown as { __brushSteps: Promise<string> }).__brushSteps
  );
  if (process.env.TRACE && browser) {
    await browser.stopTracing();
  }
  return { ...seen, cpu, steps };
}

test('brushing: grid and sky follow', async ({ page }, testInfo) => {
  page.on('pageerror', error => console.log(`page error: ${error.message}`));
  // The theme asked for, light unless BRUSH_DARK (the test server keeps the last theme a test chose)
  const dark = !!process.env.BRUSH_DARK;
  await page.evaluate(
    async theme => {
      await window.jupyterapp.commands.execute('apputils:change-theme', {
        theme
      });
    },
    dark ? 'JupyterLab Dark' : 'JupyterLab Light'
  );
  await page.waitForSelector(`body[data-jp-theme-light="${!dark}"]`, {
    state: 'attached',
    timeout: 30000
  });
  await page.evaluate(() =>
    window.jupyterapp.commands.execute('escape:open-sky-view', {
      target: '150 2',
      fov: 12
    })
  );
  await page
    .locator('.jp-escape-Sky-aladin canvas')
    .first()
    .waitFor({ state: 'visible', timeout: 120000 });
  await page.evaluate(
    url =>
      window.jupyterapp.commands.execute('escape:vo-new-query', {
        url,
        title: 'ESCAPE bench TAP'
      }),
    TAP_URL
  );
  const view = page.locator('.jp-escape-ServiceView');
  await expect(
    view
      .locator('.jp-escape-TableList')
      .getByText('esc_bench.big', { exact: true })
  ).toBeVisible({ timeout: 60000 });
  await view.locator('.jp-escape-VO-maxrec').fill(String(N));
  await typeQuery(
    page,
    `SELECT TOP ${N} row_id, ra, dec, mag, flux FROM esc_bench.big`
  );
  await view.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(view.locator('.jp-escape-ResultPane-summary')).toContainText(
    N.toLocaleString('en-US'),
    { timeout: 180000 }
  );
  await view.getByRole('button', { name: 'Show on sky' }).click();
  const sky = page.locator('.jp-escape-Sky');
  await expect(
    sky.locator('.jp-escape-SkyLayer[data-kind="catalogue"]')
  ).toHaveCount(1, { timeout: 120000 });
  await view.getByRole('button', { name: 'Plot', exact: true }).click();
  const plot = page.locator('.jp-escape-Plot');
  await expect(plot).toHaveAttribute('data-status', 'ready', {
    timeout: 120000
  });
  for (const [label, value] of [
    ['X', 'ra'],
    ['Y', 'dec']
  ]) {
    await plot.getByLabel(label, { exact: true }).fill(value);
    await plot.getByLabel(label, { exact: true }).press('Enter');
  }
  await arrange(page);
  await plot
    .locator('.nsewdrag')
    .first()
    .waitFor({ state: 'visible', timeout: 120000 });
  await expect(plot).toHaveAttribute('data-status', 'ready');
  await page.waitForTimeout(2000); // the sky's full redraw after its last move

  const results: string[] = [];
  for (const kind of ['scatter', 'density']) {
    if (kind === 'density') {
      await plot.getByLabel('Plot', { exact: true }).selectOption('density');
      await expect(plot.locator('.jp-escape-Plot-status')).toContainText(
        'rows plotted',
        { timeout: 60000 }
      );
      await plot.locator('.jp-escape-Plot-chart[data-interactive]').waitFor();
      // a fresh selection: one row picked in the grid (grid, plot and sky follow it)
      await view
        .locator('.jp-escape-Grid-canvas')
        .click({ position: { x: 150, y: 37 } });
      await expect(plot).toHaveAttribute('data-selected', '1');
      await page.waitForTimeout(1500);
    }
    const box: [number, number, number, number] =
      kind === 'scatter' ? [0.3, 0.3, 0.55, 0.6] : [0.55, 0.35, 0.8, 0.65];
    const seen = await brush(page, plot, box);
    const summary = await view.locator('.jp-escape-Grid-summary').textContent();
    const line = `${kind} (${kind === 'scatter' ? 'box selected in the browser' : 'binned: box selected on the server'}), ${N.toLocaleString('en-US')} rows, grid says "${summary}": the plot hands the box over ${seen.selected.toFixed(0)} ms, grid shows the rows ${seen.grid.toFixed(0)} ms, sky rings drawn ${seen.sky.toFixed(0)} ms after the release (${seen.cpu})`;
    console.log(line);
    console.log(`  steps (ms after the release): ${seen.steps}`);
    results.push(line);
    await page.waitForTimeout(1000);
    await page.screenshot({
      path: testInfo.outputPath(
        `brush-${kind}-${process.env.BRUSH_DARK ? 'dark' : 'light'}.png`
      )
    });
  }
  console.log(`load ${loadAverage()}`);
});

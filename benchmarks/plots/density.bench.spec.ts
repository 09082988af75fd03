/**
 * 1,000,000-row density plot in the browser (Galata, system Chromium). Prints; asserts nothing about speed.
 *
 * jupyter-escape: `jupyter_escape.plot.density` on a Parquet file in the workspace (written by the first cell, before
 * the clock starts), from running the cell to the density on screen. The clock is read in the page: from the
 * keydown that runs the cell (its event time) to the second animation frame after the panel drew its first
 * picture (the density on a canvas, with axes and colour bar), i.e. once the frame holding the picture has been
 * produced. Printed beside it: the time the test process saw the panel drawn (it polls the page, and plotly's
 * chunk, evaluated right after the first picture, holds the page's main thread ~1 s: that figure is mostly
 * plotly's start), when plotly's chart replaced the picture (brushing from then on), when each request ran after
 * the keypress with the server's own phases (Server-Timing: wait for a worker, table, bins), and with PROFILE=1
 * the main thread's profile. FRAMES=1 records the screen (CDP screencast) and saves the frames around the first
 * picture, named by their time after the keypress, to look at.
 * Peer, same page and run: the same points shipped to the browser as JSON and binned by plotly.js itself
 * (histogram2d), from the fetch to the plot drawn. Screenshots of the first picture and of plotly's chart in the
 * test's output folder (DENSITY_DARK=1: in the dark theme).
 *
 * Run: cd ui-tests && NODE_PATH=$PWD/node_modules ESCAPE_UI_PORT=9130 ESCAPE_UI_PORT_NOEXT=9131 jlpm playwright \
 *        test --config ../benchmarks/plots/playwright.config.js density
 */
import { expect, test } from '@jupyterlab/galata';
import * as fs from 'fs';
import * as path from 'path';
import { startProfile, Stopwatch, stopProfile } from '../sky/measure';
import {
  IFirstPicture,
  recordFirstPicture,
  recordScreen
} from './firstPicture';

const N = 1_000_000;
const PLOTLY = path.resolve(
  __dirname,
  '../../node_modules/plotly.js-dist-min/plotly.min.js'
);

test.use({ autoGoto: false, viewport: { width: 1400, height: 900 } });
test.setTimeout(600 * 1000);

test('density plot benchmark', async ({ page, baseURL, tmpPath }, testInfo) => {
  page.on('pageerror', error => console.log(`page error: ${error.message}`));
  const theme = process.env.DENSITY_DARK ? 'dark' : 'light';
  // The file browser in the test folder, so the notebook (and the kernel's working folder) is there.
  await page.goto(`${baseURL}/lab/tree/${tmpPath}`);
  await page.waitForSelector('#jupyterlab-splash', { state: 'detached' });
  if (process.env.DENSITY_DARK) {
    await page.evaluate(() =>
      window.jupyterapp.commands.execute('apputils:change-theme', {
        theme: 'JupyterLab Dark'
      })
    );
  }
  await page.notebook.createNew('density.ipynb');
  await page.notebook.setCell(
    0,
    'code',
    `import json, numpy as np, pyarrow as pa, pyarrow.parquet as pq; rng = np.random.default_rng(2); x = rng.normal(0, 1, ${N}); y = x * 0.5 + rng.normal(0, 0.7, ${N}); pq.write_table(pa.table({"x": x, "y": y}), "big.parquet"); open("big.json", "w").write(json.dumps({"x": x.round(6).tolist(), "y": y.round(6).tolist()}))`
  );
  await page.notebook.addCell(
    'code',
    `from jupyter_escape import plot; plot.density({"kind": "file", "path": "${tmpPath}/big.parquet"}, "x", "y")`
  );
  await page.notebook.runCell(0, true);

  // Run without waiting for "Idle" in the status bar: the plot panel takes the focus from the notebook.
  await page.notebook.selectCells(1);
  await page.evaluate(recordFirstPicture);
  const frames = process.env.FRAMES ? await recordScreen(page) : null;
  const cdp = process.env.PROFILE ? await startProfile(page) : null;
  const t0 = await page.evaluate(() => performance.now());
  const clock = new Stopwatch();
  const start = Date.now();
  await page.keyboard.press('Control+Enter');
  const panel = page.locator('.jp-escape-Plot');
  await expect(panel).toHaveAttribute('data-rendered', /\d+/, {
    timeout: 300000
  });
  const seen = Date.now() - start;
  const cpu = clock.describe();
  const times = await page.waitForFunction(
    () => {
      const w = window as unknown as { densityFirst: IFirstPicture };
      return w.densityFirst.shown !== undefined ? w.densityFirst : null;
    },
    null,
    { timeout: 60000 }
  );
  const first = (await times.jsonValue()) as IFirstPicture;
  const ours = first.shown! - first.key!;
  if (first.png) {
    fs.writeFileSync(
      testInfo.outputPath(`density-first-${theme}.png`),
      Buffer.from(first.png.split(',')[1], 'base64')
    );
  }
  await panel.locator('.jp-escape-Plot-chart[data-interactive]').waitFor();
  const interactive = Date.now() - start;
  if (frames) {
    await frames.save(first, testInfo.outputPath('frames'));
  }
  await panel.screenshot({
    path: testInfo.outputPath(`density-plotly-${theme}.png`)
  });
  const status = await panel.locator('.jp-escape-Plot-status').textContent();
  console.log(
    `jupyter-escape: cell -> ${N}-row density on screen: ${(ours / 1000).toFixed(2)} s (in the page: keydown ${(first.key! - t0).toFixed(0)} ms after the test pressed, picture drawn at ${((first.drawn! - first.key!) / 1000).toFixed(2)} s, its frame done at ${(ours / 1000).toFixed(2)} s; ${status}; ${cpu})`
  );
  const busy = (first.busy ?? [])
    .filter(([at]) => at >= first.key!)
    .map(
      ([at, ms]) =>
        `${((at - first.key!) / 1000).toFixed(2)} s +${ms.toFixed(0)} ms`
    );
  console.log(
    `  panel in the page at ${((first.panel! - first.key!) / 1000).toFixed(2)} s; main thread's long tasks until then: ${busy.join(', ') || 'none'}`
  );
  console.log(
    `  seen drawn by the test process ${(seen / 1000).toFixed(2)} s (it polls the page; plotly's start holds the main thread); plotly's chart (brushing) ready ${(interactive / 1000).toFixed(2)} s`
  );
  // When each piece arrived after the keypress (chunks, the plot routes, the server's phases).
  console.log(
    await page.evaluate(key => {
      const lines = performance
        .getEntriesByType('resource')
        .filter(e => e.startTime > key)
        .map(e => {
          const r = e as PerformanceResourceTiming;
          const server = (r.serverTiming ?? [])
            .map(t => `${t.name} ${t.duration.toFixed(0)}`)
            .join(', ');
          return `    ${((r.startTime - key) / 1000).toFixed(2)}-${((r.responseEnd - key) / 1000).toFixed(2)} s  ${r.name.split('/').pop()!.slice(0, 60)}${server ? `  [server ms: ${server}]` : ''}`;
        });
      return `  after the keydown:\n${lines.join('\n')}`;
    }, first.key!)
  );
  if (cdp) {
    await stopProfile(cdp, 'cell -> density drawn');
  }

  // Panel open and plotly loaded: a new expression on the X axis, binned again on the server. Timed in the page,
  // from the Enter to the panel drawn after the new answer arrived (the panel also redraws the old data at once,
  // with its status "loading": that draw is not the one measured).
  await panel.locator('.jp-escape-Plot-x').fill('x * 2');
  const enter = await page.evaluate(() => performance.now());
  await panel.locator('.jp-escape-Plot-x').press('Enter');
  const redrawn = await page.waitForFunction(
    since => {
      const answers = (
        performance.getEntriesByType('resource') as PerformanceResourceTiming[]
      ).filter(e => e.startTime > since && e.name.includes('plots/aggregate'));
      const panel = document.querySelector<HTMLElement>('.jp-escape-Plot')!;
      const rendered = Number(panel.dataset.rendered) - performance.timeOrigin;
      return answers.length && rendered >= answers[0].responseEnd
        ? rendered - since
        : null;
    },
    enter,
    { timeout: 300000 }
  );
  const redraw = (await redrawn.jsonValue()) as number;
  console.log(
    `jupyter-escape: new X expression -> ${N}-row density redrawn: ${(redraw / 1000).toFixed(2)} s (Enter -> drawn, in the page)`
  );

  // Peer: ship the points, bin and draw in the browser with plotly.js.
  await page.addScriptTag({ path: PLOTLY });
  const theirs = await page.evaluate(async url => {
    const t0 = performance.now();
    const data = await (await fetch(url)).json();
    const div = document.createElement('div');
    div.style.cssText =
      'position:fixed;left:0;top:0;width:600px;height:500px;z-index:10000;background:white';
    document.body.append(div);
    await (window as any).Plotly.newPlot(div, [
      { type: 'histogram2d', x: data.x, y: data.y, nbinsx: 200, nbinsy: 200 }
    ]);
    return performance.now() - t0;
  }, `${baseURL}/files/${tmpPath}/big.json`);
  console.log(
    `plotly.js histogram2d of the shipped points: ${(theirs / 1000).toFixed(2)} s`
  );
  console.log(
    `ratio plotly.js in the browser / jupyter-escape: ${(theirs / ours).toFixed(2)} (first plot on screen, panel loading included), ${(theirs / redraw).toFixed(2)} (redraw)`
  );
  await page.screenshot({ path: '/tmp/density-bench.png' });
});

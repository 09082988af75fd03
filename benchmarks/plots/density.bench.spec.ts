/**
 * 1,000,000-row density plot in the browser (Galata, system Chromium). Prints; asserts nothing about speed.
 *
 * jupyter-escape: `jupyter_escape.plot.density` on a Parquet file in the workspace, from running the cell to the
 * plot drawn (the server bins in numpy and sends 200 x 200 counts; the panel's chunk loads on the way; the
 * density is drawn on a canvas first, and the time plotly's chart replaces it, ready for brushing, is printed
 * too). Printed beside it: when each request ran after the keypress (PROFILE=1 adds the main thread's profile).
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
  const cdp = process.env.PROFILE ? await startProfile(page) : null;
  const t0 = await page.evaluate(() => performance.now());
  const clock = new Stopwatch();
  const start = Date.now();
  await page.keyboard.press('Control+Enter');
  const panel = page.locator('.jp-escape-Plot');
  await expect(panel).toHaveAttribute('data-rendered', /\d+/, {
    timeout: 300000
  });
  const ours = Date.now() - start;
  const cpu = clock.describe();
  // the first picture (drawn on a canvas while plotly starts: read from the canvas, a screenshot waits for
  // plotly), then plotly's chart that replaces it
  const first = await page.evaluate(
    () =>
      document
        .querySelector<HTMLCanvasElement>('.jp-escape-Plot-preview')
        ?.toDataURL('image/png') ?? null
  );
  if (first) {
    fs.writeFileSync(
      testInfo.outputPath(`density-first-${theme}.png`),
      Buffer.from(first.split(',')[1], 'base64')
    );
  } else {
    console.log(
      '(the first picture was replaced by plotly before it could be read)'
    );
  }
  await panel.locator('.jp-escape-Plot-chart[data-interactive]').waitFor();
  const interactive = Date.now() - start;
  await panel.screenshot({
    path: testInfo.outputPath(`density-plotly-${theme}.png`)
  });
  const status = await panel.locator('.jp-escape-Plot-status').textContent();
  console.log(
    `jupyter-escape: cell -> ${N}-row density drawn: ${(ours / 1000).toFixed(2)} s (${status}; ${cpu}); plotly's chart (brushing) ready ${(interactive / 1000).toFixed(2)} s`
  );
  // When each piece arrived after the keypress (chunks, the plot routes): where the critical path goes.
  console.log(
    await page.evaluate(t0 => {
      const rendered = Number(
        document.querySelector<HTMLElement>('.jp-escape-Plot')!.dataset.rendered
      );
      const lines = performance
        .getEntriesByType('resource')
        .filter(e => e.startTime > t0)
        .map(
          e =>
            `    ${((e.startTime - t0) / 1000).toFixed(2)}-${((e.responseEnd - t0) / 1000).toFixed(2)} s  ${e.name.split('/').pop()!.slice(0, 60)}`
        );
      const drawn = (rendered - performance.timeOrigin - t0) / 1000;
      return `  after the keypress:\n${lines.join('\n')}\n    ${drawn.toFixed(2)} s  drawn`;
    }, t0)
  );
  if (cdp) {
    await stopProfile(cdp, 'cell -> density drawn');
  }

  // Panel open and plotly loaded: a new expression on the X axis, binned again on the server.
  const before = await panel.getAttribute('data-rendered');
  const again = Date.now();
  await panel.locator('.jp-escape-Plot-x').fill('x * 2');
  await panel.locator('.jp-escape-Plot-x').press('Enter');
  await expect(panel).not.toHaveAttribute('data-rendered', before!, {
    timeout: 300000
  });
  const redraw = Date.now() - again;
  console.log(
    `jupyter-escape: new X expression -> ${N}-row density redrawn: ${(redraw / 1000).toFixed(2)} s`
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
    `ratio plotly.js in the browser / jupyter-escape: ${(theirs / ours).toFixed(2)} (first plot, panel and plotly loading included), ${(theirs / redraw).toFixed(2)} (redraw)`
  );
  await page.screenshot({ path: '/tmp/density-bench.png' });
});

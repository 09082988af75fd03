/**
 * Linked views (issue 16), end to end against the local DaCHS: a VO result is shown on the sky (the view
 * recentres on the layer, checked in the rendered pixels), plotted, and a box brushed in the plot selects the
 * same rows (by id) in the grid and on the sky; a row picked in the grid is highlighted in the plot. A density
 * opened from the notebook asks for its bins and columns in one request; a bad axis shows the server's error and
 * still offers the columns. Screenshots (the first test in the dark theme) are saved under test-results/.
 */
import { expect, test } from '@jupyterlab/galata';
import { Locator } from '@playwright/test';
import { countColour, screenshot, TAP_URL, typeQuery } from './helpers';

const SKY = '.jp-escape-Sky';
const PLOT = '.jp-escape-Plot';

const ids = async (locator: Locator, attribute: string) =>
  ((await locator.getAttribute(attribute)) ?? '')
    .split(',')
    .filter(Boolean)
    .map(Number);

test.use({ autoGoto: true, viewport: { width: 1600, height: 1100 } });
test.setTimeout(300 * 1000);

test('a VO result: sky recentres on the layer, a plot brush selects the same rows in grid and sky', async ({
  page
}, testInfo) => {
  await page.evaluate(async () => {
    await window.jupyterapp.commands.execute('apputils:change-theme', {
      theme: 'JupyterLab Dark'
    });
  });
  // The sky starts far from the sources (the reported bug: "Show on sky" left the view there).
  await page.evaluate(async () => {
    await window.jupyterapp.commands.execute('escape:open-sky-view', {
      target: '10 -40',
      fov: 3
    });
  });
  await page
    .locator(`${SKY} .jp-escape-Sky-aladin canvas`)
    .first()
    .waitFor({ state: 'visible', timeout: 120000 });

  await page.evaluate(
    async url =>
      await window.jupyterapp.commands.execute('escape:vo-new-query', {
        url,
        title: 'ESCAPE demo TAP'
      }),
    TAP_URL
  );
  const view = page.locator('.jp-escape-ServiceView');
  await expect(
    view
      .locator('.jp-escape-TableList')
      .getByText('esc_demo.main', { exact: true })
  ).toBeVisible({ timeout: 30000 });
  await typeQuery(
    page,
    "SELECT source_id, ra, dec, mag_g, mag_r, redshift FROM esc_demo.main WHERE field = 'ELAIS-N1'"
  );
  await view.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(view.locator('.jp-escape-ResultPane-summary')).toContainText(
    'rows',
    { timeout: 30000 }
  );

  await view.getByRole('button', { name: 'Show on sky' }).click();
  const sky = page.locator(SKY);
  await expect(
    sky.locator('.jp-escape-SkyLayer[data-kind="catalogue"]')
  ).toHaveCount(1, { timeout: 60000 });
  // recentred on ELAIS-N1 (RA ~242.8, Dec ~55) and zoomed to the layer, not left at 10 -40
  const centre = JSON.parse((await sky.getAttribute('data-centre')) ?? '{}');
  expect(Math.abs(centre.ra - 242.8)).toBeLessThan(3);
  expect(Math.abs(centre.dec - 55)).toBeLessThan(3);
  expect(centre.fov).toBeLessThan(10);
  await page.activity.activateTab('Sky');
  const canvasHost = sky.locator('.jp-escape-Sky-aladin');
  await page.waitForTimeout(3000);
  // the sources are drawn in the layer's colour (#ff9900) in the rendered view
  expect(
    await countColour(page, canvasHost, [255, 153, 0], 60)
  ).toBeGreaterThan(50);
  await screenshot(
    page,
    testInfo.outputPath.bind(testInfo),
    'plots-sky-recentred'
  );

  // Colour by a column from the layer list: the sources take the scale's colours (its yellow end for the
  // brightest magnitudes' opposite end), the single orange goes; back to one colour for the rest of the test.
  const orange = await countColour(page, canvasHost, [255, 153, 0], 60);
  const colourBy = sky.locator('.jp-escape-SkyLayer-colorBy');
  await expect(colourBy.locator('option')).toContainText(['mag_g', 'redshift']);
  await colourBy.selectOption('mag_g');
  await expect
    .poll(() => countColour(page, canvasHost, [253, 231, 37], 40), {
      timeout: 30000
    })
    .toBeGreaterThan(20);
  expect(await countColour(page, canvasHost, [255, 153, 0], 60)).toBeLessThan(
    orange / 4
  );
  await screenshot(
    page,
    testInfo.outputPath.bind(testInfo),
    'plots-sky-colour-by'
  );
  await colourBy.selectOption('');

  // Plot the result: a scatter of two expressions
  await page.activity.activateTab('ESCAPE demo TAP');
  await view.getByRole('button', { name: 'Plot', exact: true }).click();
  const plot = page.locator(PLOT);
  await expect(plot).toHaveAttribute('data-status', 'ready', {
    timeout: 60000
  });
  await plot.getByLabel('X', { exact: true }).fill('mag_g - mag_r');
  await plot.getByLabel('X', { exact: true }).press('Enter');
  await plot.getByLabel('Y', { exact: true }).fill('mag_r');
  await plot.getByLabel('Y', { exact: true }).press('Enter');
  await expect(plot.locator('.jp-escape-Plot-status')).toContainText(
    'rows plotted',
    { timeout: 60000 }
  );
  await expect(plot).toHaveAttribute('data-status', 'ready');
  await plot
    .locator('.nsewdrag')
    .first()
    .waitFor({ state: 'visible', timeout: 60000 });

  // Brush a box in the middle of the plot area
  const area = (await plot.locator('.nsewdrag').first().boundingBox())!;
  await page.mouse.move(area.x + area.width * 0.3, area.y + area.height * 0.3);
  await page.mouse.down();
  await page.mouse.move(
    area.x + area.width * 0.6,
    area.y + area.height * 0.55,
    { steps: 8 }
  );
  await page.mouse.move(area.x + area.width * 0.7, area.y + area.height * 0.7, {
    steps: 8
  });
  await page.mouse.up();
  await expect
    .poll(async () => (await ids(plot, 'data-selected-rows')).length, {
      timeout: 30000
    })
    .toBeGreaterThan(0);
  const brushed = await ids(plot, 'data-selected-rows');
  // the grid selected exactly these rows, and so did the sky layer
  const grid = view.locator('.jp-escape-Grid');
  await expect
    .poll(async () => (await ids(grid, 'data-selected-rows')).join(','), {
      timeout: 20000
    })
    .toBe(brushed.join(','));
  await expect
    .poll(
      async () => {
        const selection = JSON.parse(
          (await sky.getAttribute('data-selection')) ?? '{}'
        );
        return (selection.ids ?? [])
          .map(Number)
          .sort((a: number, b: number) => a - b)
          .join(',');
      },
      { timeout: 20000 }
    )
    .toBe(brushed.join(','));
  await expect(view.locator('.jp-escape-Grid-summary')).toContainText(
    `${brushed.length} selected`
  );
  // the plot redraws with the selection highlighted (its own status line counts it)
  await expect(plot.locator('.jp-escape-Plot-status')).toContainText(
    `${brushed.length} selected`,
    { timeout: 20000 }
  );
  await expect(plot).toHaveAttribute('data-status', 'ready');
  await page.waitForTimeout(500);
  await screenshot(page, testInfo.outputPath.bind(testInfo), 'plots-brushed');

  // A row picked in the grid is what the plot highlights
  await view
    .locator('.jp-escape-Grid-canvas')
    .click({ position: { x: 150, y: 37 } });
  await expect
    .poll(async () => (await ids(plot, 'data-selected-rows')).length, {
      timeout: 20000
    })
    .toBe(1);
  expect(await ids(plot, 'data-selected-rows')).toEqual(
    await ids(grid, 'data-selected-rows')
  );
  await expect(plot.locator('.jp-escape-Plot-status')).toContainText(
    '1 selected'
  );
  await screenshot(page, testInfo.outputPath.bind(testInfo), 'plots-grid-pick');

  // Histogram with a log count axis, then the code that reproduces it
  await plot.getByLabel('Plot', { exact: true }).selectOption('histogram');
  await expect(plot.locator('.jp-escape-Plot-status')).toContainText(
    'rows plotted',
    { timeout: 30000 }
  );
  await plot.getByRole('button', { name: 'Code' }).click();
  const code = page.locator('.jp-escape-Plot-code');
  await expect(code).toContainText('plot.histogram(');
  await expect(code).toContainText("'kind': 'vo-result'");
  await screenshot(page, testInfo.outputPath.bind(testInfo), 'plots-code');
  await page.getByRole('button', { name: 'Close' }).click();
});

test('a source clicked on the sky is highlighted in the plot', async ({
  page
}) => {
  await page.evaluate(
    async url =>
      await window.jupyterapp.commands.execute('escape:vo-new-query', {
        url,
        title: 'ESCAPE demo TAP'
      }),
    TAP_URL
  );
  const view = page.locator('.jp-escape-ServiceView');
  await expect(
    view
      .locator('.jp-escape-TableList')
      .getByText('esc_demo.main', { exact: true })
  ).toBeVisible({ timeout: 30000 });
  // One source: the layer is centred on it, so it is under the centre of the view.
  await typeQuery(
    page,
    'SELECT TOP 1 source_id, ra, dec, mag_g, mag_r FROM esc_demo.main'
  );
  await view.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(view.locator('.jp-escape-ResultPane-summary')).toContainText(
    '1 row',
    { timeout: 30000 }
  );
  await view.getByRole('button', { name: 'Plot', exact: true }).click();
  const plot = page.locator(PLOT);
  await expect(plot).toHaveAttribute('data-status', 'ready', {
    timeout: 60000
  });
  await view.getByRole('button', { name: 'Show on sky' }).click();
  const sky = page.locator(SKY);
  await expect(
    sky.locator('.jp-escape-SkyLayer[data-kind="catalogue"]')
  ).toHaveCount(1, { timeout: 60000 });
  await page.activity.activateTab('Sky');
  const host = sky.locator('.jp-escape-Sky-aladin');
  await host
    .locator('canvas')
    .first()
    .waitFor({ state: 'visible', timeout: 120000 });
  await page.waitForTimeout(2000);
  const box = (await host.boundingBox())!;
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await expect
    .poll(
      async () =>
        JSON.parse((await sky.getAttribute('data-selection')) ?? '{}').origin,
      { timeout: 20000 }
    )
    .toBe('view');
  // the plot's selection is row 0, the source clicked, and the plot says so
  await expect
    .poll(async () => await ids(plot, 'data-selected-rows'), { timeout: 20000 })
    .toEqual([0]);
  await expect(plot.locator('.jp-escape-Plot-status')).toContainText(
    '1 selected'
  );
});

test('a density from the notebook: one request draws it and offers the columns; a bad axis still offers them', async ({
  page,
  baseURL,
  tmpPath
}, testInfo) => {
  // the notebook (and so the kernel's working folder) in the test folder
  await page.goto(`${baseURL}/lab/tree/${tmpPath}`);
  await page.waitForSelector('#jupyterlab-splash', { state: 'detached' });
  await page.notebook.createNew('density.ipynb');
  await page.notebook.setCell(
    0,
    'code',
    'import numpy as np, pyarrow as pa, pyarrow.parquet as pq; rng = np.random.default_rng(1); x = rng.normal(0, 1, 20000); pq.write_table(pa.table({"x": x, "y": 2 * x + rng.normal(0, 1, 20000), "mag": rng.uniform(10, 20, 20000)}), "cat.parquet")'
  );
  await page.notebook.runCell(0, true);
  const source = `{"kind": "file", "path": "${tmpPath}/cat.parquet"}`;
  await page.notebook.addCell(
    'code',
    `from jupyter_escape import plot; plot.density(${source}, "x", "y")`
  );
  // run without waiting for "Idle": the plot panel takes the focus from the notebook
  await page.notebook.selectCells(1);
  await page.keyboard.press('Control+Enter');
  const plot = page.locator(PLOT);
  await expect(plot.locator('.jp-escape-Plot-status')).toContainText(
    '20,000 of 20,000 rows plotted',
    { timeout: 60000 }
  );
  await expect(plot).toHaveAttribute('data-status', 'ready');
  // bins and columns came in one answer: no describe request was made
  const asked = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map(e => e.name.split('?')[0].split('/').pop())
      .filter(name => name === 'describe' || name === 'aggregate')
  );
  expect(asked).toEqual(['aggregate']);
  const offered = async (panel: Locator) =>
    (await panel
      .locator('datalist option')
      .evaluateAll(options =>
        options.map(o => (o as HTMLOptionElement).value)
      )) as string[];
  expect(await offered(plot)).toEqual(['x', 'y', 'mag']);
  await plot.locator('.jp-escape-Plot-chart[data-interactive]').waitFor();
  await screenshot(
    page,
    testInfo.outputPath.bind(testInfo),
    'plots-notebook-density'
  );

  // An axis naming no column: the server's error is shown, and the columns are still offered to fix it with.
  await page.notebook.activate('density.ipynb');
  await page.notebook.addCell(
    'code',
    `plot.density(${source}, "x", "nosuch * 2", view="bad")`
  );
  await page.notebook.selectCells(2);
  await page.keyboard.press('Control+Enter');
  const bad = page.locator(PLOT).last();
  await expect(bad).toHaveAttribute('data-status', 'error', {
    timeout: 60000
  });
  await expect(bad.locator('.jp-escape-Plot-status')).toContainText('nosuch');
  await expect.poll(() => offered(bad)).toEqual(['x', 'y', 'mag']);
});

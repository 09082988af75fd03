/**
 * A large catalogue on the sky (issue 16): 100,000 sources from a notebook go through the Arrow spool and are
 * drawn by jupyter-escape's own source canvas above Aladin Lite. Checked in the rendered pixels (the sources are
 * on screen, in the layer's colour, then recoloured by a column), and by row id: a click on the one source at the
 * centre of the view selects exactly that row and shows its values in Aladin's popup table, a box drawn with
 * "Select box" selects exactly the five sources in it, selecting from Python highlights the sources asked for,
 * and the highlight rings stay when the layer is recoloured. Dark and light screenshots are saved under
 * test-results/.
 */
import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import { countColour, runCell } from './helpers';

const SKY = '.jp-escape-Sky';
const CANVAS_HOST = `${SKY} .jp-escape-Sky-aladin`;

// 100,000 sources in a ring around M31's position, none within 0.25 degree of it but six: row 4242, exactly at
// the centre, and rows 10-14 in a line 0.1 degree north of it (for the box). Ids are offset from the row numbers
// so a test of ids cannot pass on row indices.
const TABLE =
  'import numpy as np; from jupyter_escape import sky; rng = np.random.default_rng(3); n = 100_000; ang = rng.uniform(0, 2 * np.pi, n); r = 0.25 + np.abs(rng.normal(0, 0.5, n)); ra = 10.68 + r * np.cos(ang) / np.cos(np.radians(41.27)); dec = 41.27 + r * np.sin(ang); ra[4242] = 10.68; dec[4242] = 41.27; ra[10:15] = 10.68 + np.linspace(-0.04, 0.04, 5) / np.cos(np.radians(41.27)); dec[10:15] = 41.37; t = {"id": np.arange(n) + 1_000_000, "ra": ra, "dec": dec, "mag": rng.uniform(10, 20, n)}';

/** Where (ra, dec) is in the sky view, in CSS pixels from the view's top left: Aladin Lite's own projection. */
async function skyToScreen(
  page: IJupyterLabPageFixture,
  ra: number,
  dec: number
): Promise<[number, number]> {
  return page.evaluate(
    ([ra, dec]) => {
      // The sky panel keeps its Aladin view privately: reached here only to know where to drag.
      const panel = window.jupyterapp.shell.currentWidget as unknown as {
        content: {
          _aladin: {
            aladin: { world2pix(ra: number, dec: number): [number, number] };
          };
        };
      };
      return panel.content._aladin.aladin.world2pix(ra, dec);
    },
    [ra, dec]
  );
}

async function selection(page: IJupyterLabPageFixture): Promise<unknown> {
  return JSON.parse(
    (await page.locator(SKY).getAttribute('data-selection')) ?? '{}'
  );
}

test.use({ autoGoto: true, viewport: { width: 1400, height: 900 } });
test.setTimeout(300 * 1000);

test('100,000 sources: drawn, picked and selected by row id', async ({
  page
}, testInfo) => {
  await page.evaluate(async () => {
    await window.jupyterapp.commands.execute('apputils:change-theme', {
      theme: 'JupyterLab Dark'
    });
  });
  await page.notebook.createNew('large.ipynb');
  await runCell(page, 0, TABLE);
  await page.notebook.addCell('code', '');
  await runCell(
    page,
    1,
    'sky.show_table(t, name="big", id="id", color="#00ff00", size=6); sky.goto("10.68 41.27")'
  );
  const layer = page.locator(
    `${SKY} .jp-escape-SkyLayer[data-kind="catalogue"]`
  );
  await expect(layer.locator('.jp-escape-SkyLayer-count')).toHaveText(
    (100_000).toLocaleString('en-US'),
    { timeout: 120000 }
  );
  await page.activity.activateTab('Sky');
  const host = page.locator(CANVAS_HOST);
  // The sources are on screen: thousands of pixels in the layer's green.
  await expect
    .poll(() => countColour(page, host, [0, 255, 0], 40), { timeout: 60000 })
    .toBeGreaterThan(5000);
  const green = await countColour(page, host, [0, 255, 0], 40);
  await host.screenshot({ path: testInfo.outputPath('sky-large.png') });

  // A click at the centre picks row 4242 (the only source within 0.25 degree), reported by its id.
  const box = (await host.boundingBox())!;
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await expect
    .poll(async () =>
      JSON.parse(
        (await page.locator(SKY).getAttribute('data-selection')) ?? '{}'
      )
    )
    .toEqual({ layer: 'big', ids: [1_004_242], origin: 'view' });
  await expect(page.locator(`${SKY} .jp-escape-Sky-selection`)).toContainText(
    'Selected 1 source in "big"'
  );
  // ... and shows its row in Aladin's popup table, as a click on a small catalogue's source does.
  const popup = page.locator(`${CANVAS_HOST} .aladin-measurement-div`);
  await expect(popup).toBeVisible();
  await expect(popup.locator('tbody td.id')).toHaveText('1004242');
  await expect(popup.locator('tbody td.ra')).toHaveText('10.68');
  await expect(popup.locator('tbody td.dec')).toHaveText('41.27');
  await host.screenshot({ path: testInfo.outputPath('sky-large-popup.png') });

  // "Select box", then a drag around the five sources 0.1 degree north: exactly their rows are selected.
  const selectBox = page.getByRole('button', { name: 'Select box' });
  await selectBox.click();
  await expect(selectBox).toHaveAttribute('aria-pressed', 'true');
  const [x0, y0] = await skyToScreen(
    page,
    10.68 + 0.12 / Math.cos((41.27 * Math.PI) / 180),
    41.45
  );
  const [x1, y1] = await skyToScreen(
    page,
    10.68 - 0.12 / Math.cos((41.27 * Math.PI) / 180),
    41.32
  );
  await page.mouse.move(box.x + x0, box.y + y0);
  await page.mouse.down();
  await page.mouse.move(box.x + (x0 + x1) / 2, box.y + (y0 + y1) / 2, {
    steps: 5
  });
  await page.mouse.move(box.x + x1, box.y + y1, { steps: 5 });
  await host.screenshot({ path: testInfo.outputPath('sky-large-box.png') });
  await page.mouse.up();
  await expect
    .poll(() => selection(page))
    .toEqual({
      layer: 'big',
      ids: [1_000_010, 1_000_011, 1_000_012, 1_000_013, 1_000_014],
      origin: 'view'
    });
  await expect(selectBox).toHaveAttribute('aria-pressed', 'false');

  // The reverse: select two rows from Python; the view reports them and rings them in white.
  const whiteBefore = await countColour(page, host, [255, 255, 255], 10);
  await page.activity.activateTab('large.ipynb');
  await page.notebook.addCell('code', '');
  await runCell(page, 2, 'sky.select([1000005, 1000006], layer="big")');
  await page.activity.activateTab('Sky');
  await expect
    .poll(async () =>
      JSON.parse(
        (await page.locator(SKY).getAttribute('data-selection')) ?? '{}'
      )
    )
    .toEqual({ layer: 'big', ids: [1_000_005, 1_000_006], origin: 'api' });
  await expect
    .poll(() => countColour(page, host, [255, 255, 255], 10))
    .not.toBe(whiteBefore);

  // Colour by a column: the green gives way to the colour scale, and the two selected sources keep their rings.
  const whiteSelected = await countColour(page, host, [255, 255, 255], 10);
  await layer.locator('.jp-escape-SkyLayer-colorBy').selectOption('mag');
  await expect
    .poll(() => countColour(page, host, [0, 255, 0], 40), { timeout: 30000 })
    .toBeLessThan(green / 10);
  const whiteRecoloured = await countColour(page, host, [255, 255, 255], 10);
  await host.screenshot({
    path: testInfo.outputPath('sky-large-colour-by.png')
  });
  await page.screenshot({ path: testInfo.outputPath('sky-large-page.png') });
  await page.activity.activateTab('large.ipynb');
  await page.notebook.addCell('code', '');
  await runCell(page, 3, 'sky.select([], layer="big")');
  await page.activity.activateTab('Sky');
  await expect.poll(() => selection(page)).toMatchObject({ ids: [] });
  // The rings are what the selection added to the white: gone once it is cleared, there before.
  await expect
    .poll(() => countColour(page, host, [255, 255, 255], 10))
    .toBeLessThan(whiteRecoloured - 20);
  const whiteCleared = await countColour(page, host, [255, 255, 255], 10);
  expect(whiteRecoloured - whiteCleared).toBeGreaterThan(
    (whiteSelected - whiteCleared) / 2
  );

  // The popup table in the light theme too.
  await page.evaluate(async () => {
    await window.jupyterapp.commands.execute('apputils:change-theme', {
      theme: 'JupyterLab Light'
    });
  });
  await page.waitForSelector('body[data-jp-theme-light="true"]', {
    state: 'attached'
  });
  await host.waitFor({ state: 'visible' });
  await page.waitForTimeout(500); // the theme's stylesheet applied, the sky laid out again
  const lightBox = (await host.boundingBox())!;
  await page.mouse.click(
    lightBox.x + lightBox.width / 2,
    lightBox.y + lightBox.height / 2
  );
  await expect(popup.locator('tbody td.id')).toHaveText('1004242');
  await page.screenshot({
    path: testInfo.outputPath('sky-large-popup-light.png')
  });
});

/**
 * Sky view, end to end in the system Chromium (WebGL2 through SwiftShader), offline:
 * the local HiPS (stack/escape-stack up hips) renders real pixels, the notebook API (jupyter_escape.sky)
 * drives the view, a table overlay appears, clicking a source selects it and select() selects back,
 * a MOC from a sky map and a FITS image display, and bad input gets a sentence, not a blank view.
 */
import { expect, test } from '@jupyterlab/galata';
import { Locator, Page } from '@playwright/test';
import { countColour, runCell } from './helpers';

const SKY = '.jp-escape-Sky';
const CANVAS_HOST = `${SKY} .jp-escape-Sky-aladin`;

/** Share of pixels of a screenshot that differ from its most common colour (the empty background). */
async function nonBackgroundShare(
  page: Page,
  target: Locator
): Promise<number> {
  const png = (await target.screenshot()).toString('base64');
  return page.evaluate(async data => {
    const img = new Image();
    img.src = `data:image/png;base64,${data}`;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.width;
    canvas.height = img.height;
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const pixels = ctx.getImageData(0, 0, img.width, img.height).data;
    const counts = new Map<number, number>();
    for (let i = 0; i < pixels.length; i += 4) {
      const key = (pixels[i] << 16) | (pixels[i + 1] << 8) | pixels[i + 2];
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const background = Math.max(...counts.values());
    const total = pixels.length / 4;
    return (total - background) / total;
  }, png);
}

test.describe.serial('sky view', () => {
  test.use({ autoGoto: true, viewport: { width: 1400, height: 900 } });
  // Kernel start, wasm compile and tile loading in software WebGL take most of a minute on 2 cores.
  test.setTimeout(240 * 1000);

  test('the notebook API drives a sky view over the local HiPS', async ({
    page
  }, testInfo) => {
    await page.notebook.createNew('sky.ipynb');
    await runCell(
      page,
      0,
      'from jupyter_escape import sky; from jupyter_escape.sky import samples; samples.sample_skymap("gw.fits", ra=10.68, dec=41.27, sigma_deg=0.6, order=8); samples.sample_image("field.fits", 10.3, 41.0, size_deg=0.6, npix=200); sky.goto("202.4696 47.1952", fov=1.2)'
    );
    const host = page.locator(CANVAS_HOST);
    await host
      .locator('canvas')
      .first()
      .waitFor({ state: 'visible', timeout: 60000 });
    await expect(page.locator('.jp-escape-SkyReceipt').first()).toContainText(
      "Sky view 'main': go to"
    );
    // Tiles arrive asynchronously: wait until the HiPS (the simulated sky of the M51 field, a disc 1 degree
    // across) covers most of the view.
    await expect
      .poll(() => nonBackgroundShare(page, host), {
        timeout: 30000,
        intervals: [1000]
      })
      .toBeGreaterThan(0.2);
    await host.screenshot({ path: testInfo.outputPath('sky-hips.png') });
    await expect(page.locator(`${SKY} .jp-escape-Sky-survey`)).toHaveValue(
      'escape-sample'
    );

    // A catalogue overlay (the view fits all three sources), then back on source 1: it sits at the view centre.
    await page.notebook.addCell('code', '');
    await runCell(
      page,
      1,
      'sky.show_table({"id": [1, 2, 3], "ra": [202.4696, 202.65, 202.3], "dec": [47.1952, 47.35, 47.05], "name": ["a", "b", "c"]}, name="demo", id="id", color="#00ff00", size=14); sky.goto("202.4696 47.1952")'
    );
    const layer = page.locator(
      `${SKY} .jp-escape-SkyLayer[data-kind="catalogue"]`
    );
    await expect(layer).toContainText('demo');
    await expect(layer.locator('.jp-escape-SkyLayer-count')).toHaveText('3');
    await page.activity.activateTab('Sky');
    await expect
      .poll(() => countColour(page, host, [0, 255, 0], 40), { timeout: 10000 })
      .toBeGreaterThan(20);
    await host.screenshot({ path: testInfo.outputPath('sky-table.png') });

    // Click the source at the centre: the selection event fires with its id.
    const box = (await host.boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect
      .poll(async () =>
        JSON.parse(
          (await page.locator(SKY).getAttribute('data-selection')) ?? '{}'
        )
      )
      .toEqual({ layer: 'demo', ids: [1], origin: 'view' });
    await expect(page.locator(`${SKY} .jp-escape-Sky-selection`)).toContainText(
      'Selected 1 source in "demo"'
    );

    // The reverse: select from Python, the view follows.
    await page.activity.activateTab('sky.ipynb');
    await page.notebook.addCell('code', '');
    await runCell(page, 2, 'sky.select([2, 3], layer="demo")');
    await page.activity.activateTab('Sky');
    await expect
      .poll(async () =>
        JSON.parse(
          (await page.locator(SKY).getAttribute('data-selection')) ?? '{}'
        )
      )
      .toEqual({ layer: 'demo', ids: [2, 3], origin: 'api' });

    // Render on demand: once nothing changes the frames stop (an idle sky costs no CPU; the figure is in
    // benchmarks/sky/idle.bench.spec.ts); a wheel zoom restarts them, the new field is drawn, and they stop again.
    await expect(host).toHaveAttribute('data-render-loop', 'paused', {
      timeout: 30000
    });
    const framesWhilePaused = Number(
      await host.getAttribute('data-render-frames')
    );
    await page.waitForTimeout(1000);
    expect(Number(await host.getAttribute('data-render-frames'))).toBe(
      framesWhilePaused
    );
    const fovBefore = await host.screenshot();
    const centre = (await host.boundingBox())!;
    await page.mouse.move(
      centre.x + centre.width / 2,
      centre.y + centre.height / 2
    );
    await page.mouse.wheel(0, -400);
    await expect
      .poll(async () => Number(await host.getAttribute('data-render-frames')))
      .toBeGreaterThan(framesWhilePaused);
    await expect(host).toHaveAttribute('data-render-loop', 'paused', {
      timeout: 30000
    });
    expect((await host.screenshot()).equals(fovBefore)).toBe(false);
  });

  // Was marked fixme while the sky rendered continuously in software WebGL (a click starved for minutes on the
  // 2-core CI machine); back with render on demand (issue 19).
  test('a MOC from a sky map and a FITS image display; bad input is explained', async ({
    page
  }, testInfo) => {
    await page.notebook.createNew('sky2.ipynb');
    await runCell(
      page,
      0,
      'from jupyter_escape import sky; from jupyter_escape.sky import samples; samples.sample_skymap("gw.fits", ra=10.68, dec=41.27, sigma_deg=0.6, order=8); samples.sample_image("field.fits", 10.3, 41.0, size_deg=0.6, npix=200); sky.goto("10.68 41.27", fov=4); sky.show_moc("gw.fits", credible_level=0.9, color="#ff00ff")'
    );
    const host = page.locator(CANVAS_HOST);
    const message = page.locator(`${SKY} .jp-escape-Sky-message`);
    await expect(
      page.locator(`${SKY} .jp-escape-SkyLayer[data-kind="moc"]`)
    ).toContainText('gw.fits');
    await expect(message).toContainText('90% credible region');
    await page.activity.activateTab('Sky');
    await expect
      .poll(() => countColour(page, host, [255, 0, 255], 60), {
        timeout: 10000
      })
      .toBeGreaterThan(50);
    await host.screenshot({ path: testInfo.outputPath('sky-moc.png') });

    await page.activity.activateTab('sky2.ipynb');
    await page.notebook.addCell('code', '');
    await runCell(page, 1, 'sky.show_fits("field.fits")');
    await expect(
      page.locator(`${SKY} .jp-escape-SkyLayer[data-kind="image"]`)
    ).toContainText('field.fits');
    await page.activity.activateTab('Sky');
    await page.waitForTimeout(1500);
    await host.screenshot({ path: testInfo.outputPath('sky-fits.png') });

    // ObsCore footprints (s_region): a polygon and a circle; an unreadable one is counted, not hidden.
    await page.activity.activateTab('sky2.ipynb');
    await page.notebook.addCell('code', '');
    await runCell(
      page,
      2,
      'sky.show_footprints(["POLYGON ICRS 10.5 41.1 10.9 41.1 10.9 41.4 10.5 41.4", "CIRCLE ICRS 10.68 41.27 0.2", "NOT A REGION"], name="obscore")'
    );
    await expect(
      page.locator(`${SKY} .jp-escape-SkyLayer[data-kind="footprints"]`)
    ).toContainText('obscore');
    await expect(message).toContainText(
      'Showing 2 footprints of "obscore"; 1 region could not be read.'
    );

    // A HEALPix map given as an image is shown as its credible region, with a sentence saying so.
    await page.notebook.addCell('code', '');
    await runCell(page, 3, 'sky.show_fits("gw.fits")');
    await expect(message).toContainText('is a HEALPix sky map');

    // Empty table and unknown target: the view says why nothing appeared.
    await page.notebook.addCell('code', '');
    await runCell(
      page,
      4,
      'sky.show_table({"ra": [], "dec": []}, name="nothing")'
    );
    await expect(message).toContainText('Table "nothing" has no rows');
    await expect(
      page.locator('.jp-escape-SkyReceipt-error').last()
    ).toContainText('has no rows');
    await page.notebook.addCell('code', '');
    await runCell(page, 5, 'sky.goto("NoSuchObjectXYZ")');
    await expect(message).toContainText('NoSuchObjectXYZ', { timeout: 20000 });
    await expect(message).toHaveAttribute('role', 'alert');
    await page.activity.activateTab('Sky');
    await page
      .locator(SKY)
      .screenshot({ path: testInfo.outputPath('sky-errors.png') });
  });
});

test('the Sky section of the ESCAPE sidebar opens a view on a local HiPS, from the keyboard', async ({
  page
}) => {
  test.setTimeout(180 * 1000);
  await page.sidebar.openTab('jp-escape-sidebar');
  const sidebar = page.locator('#jp-escape-sidebar');
  await sidebar.getByRole('heading', { name: 'Sky Section' }).click();
  const survey = sidebar.locator('.jp-escape-SkySection-survey', {
    hasText: 'ESCAPE sample fields'
  });
  await survey.focus();
  await page.keyboard.press('Enter');
  await expect(page.locator(`${SKY} .jp-escape-Sky-survey`)).toHaveValue(
    'escape-sample',
    { timeout: 60000 }
  );
  await page
    .locator(`${CANVAS_HOST} canvas`)
    .first()
    .waitFor({ state: 'visible', timeout: 60000 });
});

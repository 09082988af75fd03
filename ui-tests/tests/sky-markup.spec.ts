/**
 * Remote strings in the sky view stay text. Aladin Lite builds HTML from catalogue names, column names and cell
 * values (its measurement table sets innerHTML; an access_url cell goes into an unquoted href), so a hostile
 * service's table is drawn here with `<img onerror>`/`<svg onload>` payloads in every such place: the table name,
 * a column name, a cell value, an access_url, an s_region, a footprint layer name. Each payload would set
 * window.__pwned; after the table view is opened and hovered, the flag is still unset and the payloads are shown
 * as literal text. The second test takes the same strings through a real VO service (the local DaCHS) and the
 * VO panel's "Show on sky".
 */
import { expect, test } from '@jupyterlab/galata';
import { runCell, TAP_URL, typeQuery } from './helpers';

const SKY = '.jp-escape-Sky';
const CANVAS_HOST = `${SKY} .jp-escape-Sky-aladin`;
const payload = (n: number) => `<img src=x onerror="window.__pwned=${n}">`;
// No whitespace: Aladin also adds each column name as a CSS class, which throws on a space before any HTML is built.
const COLUMN = '<img/src=x/onerror=window.__pwned=1>';

test.describe.serial('sky markup', () => {
  test.use({ autoGoto: true, viewport: { width: 1400, height: 900 } });
  // Kernel start and wasm compile in software WebGL take most of a minute on 2 cores.
  test.setTimeout(240 * 1000);

  test('a hostile table cannot run script through Aladin Lite', async ({
    page
  }, testInfo) => {
    await page.notebook.createNew('hostile-sky.ipynb');
    // The same strings a hostile VO service could send: the notebook API hands them to the sky view
    // exactly as the VO panel's "show on sky" does (widget.showTable / showFootprints).
    await runCell(
      page,
      0,
      [
        'from jupyter_escape import sky',
        'P = lambda n: f\'<img src=x onerror="window.__pwned={n}">\'',
        'sky.goto("10.68 41.27", fov=3)',
        `sky.show_table({"id": [1], "ra": [10.68], "dec": [41.27], "${COLUMN}": [P(2)],`,
        '    "access_url": ["http://x/a onmouseover=window.__pwned=3 b"],',
        '    "s_region": [\'<svg onload="window.__pwned=4">\'], "note": ["<b>bold?</b>"]},',
        '    name=P(5), id="id", color="#00ff00", size=14)',
        'sky.show_footprints([\'CIRCLE ICRS 10.7 41.3 0.2\'], name=P(6), color="#ff00ff")'
      ].join('\n')
    );
    const host = page.locator(CANVAS_HOST);
    await host
      .locator('canvas')
      .first()
      .waitFor({ state: 'visible', timeout: 120000 }); // software WebGL on a loaded machine
    const catalogue = page.locator(
      `${SKY} .jp-escape-SkyLayer[data-kind="catalogue"]`
    );
    await expect(catalogue).toContainText(payload(5));
    await expect(
      page.locator(`${SKY} .jp-escape-SkyLayer[data-kind="footprints"]`)
    ).toContainText(payload(6));

    // Open Aladin's measurement table on the source at the centre (the catalogue's onClick is showTable).
    await page.activity.activateTab('Sky');
    const box = (await host.boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    const table = page.locator('.aladin-measurement-div');
    await expect(table).toBeVisible();
    // Hover every link and cell: an injected onmouseover would fire now.
    for (const cell of await table.locator('td, th, a').all()) {
      await cell.hover({ force: true }).catch(() => undefined);
    }
    await page.waitForTimeout(1000); // an injected <img src=x> fails to load within this
    await host.screenshot({ path: testInfo.outputPath('sky-hostile.png') });
    await table.screenshot({
      path: testInfo.outputPath('sky-hostile-table.png')
    });

    // First: no script ran and no element came from a remote string (checked before the text, so that a
    // regression reports the script that ran, not only missing text).
    expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
    await expect(page.locator('img[src="x"], svg[onload]')).toHaveCount(0);
    await expect(table.locator('[onmouseover], [onerror], b')).toHaveCount(0);
    // Then: each payload is shown as the literal text it is.
    await expect(table).toContainText(COLUMN); // column name, as text
    await expect(table).toContainText(payload(2)); // cell value, as text
    await expect(table).toContainText('<svg onload="window.__pwned=4">');
    await expect(table).toContainText('<b>bold?</b>');
    // The hostile access_url is no link (Aladin shows '--' for it), so no href or handler came from it.
    await expect(table.locator('a')).toHaveCount(0);
    // The selection event still reports the row as given (raw strings, not the escaped display copy).
    await expect
      .poll(async () =>
        JSON.parse(
          (await page.locator(SKY).getAttribute('data-selection')) ?? '{}'
        )
      )
      .toEqual({ layer: payload(5), ids: [1], origin: 'view' });
  });

  test('a VO service answering hostile column names and cells: shown on the sky, nothing runs', async ({
    page
  }, testInfo) => {
    // The local DaCHS passes a delimited column name (keeping the column's UCD) and a string literal through to
    // its VOTable unchanged, as a hostile service would send them (FIELD name and TD value).
    await page.evaluate(
      async url =>
        await window.jupyterapp.commands.execute('escape:vo-new-query', {
          url,
          title: '<img src=x onerror="window.__pwned=5">' // a registry title
        }),
      TAP_URL
    );
    const view = page.locator('.jp-escape-ServiceView');
    await expect(
      page.locator('.jp-escape-TableList').getByText('esc_demo.main', {
        exact: true
      })
    ).toBeVisible({ timeout: 30000 });
    // The VO panel sends the position columns (chosen by UCD, whatever their name) and s_region to the sky.
    await typeQuery(
      page,
      `SELECT TOP 1 ra AS "${COLUMN}", dec, '${payload(4)}' AS s_region FROM esc_demo.main`
    );
    await view.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(view.locator('.jp-escape-ResultPane-summary')).toContainText(
      '1 row',
      { timeout: 30000 }
    );
    await view.getByRole('button', { name: 'Show on sky' }).click();
    const layer = page.locator(
      `${SKY} .jp-escape-SkyLayer[data-kind="catalogue"]`
    );
    await expect(layer).toHaveCount(1, { timeout: 60000 });
    await page.activity.activateTab('Sky');
    const host = page.locator(CANVAS_HOST);
    await host
      .locator('canvas')
      .first()
      .waitFor({ state: 'visible', timeout: 120000 }); // software WebGL on a loaded machine
    await layer.getByRole('button', { name: /^Go to / }).click();
    await page.waitForTimeout(1000);
    const box = (await host.boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    const table = page.locator('.aladin-measurement-div');
    await expect(table).toBeVisible();
    for (const cell of await table.locator('td, th, a').all()) {
      await cell.hover({ force: true }).catch(() => undefined);
    }
    await page.waitForTimeout(1000);
    await table.screenshot({ path: testInfo.outputPath('sky-vo-table.png') });

    expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
    await expect(page.locator('img[src="x"]')).toHaveCount(0);
    await expect(table).toContainText(COLUMN); // the RA column's name
    await expect(table).toContainText(payload(4)); // the s_region cell
  });
});

/**
 * Remote strings in the sky view stay text. Aladin Lite builds HTML from catalogue names, column names and cell
 * values (its measurement table sets innerHTML; an access_url cell goes into an unquoted href), so a hostile
 * service's table is drawn here with `<img onerror>`/`<svg onload>` payloads in every such place: the table name,
 * a column name, a cell value, an access_url, an s_region, a footprint layer name. Each payload would set
 * window.__pwned; after the table view is opened and hovered, the flag is still unset and the payloads are shown
 * as literal text.
 */
import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';

const SKY = '.jp-escape-Sky';
const CANVAS_HOST = `${SKY} .jp-escape-Sky-aladin`;
const payload = (n: number) => `<img src=x onerror="window.__pwned=${n}">`;
// No whitespace: Aladin also adds each column name as a CSS class, which throws on a space before any HTML is built.
const COLUMN = '<img/src=x/onerror=window.__pwned=1>';

async function run(
  page: IJupyterLabPageFixture,
  index: number,
  source: string
): Promise<void> {
  await page.notebook.setCell(index, 'code', source);
  await page.notebook.runCell(index, true);
}

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
    await run(
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
      .waitFor({ state: 'visible', timeout: 60000 });
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
    expect(await page.evaluate(() => (window as any).__pwned)).toBeUndefined();
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
});

/**
 * The Virtual Observatory views against the local DaCHS + RegTAP (stack/escape-stack up dachs):
 * registry search -> TAP service -> ADQL (completion, errors, overflow) -> results grid -> code into a
 * notebook; a million-row result in the grid; light and dark theme screenshots.
 */
import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import {
  openEscapeSidebar,
  screenshot,
  SIDEBAR_ID,
  TAP_URL,
  typeQuery
} from './helpers';

const DACHS_URL =
  process.env.ESCAPE_DACHS_URL ||
  `http://127.0.0.1:${process.env.ESCAPE_DACHS_PORT || 8090}`;
const SCS_URL =
  process.env.ESCAPE_SCS_URL || `${DACHS_URL}/esc_demo/q/scs/scs.xml`;
const SIA1_URL =
  process.env.ESCAPE_SIA1_URL || `${DACHS_URL}/esc_img/q/sia/siap.xml`;

async function openService(page: IJupyterLabPageFixture): Promise<void> {
  await page.evaluate(
    async url =>
      await window.jupyterapp.commands.execute('escape:vo-new-query', {
        url,
        title: 'Local TAP'
      }),
    TAP_URL
  );
  await expect(page.locator('.jp-escape-ServiceView')).toBeVisible();
  await expect(
    page.locator('.jp-escape-TableList').getByText('esc_demo.main', {
      exact: true
    })
  ).toBeVisible({ timeout: 30000 });
  await expect(
    page.locator('.jp-escape-QueryEditor-host .cm-content')
  ).toBeVisible();
}

test('the VO section and the ESCAPE palette commands are there', async ({
  page
}) => {
  await openEscapeSidebar(page);
  await expect(
    page
      .locator(`#${SIDEBAR_ID} .jp-escape-VOSection`)
      .getByLabel('Search the VO registry')
  ).toBeVisible();
  for (const id of [
    'escape:vo-open-search',
    'escape:vo-new-query',
    'escape:vo-show-jobs'
  ]) {
    expect(
      await page.evaluate(c => window.jupyterapp.commands.hasCommand(c), id)
    ).toBe(true);
  }
  await page.evaluate(() =>
    window.jupyterapp.commands.execute('escape:vo-show-jobs')
  );
  await expect(page.locator('.jp-escape-JobsView')).toBeVisible();
  await expect(
    page
      .locator('.jp-escape-JobsView')
      .getByRole('button', { name: 'Refresh jobs' })
  ).toBeVisible();
});

test.describe('Virtual Observatory against the local DaCHS', () => {
  test.beforeEach(async ({ request }) => {
    let up = false;
    let why = '';
    try {
      const r = await request.get(
        `${TAP_URL}/sync?REQUEST=doQuery&LANG=ADQL&QUERY=${encodeURIComponent(
          'SELECT TOP 1 ivoid FROM rr.resource'
        )}`,
        { timeout: 10000 }
      );
      up = r.ok();
      why = `HTTP ${r.status()}`;
    } catch (error) {
      up = false;
      why = String(error);
    }
    // Not a skip: these tests exist to run against the real services.
    expect(
      up,
      `the local DaCHS must answer at ${TAP_URL} (${why}): run bash stack/escape-stack up dachs`
    ).toBe(true);
  });

  test('registry search -> service -> ADQL -> grid -> code in a notebook', async ({
    page
  }, testInfo) => {
    await openEscapeSidebar(page);
    const section = page.locator(`#${SIDEBAR_ID} .jp-escape-VOSection`);
    await expect(section).toBeVisible();
    const box = section.getByLabel('Search the VO registry');
    await box.fill('ESCAPE demo');
    await box.press('Enter');

    const registry = page.locator('.jp-escape-RegistryView');
    const catalogue = registry.locator('.jp-escape-Resource').filter({
      has: page.locator('.jp-escape-Resource-title', {
        hasText: /^ESCAPE demo sources$/
      })
    });
    await expect(catalogue).toBeVisible({ timeout: 30000 });
    await expect(registry.locator('.jp-escape-Registry-pager')).toContainText(
      'Results 1'
    );
    await screenshot(page, testInfo.outputPath.bind(testInfo), 'vo-registry');

    // the resource offers TAP: open it
    await catalogue.locator('.jp-escape-VO-openService').click();
    const view = page.locator('.jp-escape-ServiceView');
    await expect(view).toBeVisible();
    const tables = view.locator('.jp-escape-TableList');
    await expect(
      tables.getByText('esc_demo.main', { exact: true })
    ).toBeVisible({
      timeout: 30000
    });

    // per-table detail on demand: columns with units and UCDs
    await tables
      .locator('summary', { hasText: 'esc_demo.main' })
      .first()
      .click();
    const columns = tables.locator('.jp-escape-ColumnTable').first();
    await expect(columns).toBeVisible({ timeout: 30000 });
    await expect(columns).toContainText('pos.eq.ra');

    // completion knows the table's columns
    await typeQuery(page, 'SELECT TOP 50 ');
    await page.keyboard.type('source_');
    await page.keyboard.press('Control+Space');
    await expect(page.locator('.cm-tooltip-autocomplete')).toContainText(
      'source_id',
      { timeout: 10000 }
    );
    await page.keyboard.press('Escape');

    await typeQuery(
      page,
      'SELECT TOP 50 source_id, ra, dec, mag_r FROM esc_demo.main ORDER BY source_id'
    );
    await view.getByRole('button', { name: 'Run', exact: true }).click();
    const summary = view.locator('.jp-escape-ResultPane-summary');
    await expect(summary).toContainText('50 rows', { timeout: 30000 });
    await expect(view.locator('.jp-escape-Grid-canvas')).toBeVisible();
    await expect(view.locator('.jp-escape-Grid-summary')).toContainText(
      '50 rows'
    );

    // filter then sort through the grid's bar
    const bar = view.locator('.jp-escape-Grid-bar');
    await bar
      .getByLabel('Column to filter')
      .selectOption({ label: 'source_id' });
    await bar.getByLabel('Filter predicate').fill('<= 10');
    await bar.getByRole('button', { name: 'Filter', exact: true }).click();
    await expect(view.locator('.jp-escape-Grid-summary')).toContainText(
      'of 50 rows'
    );
    await expect(view.locator('.jp-escape-Grid-chip')).toContainText('<= 10');
    await bar.getByLabel('Sort by column').selectOption({ label: 'ra' });
    await screenshot(page, testInfo.outputPath.bind(testInfo), 'vo-grid-light');

    // a bad predicate is explained, not applied
    await bar.getByLabel('Column to filter').selectOption({ label: 'ra' });
    await bar.getByLabel('Filter predicate').fill('> abc');
    await bar.getByRole('button', { name: 'Filter', exact: true }).click();
    await expect(view.locator('.jp-escape-Grid-error')).toContainText(
      'is not a number'
    );

    // dark theme: the canvas repaints with the theme's colours
    await page.theme.setDarkTheme();
    await expect(view.locator('.jp-escape-Grid-canvas')).toBeVisible();
    await screenshot(page, testInfo.outputPath.bind(testInfo), 'vo-grid-dark');
    await page.theme.setLightTheme();

    // show me the code: a new notebook gets the pyvo code
    await view
      .getByRole('button', { name: 'Show me the code (pyvo)' })
      .last()
      .click();
    const cell = page.locator('.jp-NotebookPanel .jp-Cell .cm-content').first();
    await expect(cell).toContainText('pyvo.dal.TAPService', { timeout: 30000 });
    await expect(cell).toContainText('esc_demo.main');
    await screenshot(page, testInfo.outputPath.bind(testInfo), 'vo-code');
  });

  test('ADQL errors are shown verbatim with the service and the position', async ({
    page
  }, testInfo) => {
    await page.goto();
    await openService(page);
    await typeQuery(page, 'SELECT TOP 5 *\nFORM esc_demo.main');
    await page.keyboard.press('Control+Enter');
    const error = page.locator('.jp-escape-ServiceView .jp-escape-VO-error');
    await expect(error).toBeVisible({ timeout: 30000 });
    await expect(error).toContainText('says:');
    await expect(error.locator('.jp-escape-VO-errorText')).not.toBeEmpty();
    await screenshot(page, testInfo.outputPath.bind(testInfo), 'vo-adql-error');
  });

  test('MAXREC overflow is visible and "fetch more" re-runs with a larger MAXREC', async ({
    page
  }) => {
    await page.goto();
    await openService(page);
    const view = page.locator('.jp-escape-ServiceView');
    await view.locator('.jp-escape-VO-maxrec').fill('7');
    await typeQuery(page, 'SELECT source_id FROM esc_demo.main');
    await view.getByRole('button', { name: 'Run', exact: true }).click();
    const overflow = view.locator('.jp-escape-VO-overflow');
    await expect(overflow).toContainText('MAXREC', { timeout: 30000 });
    await expect(view.locator('.jp-escape-ResultPane-summary')).toContainText(
      '7 rows'
    );
    await overflow.getByRole('button', { name: /Fetch more/ }).click();
    await expect(view.locator('.jp-escape-ResultPane-summary')).toContainText(
      '70 rows',
      { timeout: 30000 }
    );
    await expect(view.locator('.jp-escape-VO-maxrec')).toHaveValue('70');
  });

  test('async job: submitted, listed with its phase, result shown', async ({
    page
  }) => {
    await page.goto();
    await openService(page);
    const view = page.locator('.jp-escape-ServiceView');
    await typeQuery(
      page,
      'SELECT TOP 20 source_id, ra, dec FROM esc_demo.main'
    );
    await view.getByRole('button', { name: 'Submit job' }).click();
    const job = view.locator('.jp-escape-Job').first();
    await expect(job).toBeVisible({ timeout: 30000 });
    // the pill in the jobs' one vocabulary; the UWS phase in data-state and the pill's tooltip
    await expect(job).toHaveAttribute('data-state', 'COMPLETED', {
      timeout: 60000
    });
    await expect(job.locator('.jp-escape-Phase')).toHaveText('done');
    await expect(job.locator('.jp-escape-Phase')).toHaveAttribute(
      'title',
      /says: COMPLETED$/
    );
    await job.getByRole('button', { name: 'Show result' }).click();
    await expect(view.locator('.jp-escape-ResultPane-summary')).toContainText(
      '20 rows',
      { timeout: 30000 }
    );
    await job.getByRole('button', { name: 'Delete' }).click();
  });

  test('a million-row result opens and scrolls in the grid', async ({
    page
  }, testInfo) => {
    test.setTimeout(300 * 1000);
    await page.goto();
    await openService(page);
    const view = page.locator('.jp-escape-ServiceView');
    await view.locator('.jp-escape-VO-maxrec').fill('1000000');
    await typeQuery(page, 'SELECT * FROM esc_bench.big');
    const started = Date.now();
    await view.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(view.locator('.jp-escape-Grid-summary')).toContainText(
      '1,000,000 rows',
      { timeout: 240000 }
    );
    const loaded = Date.now() - started;
    // scroll through the grid: to the end and back, frames must keep coming
    const grid = view.locator('.jp-escape-Grid-canvas');
    await grid.click({ position: { x: 200, y: 80 } });
    const t0 = Date.now();
    await page.keyboard.press('Control+End');
    for (let i = 0; i < 20; i++) {
      await page.mouse.wheel(0, -4000);
    }
    await page.keyboard.press('Control+Home');
    const scrolled = Date.now() - t0;
    testInfo.annotations.push({
      type: 'timing',
      description: `1M rows: loaded in ${loaded} ms, scrolled in ${scrolled} ms`
    });
    console.log(`1M rows: loaded in ${loaded} ms, scrolled in ${scrolled} ms`);
    await screenshot(page, testInfo.outputPath.bind(testInfo), 'vo-million');
  });

  test('several services at once: results per service as they come, failures named; DataLink of an image', async ({
    page
  }, testInfo) => {
    await page.goto();
    await page.evaluate(() =>
      window.jupyterapp.commands.execute('escape:vo-multi-search')
    );
    const dal = page.locator('.jp-escape-DalView');
    await expect(dal).toBeVisible();
    const form = dal.locator('.jp-escape-Dal-form');
    await form.getByLabel('Protocol').selectOption('scs');
    await form.getByLabel('RA (deg)').fill('242.75');
    await form.getByLabel('Dec (deg)').fill('55.0');
    await form.getByLabel('Radius (deg)').fill('0.5');
    const addURL = async (url: string) => {
      await dal.getByLabel('Service URL to add').fill(url);
      await dal.getByRole('button', { name: 'Add', exact: true }).click();
    };
    await addURL(SCS_URL);
    await addURL(`${DACHS_URL}/esc_demo/q/no-such-service/scs.xml`);
    await form.getByRole('button', { name: 'Search 2 services' }).click();
    const rows = dal.locator('.jp-escape-Dal-table tr');
    await expect(rows.filter({ hasText: 'rows in' })).toHaveCount(1, {
      timeout: 30000
    });
    // the failing service has its own error, with the server's message
    await expect(rows.locator('.jp-escape-VO-error')).toHaveCount(1, {
      timeout: 30000
    });
    await screenshot(page, testInfo.outputPath.bind(testInfo), 'vo-multi');

    // SIA 1: an image row has DataLink links; fetch one into the workspace
    await form.getByLabel('Protocol').selectOption('sia');
    await addURL(SIA1_URL);
    await form.getByRole('button', { name: 'Search 1 services' }).click();
    const sia = rows.filter({ hasText: 'rows in' });
    await expect(sia).toHaveCount(1, { timeout: 30000 });
    await sia.getByRole('button', { name: 'Show' }).click();
    const grid = dal.locator('.jp-escape-Grid-canvas');
    await expect(grid).toBeVisible();
    await grid.click({ position: { x: 150, y: 37 } });
    await expect(dal.locator('.jp-escape-Grid-summary')).toContainText(
      '1 selected'
    );
    await dal.getByRole('button', { name: 'DataLink…' }).click();
    const links = dal.locator('.jp-escape-VO-datalink');
    await expect(links).toContainText('#this', { timeout: 30000 });
    await links
      .locator('li', { hasText: '#this' })
      .getByRole('button', { name: 'Fetch to workspace' })
      .click();
    await expect(
      links.locator('li', { hasText: '#this' }).getByRole('status')
    ).toContainText('saved to', { timeout: 30000 });
    await screenshot(page, testInfo.outputPath.bind(testInfo), 'vo-datalink');
  });
});

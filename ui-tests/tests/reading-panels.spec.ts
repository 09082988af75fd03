/**
 * Reading well in the main area (issue 19): every ESCAPE panel - data lake details, transfers, storage and upload,
 * a TAP result's plot, the basket's table pane and cross-match, the OSSR record and publish form, Activity, the
 * sky view's toolbar and layer list - is screenshot in the light and the dark theme (reading-panel-*.png, for people
 * to look at) and its text checked for WCAG AA contrast from the computed styles (./contrast.ts). The sidebar
 * sections themselves (Services, data lake explore, OSSR search, Zooniverse, ...) are read by reading.spec.ts.
 * Then the sidebar at 900 px height with every section open: each section keeps room to be read. And a VOTable
 * float column reads the same in the VO grid and in the basket's table pane, lined up on the decimal point.
 */
import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import { Locator } from '@playwright/test';
import { contrastFailures, describeFailure } from './contrast';
import {
  expandSection,
  openEscapeSidebar,
  openTapQueryView,
  SIDEBAR_ID,
  TAP_URL,
  typeQuery
} from './helpers';

/** Bring the main-area tab holding `selector` to the front. */
async function activate(
  page: IJupyterLabPageFixture,
  selector: string
): Promise<void> {
  const found = await page.evaluate(sel => {
    const app = window.jupyterapp;
    for (const widget of app.shell.widgets('main')) {
      if (widget.node.matches(sel) || widget.node.querySelector(sel)) {
        app.shell.activateById(widget.id);
        return true;
      }
    }
    return false;
  }, selector);
  expect(found, `a main-area tab holding ${selector}`).toBe(true);
  await expect(page.locator(selector).first()).toBeVisible();
}

/** A TAP result of the demo catalogue in a service view, its plot opened from it. */
async function queryAndPlot(page: IJupyterLabPageFixture): Promise<void> {
  await openEscapeSidebar(page); // the extension's plugins have started
  const view = await openTapQueryView(page);
  await typeQuery(
    page,
    'SELECT TOP 40 source_id, ra, dec, mag_g, mag_r FROM esc_demo.main ORDER BY source_id'
  );
  await view.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(view.locator('.jp-escape-ResultPane-summary')).toContainText(
    '40 rows',
    { timeout: 60000 }
  );
  await view.getByRole('button', { name: 'Plot', exact: true }).click();
  await expect(page.locator('.jp-escape-Plot')).toHaveAttribute(
    'data-status',
    'ready',
    { timeout: 60000 }
  );
  await activate(page, '.jp-escape-ServiceView');
  await view
    .getByRole('button', { name: 'Add to basket', exact: true })
    .click();
  await expect(
    page
      .locator('.jp-toast-container, .Toastify')
      .getByText(/Added ".*" to the basket/)
      .first()
  ).toBeVisible();
}

/** Open the newest basket item as a table, and the cross-match form. */
async function basketPanels(page: IJupyterLabPageFixture): Promise<void> {
  await openEscapeSidebar(page);
  const section = page.locator(`#${SIDEBAR_ID} .jp-escape-BasketSection`);
  await expandSection(page, 'Research basket');
  const item = section.locator('[data-item-id]').last();
  await item.locator('.jp-escape-Basket-itemHead').click();
  await item.getByRole('button', { name: 'Open as table' }).click();
  await expect(
    page.locator('.jp-escape-BasketTable .jp-escape-TablePane-summary')
  ).toContainText('rows', { timeout: 30000 });
  await page.evaluate(() =>
    window.jupyterapp.commands.execute('escape:basket-crossmatch')
  );
  await expect(page.locator('.jp-escape-XMatch')).toBeVisible();
}

test.use({ autoGoto: true, viewport: { width: 1400, height: 900 } });

test('every main-area panel reads at WCAG AA contrast in the light and dark themes', async ({
  page,
  tmpPath
}, testInfo) => {
  test.setTimeout(360 * 1000);
  await queryAndPlot(page);
  await basketPanels(page);

  const run = (command: string, args: Record<string, unknown> = {}) =>
    page.evaluate(
      async ({ command, args }) => {
        await window.jupyterapp.commands.execute(command, args as never);
      },
      { command, args }
    );
  await run('escape:datalake-transfers');
  await run('escape:datalake-storage');
  await run('escape:datalake-open-did', {
    did: 'escape_demo:lotss_fields'
  });
  await page.contents.uploadContent('1 2 3\n', 'text', `${tmpPath}/m51.txt`);
  await run('escape:datalake-upload', { path: `${tmpPath}/m51.txt` });
  await run('escape:ossr-open-record', { id: 7021 });
  await expect(page.locator('.jp-escape-OSSRRecord h1')).toContainText(
    'vohelper'
  );
  await page.contents.uploadContent(
    '# A sample\n',
    'text',
    `${tmpPath}/publish-me/README.md`
  );
  await run('escape:ossr-publish-folder', { path: `${tmpPath}/publish-me` });
  await run('escape:open-activity');
  await run('escape:open-sky-view', { target: '202.47 47.2', fov: 1 });

  // The panel's root, and the part of it that is ours (Aladin Lite draws the sky's own controls).
  const panels: [string, string][] = [
    ['plot', '.jp-escape-Plot'],
    ['basket-table', '.jp-escape-BasketTable'],
    ['crossmatch', '.jp-escape-XMatch'],
    ['datalake-transfers', '.jp-escape-DLTransfersView'],
    ['datalake-storage', '.jp-escape-DLStorageView'],
    ['datalake-details', '.jp-escape-DLDIDView'],
    ['datalake-upload', '.jp-escape-DLUploadView'],
    ['ossr-record', '.jp-escape-OSSRRecord'],
    ['ossr-publish', '.jp-escape-OSSRPublish'],
    ['activity', '.jp-escape-ActivityView'],
    ['sky-toolbar', '.jp-escape-Sky-toolbar'],
    ['sky-layers', '.jp-escape-Sky-side']
  ];
  // One panel at a time over the whole main area, as someone reading it would have it.
  await page.evaluate(() => {
    (window.jupyterapp.shell as unknown as { mode: string }).mode =
      'single-document';
  });
  const failures: string[] = [];
  for (const theme of ['light', 'dark']) {
    if (theme === 'dark') {
      await page.theme.setDarkTheme();
    }
    for (const [name, selector] of panels) {
      await activate(page, selector);
      await page.waitForTimeout(700); // the panel's first answer drawn (transfers, storage, record)
      await page.screenshot({
        path: testInfo.outputPath(`reading-panel-${theme}-${name}.png`)
      });
      for (const f of await contrastFailures(page, selector)) {
        failures.push(`${theme} ${name}: ${describeFailure(f)}`);
      }
    }
  }
  await page.theme.setLightTheme();
  await page.evaluate(() => {
    (window.jupyterapp.shell as unknown as { mode: string }).mode =
      'multiple-document';
  });
  expect([...new Set(failures)]).toEqual([]);
});

for (const width of [1280, 1440]) {
  test(`the sidebar at ${width}x900 with every section open keeps each section readable`, async ({
    page
  }, testInfo) => {
    await page.setViewportSize({ width, height: 900 });
    await openEscapeSidebar(page);
    const titles = page.locator(`#${SIDEBAR_ID} .lm-AccordionPanel-title`);
    const count = await titles.count();
    for (let i = 0; i < count; i++) {
      if ((await titles.nth(i).getAttribute('aria-expanded')) !== 'true') {
        await titles.nth(i).click();
      }
    }
    await page.waitForTimeout(1500);
    await page.screenshot({
      path: testInfo.outputPath(`reading-sidebar-${width}x900-all-open.png`)
    });
    // Each open section is as tall as its content (up to 60% of the window, then it scrolls inside): none is
    // squeezed into a slice of the height, cut mid-line. The sidebar scrolls to reach the last one.
    const sections = await page
      .locator(`#${SIDEBAR_ID} .jp-escape-Section`)
      .evaluateAll(nodes =>
        nodes.map(n => ({
          name: n.className.match(/jp-escape-(\w+)/)?.[1] ?? '',
          shown: n.clientHeight,
          content: n.scrollHeight,
          cap: window.innerHeight * 0.6
        }))
      );
    expect(sections.length).toBeGreaterThan(5);
    const squeezed = sections.filter(
      s => s.shown < Math.min(s.content, s.cap) - 2 || s.shown < 40
    );
    expect(squeezed).toEqual([]);
    const last = page.locator(`#${SIDEBAR_ID} .jp-escape-Section`).last();
    await last.scrollIntoViewIfNeeded();
    await expect(last).toBeInViewport();
    await page.screenshot({
      path: testInfo.outputPath(`reading-sidebar-${width}x900-scrolled.png`)
    });
  });
}

/** The cells of the first `rows` rows of a results grid, as the grid copies them (Ctrl+C: tab-separated). */
async function copiedRows(
  page: IJupyterLabPageFixture,
  grid: Locator,
  rows: number
): Promise<string[][]> {
  await page.evaluate(() => {
    // Lumino copies through a copy event's clipboardData: keep what it writes (no clipboard permission needed).
    const w = window as unknown as { escapeCopied?: string };
    const proto = DataTransfer.prototype as DataTransfer & {
      escapeWrapped?: boolean;
    };
    if (!proto.escapeWrapped) {
      const original = proto.setData;
      proto.setData = function (format: string, data: string) {
        w.escapeCopied = data;
        original.call(this, format, data);
      };
      proto.escapeWrapped = true;
    }
    w.escapeCopied = '';
  });
  // The first body cell (row header 64 px, column header 26 px: src/grid/canvas.ts), then the rows below it.
  await grid.click({ position: { x: 64 + 40, y: 26 + 11 } });
  for (let i = 1; i < rows; i++) {
    await page.keyboard.press('Shift+ArrowDown');
  }
  await page.keyboard.press('Control+c');
  const text = await page.evaluate(
    () => (window as unknown as { escapeCopied?: string }).escapeCopied ?? ''
  );
  return text.split('\n').map(line => line.split('\t'));
}

test('a VOTable float column reads as the service wrote it in the VO grid and the basket, lined up on the point', async ({
  page,
  request
}, testInfo) => {
  test.setTimeout(240 * 1000);
  const query =
    'SELECT TOP 12 source_id, mag_g, mag_r FROM esc_demo.main ORDER BY source_id';
  // What the service wrote: its TABLEDATA cells (mag_g and mag_r are datatype="float"; the grid reads BINARY).
  const votable = await (
    await request.post(`${TAP_URL}/sync`, {
      form: {
        REQUEST: 'doQuery',
        LANG: 'ADQL',
        QUERY: query,
        FORMAT: 'votable/td'
      }
    })
  ).text();
  expect(votable).toMatch(/<FIELD[^>]*datatype="float"[^>]*name="mag_g"/);
  const written = [...votable.matchAll(/<TR>(.*?)<\/TR>/g)].map(row =>
    [...row[1].matchAll(/<TD>(.*?)<\/TD>/g)].map(cell => cell[1])
  );
  expect(written).toHaveLength(12);

  await openEscapeSidebar(page);
  const view = await openTapQueryView(page);
  await typeQuery(page, query);
  await view.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(view.locator('.jp-escape-ResultPane-summary')).toContainText(
    '12 rows',
    { timeout: 60000 }
  );
  const voGrid = view.locator('.jp-escape-Grid-canvas');
  expect(await copiedRows(page, voGrid, 12)).toEqual(written);

  // The selected rows into the basket, then its table pane: the same text (21.971, not the double's 21.971001).
  await view
    .getByRole('button', { name: 'Add selection to basket (12)', exact: true })
    .click();
  await expect(
    page
      .locator('.jp-toast-container, .Toastify')
      .getByText(/Added ".*" to the basket/)
      .first()
  ).toBeVisible();
  await openEscapeSidebar(page);
  await expandSection(page, 'Research basket');
  const item = page
    .locator(`#${SIDEBAR_ID} .jp-escape-BasketSection [data-item-id]`)
    .last();
  await item.locator('.jp-escape-Basket-itemHead').click();
  await item.getByRole('button', { name: 'Open as table' }).click();
  const pane = page.locator('.jp-escape-BasketTable');
  await expect(pane.locator('.jp-escape-TablePane-summary')).toContainText(
    '12 rows',
    { timeout: 30000 }
  );
  const basketGrid = pane.locator('.jp-escape-Grid-canvas');
  expect(await copiedRows(page, basketGrid, 12)).toEqual(written);

  // For people to look at: the magnitudes right-aligned on the point (21.33 over 21.178), light and dark.
  for (const theme of ['light', 'dark']) {
    if (theme === 'dark') {
      await page.theme.setDarkTheme();
    }
    await basketGrid.screenshot({
      path: testInfo.outputPath(`grid-aligned-${theme}-basket.png`)
    });
    await activate(page, '.jp-escape-ServiceView');
    await voGrid.screenshot({
      path: testInfo.outputPath(`grid-aligned-${theme}-vo.png`)
    });
    await activate(page, '.jp-escape-BasketTable');
  }
  await page.theme.setLightTheme();
});

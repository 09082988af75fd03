/**
 * The research basket end to end against the local DaCHS (stack/escape-stack up dachs):
 * a TAP query result added from the VO results pane and a workspace file added from the file browser's
 * context menu -> cross-match (10 counterparts made 0.5" away) -> result grid -> both sides on the sky;
 * the SQL console (result grid, DuckDB's error verbatim); groups, notes, removal with undo; the basket saved
 * into a notebook's metadata (dirty state) and restored from it after removal.
 *
 * The test server keeps the basket in the user's state folder: the test works with its own items only
 * (titles carry a run id) and removes them at the end.
 */
import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import { Page } from '@playwright/test';
import {
  currentDocumentDirty,
  notebookEscapeMetadata,
  notebookSource,
  openEscapeSidebar,
  screenshot,
  SIDEBAR_ID,
  TAP_URL
} from './helpers';

const RUN = Date.now().toString(36);
const SECTION = `#${SIDEBAR_ID} .jp-escape-BasketSection`;

interface IItem {
  id: string;
  kind: string;
  title: string;
  group: string | null;
  notes: string;
}

async function api<T>(
  page: Page,
  path: string,
  init: { method?: string; data?: unknown } = {}
): Promise<T> {
  const response = await page.request.fetch(`/escape/api/${path}`, {
    method: init.method ?? 'GET',
    data: init.data === undefined ? undefined : JSON.stringify(init.data),
    headers: { 'Content-Type': 'application/json' }
  });
  expect(
    response.ok(),
    `${init.method ?? 'GET'} ${path}: ${await response.text()}`
  ).toBe(true);
  const text = await response.text();
  return (text ? JSON.parse(text) : null) as T;
}

async function items(page: Page): Promise<IItem[]> {
  return (await api<{ items: IItem[] }>(page, 'basket')).items;
}

async function removeOurs(page: Page): Promise<void> {
  for (const item of await items(page)) {
    if (item.title.includes(RUN)) {
      await page.request.delete(`/escape/api/basket/items/${item.id}`);
    }
  }
  for (const group of (
    await api<{ groups: { name: string }[] }>(page, 'basket')
  ).groups) {
    if (group.name.includes(RUN)) {
      await page.request.delete(
        `/escape/api/basket/groups/${encodeURIComponent(group.name)}`
      );
    }
  }
}

/** Run an ADQL query in the VO service view and add its result to the basket. */
async function addQueryFromVO(
  page: IJupyterLabPageFixture,
  title: string
): Promise<void> {
  await page.evaluate(
    async ({ url, title }) =>
      await window.jupyterapp.commands.execute('escape:vo-new-query', {
        url,
        title
      }),
    { url: TAP_URL, title }
  );
  const view = page.locator('.jp-escape-ServiceView');
  await expect(
    view.locator('.jp-escape-QueryEditor-host .cm-content')
  ).toBeVisible({ timeout: 30000 });
  await view.locator('.jp-escape-QueryEditor-host .cm-content').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(
    'SELECT TOP 40 source_id, ra, dec, mag_r FROM esc_demo.main ORDER BY source_id'
  );
  await view.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(view.locator('.jp-escape-ResultPane-summary')).toContainText(
    '40 rows',
    { timeout: 30000 }
  );
  await view.getByRole('button', { name: 'Add service to basket' }).click();
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

test.describe.serial('research basket', () => {
  test.use({ autoGoto: true, viewport: { width: 1400, height: 900 } });
  test.setTimeout(150 * 1000);

  test.afterAll(async ({ browser }) => {
    const page = await browser.newPage({
      baseURL: `http://127.0.0.1:${process.env.ESCAPE_UI_PORT || 8899}`
    });
    await removeOurs(page).catch(() => undefined);
    await page.close();
  });

  test('VO result + workspace file -> cross-match -> sky; SQL console', async ({
    page,
    tmpPath
  }, testInfo) => {
    const out = (name: string) => testInfo.outputPath(name);
    await openEscapeSidebar(page);
    const section = page.locator(SECTION);
    await expect(section).toBeVisible();
    // right under Services
    // (the accordion positions its children absolutely: compare where they are, not the DOM order)
    const top = async (cls: string) =>
      (await page.locator(`#${SIDEBAR_ID} .${cls}`).boundingBox())?.y ?? NaN;
    const [services, basket, vo] = [
      await top('jp-escape-ServicesView'),
      await top('jp-escape-BasketSection'),
      await top('jp-escape-VOSection')
    ];
    expect(services).toBeLessThan(basket);
    expect(basket).toBeLessThan(vo);

    // 1. a TAP query and its result, from the VO results pane
    const before = new Set((await items(page)).map(i => i.id));
    await addQueryFromVO(page, `Local TAP ${RUN}`);
    await expect
      .poll(async () =>
        (await items(page)).some(
          i => !before.has(i.id) && i.kind === 'vo_query'
        )
      )
      .toBe(true);
    let all = await items(page);
    const query = all.find(i => !before.has(i.id) && i.kind === 'vo_query');
    expect(query, JSON.stringify(all.map(i => i.title))).toBeTruthy();
    // named after what it asks, not its raw ADQL (issue 19)
    expect(query!.title).toBe('esc_demo.main (top 40)');
    expect(
      all.some(
        i =>
          !before.has(i.id) &&
          i.kind === 'vo_service' &&
          i.title === `Local TAP ${RUN}`
      )
    ).toBe(true);
    // the test's own items carry the run id (removed at the end)
    await api(page, `basket/items/${query!.id}`, {
      method: 'PATCH',
      data: { title: `bright sources ${RUN}` }
    });
    await openEscapeSidebar(page);
    await expect(
      section.locator(`[data-item-id="${query!.id}"]`)
    ).toContainText('Query and result');

    // 2. a workspace file with counterparts of the first 10 sources, 0.5" north of them
    const data = await api<{ columns: { name: string }[]; rows: unknown[][] }>(
      page,
      `basket/items/${query!.id}/data?limit=10&format=json`
    );
    const ra = data.columns.findIndex(c => c.name === 'ra');
    const dec = data.columns.findIndex(c => c.name === 'dec');
    const csv = ['name,ra,dec']
      .concat(
        data.rows.map((r, i) => `p${i},${r[ra]},${Number(r[dec]) + 0.5 / 3600}`)
      )
      .join('\n');
    const file = `partners_${RUN}.csv`;
    await page.contents.uploadContent(csv, 'text', `${tmpPath}/${file}`);
    await page.sidebar.openTab('filebrowser');
    await page.filebrowser.openDirectory(tmpPath);
    await page
      .locator(`.jp-DirListing-item[title^="Name: ${file}"]`)
      .click({ button: 'right' });
    await page
      .getByRole('menuitem', { name: 'Add to Research Basket' })
      .click();
    await expect
      .poll(async () =>
        (await items(page)).some(
          i => i.kind === 'workspace_file' && i.title === file
        )
      )
      .toBe(true);
    all = await items(page);
    const fileItem = all.find(
      i => i.kind === 'workspace_file' && i.title === file
    )!;
    await openEscapeSidebar(page);
    const fileRow = section.locator(`[data-item-id="${fileItem.id}"]`);
    await expect(fileRow).toContainText('Workspace file');
    await screenshot(page, out, 'basket-two-items');

    // item details: provenance of the query result
    await section
      .locator(`[data-item-id="${query!.id}"] .jp-escape-Basket-itemHead`)
      .click();
    await section
      .locator(`[data-item-id="${query!.id}"]`)
      .getByRole('button', { name: 'Provenance' })
      .click();
    const prov = page.locator('.jp-escape-Provenance');
    await expect(prov.locator('.jp-escape-Provenance-json')).toContainText(
      '"prov:type"'
    );
    await expect(
      prov.getByRole('button', { name: 'Download PROV-JSON' })
    ).toBeVisible();

    // the file as a table, then into the workspace database
    await openEscapeSidebar(page);
    await fileRow.locator('.jp-escape-Basket-itemHead').click();
    await fileRow.getByRole('button', { name: 'Open as table' }).click();
    const table = page.locator('.jp-escape-BasketTable');
    await expect(table.locator('.jp-escape-TablePane-summary')).toContainText(
      '10 rows'
    );
    await expect(table.locator('.jp-escape-Grid-canvas')).toBeVisible();
    await openEscapeSidebar(page);
    await fileRow
      .getByRole('button', { name: 'To workspace database' })
      .click();
    await page.locator('.jp-Dialog input').fill(`partners_${RUN}`);
    await page
      .locator('.jp-Dialog')
      .getByRole('button', { name: 'Materialise' })
      .click();
    await expect(
      page
        .locator('.jp-toast-container, .Toastify')
        .getByText(
          `Table partners_${RUN} (10 rows) is in the workspace database`,
          {
            exact: false
          }
        )
    ).toBeVisible();

    // 3. cross-match them
    await openEscapeSidebar(page);
    await section.getByRole('button', { name: 'Cross-match…' }).first().click();
    const xm = page.locator('.jp-escape-XMatch');
    await expect(xm.getByLabel('Left table')).toBeVisible();
    await xm.getByLabel('Left table').selectOption(query!.id);
    await xm.getByLabel('Right table').selectOption(fileItem.id);
    await xm.getByLabel('Radius (arcsec)').fill('1');
    await xm.getByLabel('Output table (workspace database)').fill(`xm_${RUN}`);
    await xm.getByRole('button', { name: 'Cross-match', exact: true }).click();
    await expect(xm.locator('.jp-escape-XMatch-summary')).toContainText(
      '10 matches (left 40 rows, right 10 rows)',
      {
        timeout: 60000
      }
    );
    await expect(xm.locator('.jp-escape-Grid-canvas')).toBeVisible();
    await expect(xm.locator('.jp-escape-Grid-summary')).toContainText(
      '10 rows'
    );

    // 4. on the sky: left and right positions as two catalogue layers
    await screenshot(page, out, 'basket-xmatch');
    await xm.getByRole('button', { name: 'Show on sky' }).click();
    await page.waitForTimeout(5000);
    await screenshot(page, out, 'basket-sky-after-click');
    const layers = page.locator(
      '.jp-escape-Sky .jp-escape-SkyLayer[data-kind="catalogue"]'
    );
    await expect(layers.filter({ hasText: `xm_${RUN} (left)` })).toBeVisible({
      timeout: 90000
    });
    await expect(
      layers
        .filter({ hasText: `xm_${RUN} (right)` })
        .locator('.jp-escape-SkyLayer-count')
    ).toHaveText('10');
    await page.waitForTimeout(1500);
    await screenshot(page, out, 'basket-xmatch-sky');

    // 5. the SQL console: a result, then DuckDB's own error message
    await page.evaluate(
      async () =>
        await window.jupyterapp.commands.execute('escape:basket-sql-console')
    );
    const sql = page.locator('.jp-escape-SQLConsole');
    await expect(sql.locator('.jp-escape-SQLConsole-tableList')).toContainText(
      `xm_${RUN}`
    );
    await sql
      .locator(`[data-table="xm_${RUN}"] .jp-escape-Basket-link`)
      .first()
      .click();
    await expect(sql.locator('.jp-escape-SQLConsole-columns')).toContainText(
      'ra'
    );
    await sql.locator('.jp-escape-SQLConsole-host .cm-content').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(`SELECT count(*) AS n FROM xm_${RUN}`);
    await page.keyboard.press('Control+Enter');
    await expect(sql.locator('.jp-escape-TablePane-summary')).toContainText(
      '1 row in'
    );
    await screenshot(page, out, 'basket-sql');
    await sql.locator('.jp-escape-SQLConsole-host .cm-content').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText('SELECT * FROM no_such_table');
    await sql.getByRole('button', { name: 'Run', exact: true }).click();
    const error = sql.locator('.jp-escape-Basket-error');
    await expect(error).toContainText('workspace-db says:');
    await expect(error).toContainText(
      'Table with name no_such_table does not exist'
    );
    await screenshot(page, out, 'basket-sql-error');
  });

  test('groups, notes, undo; save into a notebook and restore', async ({
    page
  }, testInfo) => {
    const out = (name: string) => testInfo.outputPath(name);
    const service = await api<IItem>(page, 'basket/items', {
      method: 'POST',
      data: {
        kind: 'vo_service',
        payload: { url: TAP_URL, service_type: 'tap' },
        title: `local TAP ${RUN}`
      }
    });
    await openEscapeSidebar(page);
    const section = page.locator(SECTION);
    const row = section.locator(`[data-item-id="${service.id}"]`);
    await expect(row).toContainText('VO service');

    // a group, the item moved into it, the group renamed
    await section.getByRole('button', { name: 'New group' }).click();
    await page.locator('.jp-Dialog input').fill(`paper ${RUN}`);
    await page
      .locator('.jp-Dialog')
      .getByRole('button', { name: 'Create' })
      .click();
    await expect(
      section.getByRole('region', { name: `Group paper ${RUN}` })
    ).toBeVisible();
    await row.locator('.jp-escape-Basket-itemHead').click();
    await row.getByLabel('Move to group').selectOption(`paper ${RUN}`);
    await expect
      .poll(
        async () => (await items(page)).find(i => i.id === service.id)?.group
      )
      .toBe(`paper ${RUN}`);
    await section
      .getByRole('button', { name: `Rename group paper ${RUN}` })
      .click();
    await page.locator('.jp-Dialog input').fill(`figures ${RUN}`);
    await page
      .locator('.jp-Dialog')
      .getByRole('button', { name: 'Rename' })
      .click();
    await expect(
      section.getByRole('region', { name: `Group figures ${RUN}` })
    ).toContainText(`local TAP ${RUN}`);

    // notes are saved when the field loses focus
    const moved = section.locator(`[data-item-id="${service.id}"]`);
    if ((await moved.getByLabel('Notes').count()) === 0) {
      await moved.locator('.jp-escape-Basket-itemHead').click();
    }
    await moved.getByLabel('Notes').fill('the DR1 service');
    await moved.getByLabel('Notes').press('Tab');
    await expect
      .poll(
        async () => (await items(page)).find(i => i.id === service.id)?.notes
      )
      .toBe('the DR1 service');

    // removal can be undone
    await moved.getByRole('button', { name: 'Remove' }).click();
    await expect(section.locator(`[data-item-id="${service.id}"]`)).toHaveCount(
      0
    );
    await page
      .locator('.jp-toast-container, .Toastify')
      .getByRole('button', { name: 'Undo' })
      .first()
      .click();
    await expect(
      section.locator(`[data-item-id="${service.id}"]`)
    ).toBeVisible();
    await screenshot(page, out, 'basket-groups');

    // save into a new notebook: metadata set through the model, so the notebook is dirty until saved
    const name = `basket-${RUN}.ipynb`;
    await page.notebook.createNew(name);
    const dirty = () => currentDocumentDirty(page);
    await page.notebook.save();
    await expect.poll(dirty).toBe(false);
    await page.evaluate(
      async () =>
        await window.jupyterapp.commands.execute(
          'escape:basket-save-to-notebook'
        )
    );
    await expect
      .poll(async () => ({
        dirty: await currentDocumentDirty(page),
        n: (await notebookEscapeMetadata(page))?.basket?.items?.length ?? 0
      }))
      .toMatchObject({ dirty: true });
    const saved = (await notebookEscapeMetadata(page))!.basket!.items!.map(
      i => i.id
    );
    expect(saved).toContain(service.id);
    await page.notebook.save();

    // gone from the basket (another tab or a kernel removed it), then restored from the notebook
    await page.request.delete(`/escape/api/basket/items/${service.id}`);
    await openEscapeSidebar(page);
    await expect(section.locator(`[data-item-id="${service.id}"]`)).toHaveCount(
      0,
      { timeout: 30000 }
    );
    await page.notebook.activate(name);
    await page.evaluate(() => {
      void window.jupyterapp.commands.execute(
        'escape:basket-restore-from-notebook'
      );
    });
    await page
      .locator('.jp-Dialog')
      .getByRole('button', { name: 'Add to basket' })
      .click();
    await expect(section.locator(`[data-item-id="${service.id}"]`)).toBeVisible(
      { timeout: 30000 }
    );
    const restored = (await items(page)).find(i => i.id === service.id)!;
    expect(restored.notes).toBe('the DR1 service');
    expect(restored.group).toBe(`figures ${RUN}`);

    // show me the code: the notebook API snippet lands in the notebook
    const back = section.locator(`[data-item-id="${service.id}"]`);
    if (
      (await back.getByRole('button', { name: 'Show me the code' }).count()) ===
      0
    ) {
      await back.locator('.jp-escape-Basket-itemHead').click();
    }
    await back.getByRole('button', { name: 'Show me the code' }).click();
    await expect
      .poll(() => notebookSource(page))
      .toContain(`service = basket.get("${service.id}")`);

    // dark theme
    await page.theme.setDarkTheme();
    await openEscapeSidebar(page);
    // only the basket expanded, for a look at the whole section
    const expanded = page.locator(
      `#${SIDEBAR_ID} .lm-AccordionPanel-title[aria-expanded="true"]`
    );
    for (const text of await expanded.allTextContents()) {
      if (!text.includes('Research basket')) {
        await expanded.filter({ hasText: text }).first().click();
      }
    }
    await screenshot(page, out, 'basket-dark');
    await page.theme.setLightTheme();
  });
});

/**
 * "Which VO data covers this?" in a data-lake DID's details, against the LOCAL stack: the LoTSS-like dataset of
 * M51 in Rucio, its MOC from its ra/dec metadata, the local DaCHS RegTAP registry answering with the optical
 * catalogue and images of the same field; "show me the code" puts datalake.coverage + vo.search_registry in a
 * notebook. Screenshots in both themes.
 */
import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import { Locator } from '@playwright/test';
import {
  expandSection,
  openEscapeSidebar,
  screenshot,
  SIDEBAR_ID
} from './helpers';

test.use({ autoGoto: true });

async function detailsOf(
  page: IJupyterLabPageFixture,
  did: string
): Promise<Locator> {
  await openEscapeSidebar(page);
  const section = page.locator(`#${SIDEBAR_ID} .jp-escape-DLSection`);
  await expandSection(page, 'Data lake');
  await expect(section).toBeVisible();
  const scope = section.getByLabel('Scope', { exact: true });
  await expect(scope.locator('option[value="escape_demo"]')).toHaveCount(1);
  await scope.selectOption('escape_demo');
  await section.getByLabel('Type', { exact: true }).selectOption('dataset');
  await section.getByRole('button', { name: 'Search', exact: true }).click();
  const hit = section.locator(`.jp-escape-DL-item[data-did="${did}"]`);
  await expect(hit).toBeVisible({ timeout: 30000 });
  await hit.getByRole('button', { name: /Details of/ }).click();
  const view = page.locator('.jp-escape-DLDIDView:visible');
  await expect(view.locator('h2')).toHaveText(did);
  return view;
}

test('which VO data covers a data-lake dataset: MOC from its metadata, registry records, the code', async ({
  page
}, testInfo) => {
  test.setTimeout(180 * 1000);
  const view = await detailsOf(page, 'escape_demo:lotss_m51');
  const block = view.locator('.jp-escape-DL-block', {
    hasText: 'VO data covering this'
  });
  await block.getByLabel('Service type').selectOption('');
  await block
    .getByRole('button', { name: 'Which VO data covers this?' })
    .click();
  const result = block.locator('.jp-escape-DL-coverage');
  await expect(result).toBeVisible({ timeout: 60000 });
  await expect(result.getByRole('list', { name: 'Built from' })).toContainText(
    'escape_demo:lotss_m51: metadata ra=202.47'
  );
  const table = result.getByRole('table', {
    name: 'VO resources covering this DID'
  });
  await expect(table).toContainText('ivo://escape.local/esc_demo/q/scs');
  await expect(table).toContainText('scs');
  await block.scrollIntoViewIfNeeded();
  await screenshot(page, testInfo.outputPath.bind(testInfo), 'coverage-m51');

  // Narrowed to cone searches: only resources with an scs capability remain.
  await block.getByLabel('Service type').selectOption('scs');
  await block
    .getByRole('button', { name: 'Which VO data covers this?' })
    .click();
  await expect(result.locator('details pre')).toContainText(
    'ivo://ivoa.net/std/conesearch',
    { timeout: 60000 }
  );
  const rows = table.locator('tbody tr');
  const count = await rows.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    await expect(rows.nth(i).locator('td').nth(3)).toContainText('scs');
  }

  // Show me the code: a notebook cell with the same two calls.
  await result.getByRole('button', { name: 'Show me the code' }).click();
  const cell = page.locator('.jp-Notebook .jp-Cell').last();
  await expect(cell).toContainText(
    "datalake.coverage('escape_demo:lotss_m51', instance='local')",
    { timeout: 60000 }
  );
  await expect(cell).toContainText("vo.search_registry(moc=coverage['moc']");
  await screenshot(page, testInfo.outputPath.bind(testInfo), 'coverage-code');
});

test('coverage section in the dark theme', async ({ page }, testInfo) => {
  test.setTimeout(120 * 1000);
  await page.theme.setDarkTheme();
  const view = await detailsOf(page, 'escape_demo:lotss_lockman_hole');
  const block = view.locator('.jp-escape-DL-block', {
    hasText: 'VO data covering this'
  });
  await block
    .getByRole('button', { name: 'Which VO data covers this?' })
    .click();
  await expect(block.locator('.jp-escape-DL-coverage')).toBeVisible({
    timeout: 60000
  });
  await block.scrollIntoViewIfNeeded();
  await screenshot(page, testInfo.outputPath.bind(testInfo), 'coverage-dark');
});

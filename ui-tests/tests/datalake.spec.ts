/**
 * The data lake against the LOCAL Rucio stack (stack/rucio: Rucio 41 server, WebDAV door, seeded LOFAR/HST
 * namespace, a 100,000-file dataset): instances with their auth state (one missing its OIDC token), find a
 * dataset by metadata, stage it (download mode), see it in the file browser, insert the code into a notebook;
 * page through 100,000 files; the Transfers view with the job's log; RSEs and quota; upload a file back with
 * its checksum confirmed; the dark theme.
 */
import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import { Locator } from '@playwright/test';
import {
  basketItems,
  notebookSource,
  openSection,
  screenshot
} from './helpers';

const RUCIO = `http://127.0.0.1:${process.env.ESCAPE_RUCIO_PORT || 8091}`;
// The tests' own data-lake account and scope (ui-tests/jupyter_server_test_config.py): not the demo's.
const TEST_SCOPE = `user.${process.env.ESCAPE_RUCIO_TEST_ACCOUNT || 'escape_test'}`;

test.use({ autoGoto: true });

/** The Data lake section of the ESCAPE sidebar, expanded, the other sections collapsed. */
async function datalakeSection(page: IJupyterLabPageFixture): Promise<Locator> {
  return openSection(page, 'Data lake', '.jp-escape-DLSection', [
    'Services',
    'Research basket',
    'Virtual Observatory',
    'Software (OSSR)'
  ]);
}

async function searchByMetadata(
  section: Locator,
  scope: string,
  type: string,
  filters: [string, string, string][]
): Promise<void> {
  const scopeSelect = section.getByLabel('Scope', { exact: true });
  await expect(scopeSelect.locator(`option[value="${scope}"]`)).toHaveCount(1);
  await scopeSelect.selectOption(scope);
  await section.getByLabel('Type', { exact: true }).selectOption(type);
  for (let i = 0; i < filters.length; i++) {
    await section.getByRole('button', { name: '+ Add a filter' }).click();
    // Focus moves to the row the button added (issue 19).
    await expect(section.getByLabel(`Filter ${i + 1} key`)).toBeFocused();
    await section.getByLabel(`Filter ${i + 1} key`).fill(filters[i][0]);
    await section
      .getByLabel(`Filter ${i + 1} operator`)
      .selectOption(filters[i][1]);
    await section.getByLabel(`Filter ${i + 1} value`).fill(filters[i][2]);
  }
  await section.getByRole('button', { name: 'Search', exact: true }).click();
}

test.beforeEach(async ({ request }) => {
  let up = false;
  try {
    up = (await request.get(`${RUCIO}/ping`, { timeout: 10000 })).ok();
  } catch {
    up = false;
  }
  // Not a skip: these tests exist to run against the local Rucio.
  expect(
    up,
    `the local Rucio server must answer at ${RUCIO}: run bash stack/escape-stack up rucio`
  ).toBe(true);
});

test('find a dataset by metadata, stage it, see it in the file browser, insert the code', async ({
  page
}, testInfo) => {
  test.setTimeout(180 * 1000);
  const section = await datalakeSection(page);

  // Instance picker: the working instance signs in; the OIDC one says exactly what is missing.
  const authLine = section.locator('.jp-escape-DL-authLine');
  await expect(authLine).toHaveAttribute('data-auth-state', 'ok');
  await expect(authLine).toContainText('signed in');
  const picker = section.getByLabel('Instance', { exact: true });
  await picker.selectOption('local-oidc');
  await expect(section.locator('.jp-escape-DL-authProblem')).toContainText(
    /oidc: no token in file .*access_token \(missing or empty\)/
  );
  await expect(authLine).toHaveAttribute('data-auth-state', 'missing');
  await screenshot(page, testInfo.outputPath.bind(testInfo), '01-auth-missing');
  await picker.selectOption('local');
  await expect(authLine).toHaveAttribute('data-auth-state', 'ok');

  // Find the HST dataset by its metadata.
  await searchByMetadata(section, 'escape_demo', 'dataset', [
    ['telescope', '=', 'HST'],
    ['target', '=', 'M51']
  ]);
  const hit = section.locator(
    '.jp-escape-DL-item[data-did="escape_demo:hst_acs_m51"]'
  );
  await expect(hit).toBeVisible();
  await expect(
    section.locator('.jp-escape-DL-item[data-did^="escape_demo:lofar"]')
  ).toHaveCount(0);
  await screenshot(page, testInfo.outputPath.bind(testInfo), '02-search');

  // Into the dataset: its three files; then its details.
  await hit.getByRole('button', { name: 'hst_acs_m51', exact: true }).click();
  await expect(section.locator('.jp-escape-DL-crumbHere')).toHaveText(
    'hst_acs_m51'
  );
  await expect(
    section.locator('.jp-escape-DL-item[data-type="FILE"]')
  ).toHaveCount(3);
  await section.getByRole('button', { name: 'Details & stage' }).click();
  const view = page.locator('.jp-escape-DLDIDView:visible');
  await expect(view.locator('h2')).toHaveText('escape_demo:hst_acs_m51');
  await expect(view.getByRole('table', { name: 'Metadata' })).toContainText(
    'HST'
  );
  await expect(view.getByRole('table', { name: 'Replicas' })).toContainText(
    'ESCAPE_'
  );
  await expect(view.getByRole('table', { name: 'Rules' })).toContainText(
    /OK|REPLICATING/
  );

  // Stage in download mode and follow the job to done.
  await view.getByRole('button', { name: /^Stage/ }).click();
  const card = view.locator('.jp-escape-DL-jobCard');
  await expect(card).toHaveAttribute('data-state', 'done', { timeout: 60000 });
  await expect(card).toContainText('3 of 3 files');
  await expect(
    card.locator('.jp-escape-DL-files tbody tr[data-state="done"]')
  ).toHaveCount(3);
  await screenshot(page, testInfo.outputPath.bind(testInfo), '03-staged');

  // Open in the file browser: the staged folder with the three FITS files.
  await card
    .getByRole('group', { name: 'Use' })
    .getByRole('button', { name: 'Open in file browser' })
    .click();
  const listing = page.locator('#filebrowser .jp-DirListing-content');
  await expect(listing).toBeVisible();
  await expect(page.locator('#filebrowser .jp-BreadCrumbs')).toContainText(
    'escape_demo'
  );
  await expect(
    listing.locator('.jp-DirListing-item', {
      hasText: 'hst_acs_m51_f435w_drz.fits'
    })
  ).toBeVisible();
  await screenshot(page, testInfo.outputPath.bind(testInfo), '04-file-browser');

  // Show me the code: a notebook cell with the jupyter_escape.datalake snippet.
  await page
    .locator('.jp-escape-DLDIDView')
    .first()
    .waitFor({ state: 'attached' });
  await page.activity.activateTab('hst_acs_m51');
  await card
    .getByRole('group', { name: 'Use' })
    .getByRole('button', { name: 'Show me the code' })
    .click();
  // the code lands in a new notebook (none was open): read its cells from the notebook model
  const cells = () => notebookSource(page);
  await expect
    .poll(cells, { timeout: 30000 })
    .toContain('from jupyter_escape import datalake');
  expect(await cells()).toContain("datalake.get('escape_demo:hst_acs_m51'");
  await expect(
    page.locator('.jp-NotebookPanel:visible .jp-Cell .cm-content').first()
  ).toContainText('datalake.get');
  await screenshot(page, testInfo.outputPath.bind(testInfo), '05-code');

  // Add to basket, and show a staged FITS image on the sky.
  await page.activity.activateTab('hst_acs_m51');
  await card
    .getByRole('group', { name: 'Use' })
    .getByRole('button', { name: 'Add to basket' })
    .click();
  await expect
    .poll(async () =>
      (await basketItems(page))
        .filter(i => i.kind === 'datalake_did')
        .map(i => `${i.payload.scope}:${i.payload.name}`)
    )
    .toContain('escape_demo:hst_acs_m51');
  await card
    .locator('tr', { hasText: 'hst_acs_m51_f435w_drz.fits' })
    .getByRole('button', { name: 'Show on sky' })
    .click();
  await expect(
    page.getByText('Showing FITS image "hst_acs_m51_f435w_drz.fits"')
  ).toBeVisible({
    timeout: 30000
  });
  await screenshot(page, testInfo.outputPath.bind(testInfo), '05b-sky');
});

test('paging through the 100,000-file dataset', async ({ page }, testInfo) => {
  const section = await datalakeSection(page);
  await searchByMetadata(section, 'escape_bench', 'dataset', []);
  const hit = section.locator(
    '.jp-escape-DL-item[data-did="escape_bench:listing_100k"]'
  );
  await hit.getByRole('button', { name: 'listing_100k', exact: true }).click();
  const pager = section.locator('.jp-escape-DL-pagerText');
  await expect(pager).toHaveText('1–100 of 100,000');
  await expect(
    section.locator('.jp-escape-DL-item[data-type="FILE"]')
  ).toHaveCount(100);
  const t0 = Date.now();
  await section.getByRole('button', { name: 'Next page' }).click();
  await expect(pager).toHaveText('101–200 of 100,000');
  await expect(
    section.locator(
      '.jp-escape-DL-item[data-did="escape_bench:listing_100k_000100.fits"]'
    )
  ).toBeVisible();
  const nextMs = Date.now() - t0;
  const jump = section.getByLabel(/Go to page/);
  await jump.fill('500');
  await jump.press('Enter');
  await expect(pager).toHaveText('49,901–50,000 of 100,000');
  console.log(`100k dataset: next page shown in ${nextMs} ms`);
  await screenshot(page, testInfo.outputPath.bind(testInfo), '06-100k');
});

test('transfers view with logs, RSEs and quota', async ({ page }, testInfo) => {
  const section = await datalakeSection(page);
  await expect(section.locator('.jp-escape-DL-authLine')).toHaveAttribute(
    'data-auth-state',
    'ok'
  );
  // a small dataset staged through the REST route, then shown in the Transfers view
  const started = await page.evaluate(async () => {
    const r = await fetch('/escape/api/datalake/stage', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        instance: 'local',
        did: 'escape_demo:catalogues_m51',
        mode: 'download'
      })
    });
    return (await r.json()).id as string;
  });
  await section.getByRole('button', { name: 'Transfers' }).click();
  const transfers = page.locator('.jp-escape-DLTransfersView:visible');
  const row = transfers.locator(`li[data-job-id="${started}"]`);
  await expect(row).toHaveAttribute('data-state', 'done', { timeout: 60000 });
  await row.getByRole('button', { name: 'escape_demo:catalogues_m51' }).click();
  const card = transfers.locator(
    `.jp-escape-DL-jobCard[data-job-id="${started}"]`
  );
  await card.locator('.jp-escape-DL-log summary').click();
  await expect(card.locator('.jp-escape-DL-log')).toContainText('verified');
  await screenshot(page, testInfo.outputPath.bind(testInfo), '07-transfers');

  await section.getByRole('button', { name: 'RSEs & quota' }).click();
  const storage = page.locator('.jp-escape-DLStorageView:visible');
  await expect(
    storage.locator('tr[data-rse="ESCAPE_SCRATCHDISK"]')
  ).toContainText('1.0 MiB');
  await expect(storage.locator('tr[data-rse="ESCAPE_POSIX"]')).toBeVisible();
  await screenshot(page, testInfo.outputPath.bind(testInfo), '08-rses');
});

test('upload a file back from the file browser, checksum confirmed', async ({
  page
}, testInfo) => {
  test.setTimeout(120 * 1000);
  const stamp = Date.now().toString(36);
  const file = `result_${stamp}.txt`;
  await page.contents.uploadContent(
    `spectral index map ${stamp}\n`.repeat(200),
    'text',
    file
  );
  await page.filebrowser.refresh();
  await page.filebrowser.openHomeDirectory();
  await page
    .locator('.jp-DirListing-item', { hasText: file })
    .click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Upload to data lake…' }).click();

  const form = page.locator('.jp-escape-DLUploadView:visible');
  await expect(
    form.getByLabel('File (relative to the server root)')
  ).toHaveValue(file);
  // user accounts upload to *USERDISK / *SCRATCHDISK under Rucio's generic policy: those come first
  await expect(form.getByLabel('RSE')).toHaveValue(/USERDISK|SCRATCHDISK/);
  await form.getByLabel('RSE').selectOption('ESCAPE_USERDISK');
  await form.getByLabel('Scope').selectOption(TEST_SCOPE);
  await form
    .getByLabel('Attach to dataset')
    .fill(`${TEST_SCOPE}:ui_results_${stamp}`);
  await form.getByLabel('Metadata 1 key').fill('telescope');
  await form.getByLabel('Metadata 1 value').fill('LOFAR+HST');
  await form.getByLabel('Lifetime (days)').fill('1');
  await form.getByRole('button', { name: 'Upload', exact: true }).click();
  const card = form.locator('.jp-escape-DL-jobCard');
  await expect(card).toHaveAttribute('data-state', 'done', { timeout: 60000 });
  await expect(card).toContainText('Confirmed');
  await expect(
    card.locator('.jp-escape-DL-checksums tr[data-match="true"]')
  ).toHaveCount(3);
  await screenshot(page, testInfo.outputPath.bind(testInfo), '09-upload');
});

test('a failed upload (quota) offers Resume, which runs it again', async ({
  page
}) => {
  test.setTimeout(120 * 1000);
  const stamp = Date.now().toString(36);
  const file = `too_big_${stamp}.txt`;
  // 1.2 MB: more than the test account's 1 MB quota on ESCAPE_SCRATCHDISK
  await page.contents.uploadContent('x'.repeat(1200 * 1024), 'text', file);
  await page.filebrowser.refresh();
  await page.filebrowser.openHomeDirectory();
  await page
    .locator('.jp-DirListing-item', { hasText: file })
    .click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Upload to data lake…' }).click();
  const form = page.locator('.jp-escape-DLUploadView:visible');
  await form.getByLabel('RSE').selectOption('ESCAPE_SCRATCHDISK');
  await form.getByLabel('Scope').selectOption(TEST_SCOPE);
  await form.getByRole('button', { name: 'Upload', exact: true }).click();
  const card = form.locator('.jp-escape-DL-jobCard');
  await expect(card).toHaveAttribute('data-state', 'failed', {
    timeout: 60000
  });
  await expect(card).toContainText('quota exceeded');
  await expect(card.getByRole('button', { name: 'Cancel' })).toHaveCount(0);
  await card.getByRole('button', { name: 'Resume' }).click();
  await expect(card.locator('.jp-escape-DL-log')).toContainText('resumed', {
    timeout: 30000
  });
  await expect(card).toHaveAttribute('data-state', 'failed', {
    timeout: 60000
  });
  await expect(card.getByRole('button', { name: 'Resume' })).toBeVisible();
});

test('replica mode: a rule followed to OK, local paths under the RSE mount', async ({
  page
}, testInfo) => {
  // the first run waits for the rule daemons to copy the files (~50 s here); later runs reuse the rule
  test.setTimeout(240 * 1000);
  const section = await datalakeSection(page);
  await searchByMetadata(section, 'escape_demo', 'dataset', [
    ['telescope', '=', 'LOFAR'],
    ['target', '=', '3C196']
  ]);
  await section
    .locator('.jp-escape-DL-item[data-did="escape_demo:lofar_L345678_3c196"]')
    .getByRole('button', { name: 'lofar_L345678_3c196', exact: true })
    .click();
  await section.getByRole('button', { name: 'Details & stage' }).click();
  const view = page.locator('.jp-escape-DLDIDView:visible');
  await view
    .getByRole('radio', { name: /Replica: a rule to ESCAPE_MOUNTED/ })
    .check();
  await view.getByRole('button', { name: /^Stage/ }).click();
  const card = view.locator('.jp-escape-DL-jobCard');
  await expect(card).toContainText('Replica of');
  await expect(card).toContainText(/rule (REPLICATING|OK)/, { timeout: 30000 });
  await expect(card).toHaveAttribute('data-state', 'done', { timeout: 200000 });
  await expect(card).toContainText(
    'rule OK: 3 files OK, 0 replicating, 0 stuck'
  );
  // the files live under the mount, outside the server root: their local paths are shown
  await expect(card.locator('.jp-escape-DL-files code').first()).toContainText(
    '/rse/mounted/'
  );
  await view.getByRole('button', { name: 'Refresh' }).click();
  await expect(view.getByRole('table', { name: 'Rules' })).toContainText(
    'ESCAPE_MOUNTED'
  );
  await screenshot(page, testInfo.outputPath.bind(testInfo), '11-replica');
});

test('dark theme', async ({ page }, testInfo) => {
  await page.theme.setDarkTheme();
  const section = await datalakeSection(page);
  await searchByMetadata(section, 'escape_demo', 'collection', []);
  await expect(section.locator('.jp-escape-DL-item').first()).toBeVisible();
  await section
    .locator('.jp-escape-DL-item[data-did="escape_demo:lofar_observations"]')
    .getByRole('button', { name: /Details of/ })
    .click();
  const view = page.locator('.jp-escape-DLDIDView:visible');
  await expect(view.locator('h2')).toBeVisible();
  await expect(view.getByRole('table', { name: 'Metadata' })).toContainText(
    'LOFAR'
  );
  await screenshot(page, testInfo.outputPath.bind(testInfo), '10-dark');
});

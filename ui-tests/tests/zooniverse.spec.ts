/**
 * The Citizen science (Zooniverse) section against the local Panoptes API REPLAY (stack/zooniverse; not
 * Zooniverse): projects, workflows and subject sets, the export into the basket, a subject-set upload from basket
 * FITS items cut mid-way, what remains listed, then resumed; keyboard reach; the dark theme.
 */
import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import { Locator } from '@playwright/test';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { openSection, screenshot } from './helpers';

const PANOPTES = `http://127.0.0.1:${process.env.ESCAPE_ZOONIVERSE_PORT || 8100}`;
const TITLE = 'Citizen science (Zooniverse)';

// Tall enough for the whole section (projects, export and upload blocks) without scrolling the sidebar.
test.use({ autoGoto: true, viewport: { width: 1280, height: 1400 } });

test.beforeEach(async ({ request }) => {
  // Not a skip: these tests exist to run against the replay.
  const reset = await request
    .post(`${PANOPTES}/_replay/reset`)
    .catch(() => null);
  expect(
    reset?.ok(),
    `the Panoptes API replay must answer at ${PANOPTES}: run bash stack/escape-stack up zooniverse`
  ).toBe(true);
});

async function zooSection(page: IJupyterLabPageFixture): Promise<Locator> {
  // room for the section: fold the others
  return openSection(page, TITLE, '.jp-escape-ZooSection', 'others');
}

/** Two small FITS images in the server's folder, added to the basket as workspace files. */
async function fitsInBasket(
  page: IJupyterLabPageFixture,
  folder: string
): Promise<string[]> {
  const local = fs.mkdtempSync(path.join(os.tmpdir(), 'escape-zoo-ui-'));
  const python = path.resolve(__dirname, '..', '..', '.venv', 'bin', 'python');
  execFileSync(
    python,
    [
      '-c',
      'import sys; from jupyter_escape.sky.samples import sample_image\n' +
        'for i in range(2): sample_image(f"{sys.argv[1]}/lockman_cut_{i}.fits", 161.0 + 0.1 * i, 58.0, npix=48, n_sources=4, seed=i)',
      local
    ],
    { env: { ...process.env, PYTHONPATH: path.resolve(__dirname, '..', '..') } }
  );
  const titles: string[] = [];
  for (let i = 0; i < 2; i++) {
    const name = `lockman_cut_${i}.fits`;
    await page.contents.uploadFile(path.join(local, name), `${folder}/${name}`);
    const ok = await page.evaluate(
      async ([p, title]) => {
        const xsrf = document.cookie.match(/_xsrf=([^;]+)/)?.[1] ?? '';
        const r = await fetch('/escape/api/basket/items', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-XSRFToken': xsrf },
          body: JSON.stringify({
            kind: 'workspace_file',
            payload: { path: p },
            title
          })
        });
        return r.ok;
      },
      [`${folder}/${name}`, name]
    );
    expect(ok).toBe(true);
    titles.push(name);
  }
  return titles;
}

test('projects, export into the basket, a cut upload resumed', async ({
  page,
  tmpPath,
  request
}, testInfo) => {
  const titles = await fitsInBasket(page, tmpPath);
  const section = await zooSection(page);
  await expect(section.getByText('as escape-scientist')).toBeVisible();
  await expect(section.getByText('replay', { exact: true })).toBeVisible();

  const project = section.getByLabel('Project', { exact: true });
  await project.selectOption({
    label: 'ESCAPE Radio Galaxy Zoo: LOFAR (owner)'
  });
  await expect(section.getByText('Radio morphology')).toBeVisible();
  await expect(
    section.getByRole('listitem').filter({ hasText: 'Lockman Hole cutouts' })
  ).toBeVisible();
  await expect(section.getByText('State: ready')).toBeVisible();
  await screenshot(
    page,
    testInfo.outputPath.bind(testInfo),
    'zooniverse-project'
  );

  await section.getByRole('button', { name: 'To basket: per subject' }).click();
  await expect(section.getByText('15 rows (2 without position)')).toBeVisible();
  await screenshot(
    page,
    testInfo.outputPath.bind(testInfo),
    'zooniverse-export'
  );

  // the first image PUT is cut half-way
  const armed = await request.post(`${PANOPTES}/_replay/faults`, {
    data: { mode: 'cut', path: '/_uploads', count: 1 }
  });
  expect(armed.ok()).toBe(true);
  for (const title of titles) {
    await section.getByLabel(title).check();
  }
  await section.getByRole('button', { name: 'Upload 2 item(s)' }).click();
  // a job signs in, renders and uploads in the server's worker: patient on a loaded machine
  await expect(section.getByText(/: interrupted/)).toBeVisible({
    timeout: 60000
  });
  await expect(section.getByText('2 item(s) remain')).toBeVisible();
  await expect(section.getByText(/image upload cut/).first()).toBeVisible();
  await screenshot(
    page,
    testInfo.outputPath.bind(testInfo),
    'zooniverse-upload-cut'
  );

  await section.getByRole('button', { name: 'Resume' }).click();
  await expect(section.getByText(/: done/)).toBeVisible({ timeout: 60000 });
  await expect(section.getByText('2 of 2')).toBeVisible();
  await screenshot(
    page,
    testInfo.outputPath.bind(testInfo),
    'zooniverse-upload-resumed'
  );
  const state = await (await request.get(`${PANOPTES}/_replay/state`)).json();
  const linked = state.subjects.filter(
    (s: { set: string; id: string }) =>
      s.set === '80001' && Number(s.id) > 7800000
  );
  expect(linked.length).toBe(2);
});

test('keyboard reach and the dark theme', async ({ page }, testInfo) => {
  const section = await zooSection(page);
  const project = section.getByLabel('Project', { exact: true });
  await expect(project.locator('option')).toHaveCount(3); // projects loaded
  await project.focus();
  await page.keyboard.press('ArrowDown');
  await expect(section.getByText('Radio morphology')).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(
    section.getByRole('button', { name: 'Reload projects' })
  ).toBeFocused();
  await page.theme.setDarkTheme();
  await screenshot(page, testInfo.outputPath.bind(testInfo), 'zooniverse-dark');
  await page.theme.setLightTheme();
});

/**
 * Activity: every long-running job of every pillar in one view, with real jobs: an async TAP job on the local
 * DaCHS created without RUN (so it stays PENDING) and cancelled from Activity, another one run to COMPLETED, and
 * a staging on the local Rucio, re-attached from a notebook cell through jupyter_escape.activity.
 */
import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import { screenshot, TAP_URL } from './helpers';

const RUCIO = `http://127.0.0.1:${process.env.ESCAPE_RUCIO_PORT || 8091}`;

test.use({ autoGoto: true });

/** A route of the server extension, as the panels call it. */
async function api(
  page: IJupyterLabPageFixture,
  route: string,
  body?: Record<string, unknown>
): Promise<Record<string, string>> {
  return page.evaluate(
    async ([route, body]) => {
      const r = await fetch(`/escape/api/${route}`, {
        method: body ? 'POST' : 'GET',
        headers: { 'Content-Type': 'application/json' },
        body: body ? JSON.stringify(body) : undefined
      });
      if (!r.ok) {
        throw new Error(`${route}: HTTP ${r.status} ${await r.text()}`);
      }
      return r.json();
    },
    [route, body] as const
  );
}

test.beforeEach(async ({ request }) => {
  // Not a skip: this test exists to run against the local DaCHS and Rucio.
  for (const url of [`${TAP_URL}/capabilities`, `${RUCIO}/ping`]) {
    let up = false;
    try {
      up = (await request.get(url, { timeout: 10000 })).ok();
    } catch {
      up = false;
    }
    expect(up, `${url} must answer: run bash stack/escape-stack up`).toBe(true);
  }
});

test('TAP jobs and a staging in one list: cancel one, re-attach to another from a notebook', async ({
  page
}, testInfo) => {
  test.setTimeout(240 * 1000);
  const pending = await api(page, 'vo/tap/jobs', {
    url: TAP_URL,
    query: 'SELECT TOP 3 source_id FROM esc_demo.main',
    run: false,
    label: 'activity: left pending'
  });
  const completed = await api(page, 'vo/tap/jobs', {
    url: TAP_URL,
    query: 'SELECT TOP 5 source_id FROM esc_demo.main',
    label: 'activity: runs to the end'
  });
  const staging = await api(page, 'datalake/stage', {
    instance: 'local',
    did: 'escape_demo:catalogues_m51',
    mode: 'download'
  });

  await page.evaluate(async () => {
    await window.jupyterapp.commands.execute('escape:open-activity');
  });
  const view = page.locator('.jp-escape-ActivityView');
  const row = (id: string) => view.locator(`li[data-job-id="${id}"]`);
  await expect(row(pending.id)).toHaveAttribute('data-state', 'PENDING');
  await expect(row(pending.id)).toContainText('activity: left pending');
  await expect(row(completed.id)).toHaveAttribute('data-state', 'COMPLETED', {
    timeout: 60000
  });
  await expect(row(staging.id)).toHaveAttribute('data-state', 'done', {
    timeout: 60000
  });
  await expect(row(staging.id)).toContainText('Staging');
  await expect(row(staging.id)).toContainText('escape_demo:catalogues_m51');
  await expect(row(staging.id)).toContainText('2 of 2 files');
  await screenshot(page, testInfo.outputPath.bind(testInfo), '01-activity');

  // Cancel the pending TAP job from Activity: the service aborts it, and the server's job list says so.
  await row(pending.id)
    .getByRole('button', { name: 'Cancel', exact: true })
    .click();
  await expect(row(pending.id)).toHaveAttribute('data-state', 'ABORTED', {
    timeout: 30000
  });
  await expect(
    row(pending.id).getByRole('button', { name: 'Cancel', exact: true })
  ).toHaveCount(0);
  expect((await api(page, `vo/tap/jobs/${pending.id}`)).phase).toBe('ABORTED');

  // The kind filter, from the keyboard.
  const kind = view.getByLabel('Kind');
  await kind.focus();
  await kind.selectOption({ label: 'Staging' });
  await expect(row(pending.id)).toHaveCount(0);
  await expect(row(staging.id)).toBeVisible();
  await kind.selectOption({ label: 'all' });
  await expect(row(pending.id)).toBeVisible();
  await screenshot(page, testInfo.outputPath.bind(testInfo), '02-cancelled');

  // Re-attach: the snippet goes into a new notebook; run, it waits on the staging by its id and reads "done".
  await row(staging.id)
    .getByRole('button', { name: 'Re-attach in a notebook' })
    .click();
  const cell = page.locator('.jp-NotebookPanel:visible .jp-Cell').first();
  await expect(cell).toContainText(
    `activity.attach("datalake-stage", "${staging.id}")`
  );
  await page.notebook.runCell(0, true);
  await expect(cell.locator('.jp-OutputArea-output')).toContainText(
    "('done', None)",
    { timeout: 60000 }
  );
  await screenshot(page, testInfo.outputPath.bind(testInfo), '03-reattached');

  await page.theme.setDarkTheme();
  await page.evaluate(async () => {
    await window.jupyterapp.commands.execute('escape:open-activity');
  });
  await expect(row(staging.id)).toBeVisible();
  await screenshot(page, testInfo.outputPath.bind(testInfo), '04-dark');
});

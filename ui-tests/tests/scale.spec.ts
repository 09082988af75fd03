/**
 * The cross-match view on a Dask cluster (issue 14; docs/scale.md): start a real LocalCluster of one worker from
 * the cluster controls, run a cross-match on it as a job (progress, then the result in the grid), cancel a larger
 * one while it runs, stop the cluster. Inputs are workspace tables made with DuckDB: every left row has one
 * counterpart 0.5" away, rows are 36" apart, so a 1" best match finds exactly one pair per row.
 */
import { expect, test } from '@jupyterlab/galata';
import { Page } from '@playwright/test';
import { screenshot } from './helpers';

const RUN = Date.now().toString(36);
const SMALL = 2000;
const LARGE = 400_000;

async function sql(page: Page, statement: string): Promise<void> {
  const response = await page.request.post('/escape/api/basket/sql', {
    data: JSON.stringify({ sql: statement, write: true }),
    headers: { 'Content-Type': 'application/json' }
  });
  expect(response.ok(), await response.text()).toBe(true);
}

/** Two workspace tables of `rows` rows on a 0.01 deg grid, the right one 0.5" north of the left. */
async function pairOfTables(page: Page, name: string, rows: number) {
  const grid = `SELECT i AS id, 10 + (i % 1000) * 0.01 AS ra, -5 + (i // 1000) * 0.01 AS dec FROM range(${rows}) t(i)`;
  await sql(page, `CREATE OR REPLACE TABLE ${name}_l AS ${grid}`);
  await sql(
    page,
    `CREATE OR REPLACE TABLE ${name}_r AS SELECT id + 1000000000 AS id, ra, dec + 0.5 / 3600 AS dec FROM (${grid})`
  );
}

test.describe('Cross-match on a Dask cluster', () => {
  test.afterAll(async ({ request }) => {
    // never leave a cluster running in the test server
    await request.delete('/escape/api/scale/cluster');
  });

  test('start a local cluster, run with progress, cancel, stop', async ({
    page
  }, testInfo) => {
    test.setTimeout(300_000);
    const out = (name: string) => testInfo.outputPath(name);
    await pairOfTables(page, `small_${RUN}`, SMALL);
    await pairOfTables(page, `large_${RUN}`, LARGE);
    await page.evaluate(
      async () =>
        await window.jupyterapp.commands.execute('escape:basket-crossmatch')
    );
    const xm = page.locator('.jp-escape-XMatch');
    await expect(xm.getByLabel('Left table')).toBeVisible();
    // the table lists fill in once the workspace tables are read
    await expect(
      xm.getByLabel('Left table').locator(`option[value="small_${RUN}_l"]`)
    ).toHaveCount(1);
    await xm.getByLabel('Left table').selectOption(`small_${RUN}_l`);
    await xm.getByLabel('Right table').selectOption(`small_${RUN}_r`);
    await xm.getByLabel('Output table (workspace database)').fill(`sx_${RUN}`);

    // the cluster controls appear for the LSDB engine
    await xm.getByLabel('Engine').selectOption('dask');
    const controls = xm.locator('.jp-escape-Cluster');
    await expect(controls.getByRole('status')).toContainText('No cluster yet');
    await controls.getByLabel('Where').selectOption('local');
    await controls.getByLabel('Workers').fill('1');
    await controls.getByRole('button', { name: 'Start cluster' }).click();
    await expect(controls.getByRole('status')).toContainText(
      /local \(1 workers x [\d.]+ GiB\)/,
      { timeout: 120_000 }
    );
    await expect(
      controls.getByRole('link', { name: 'Dashboard' })
    ).toHaveAttribute('href', /^http:\/\/127\.0\.0\.1:\d+\/status$/);
    await screenshot(page, out, 'scale-cluster-started');

    // a small cross-match on it: the job finishes and the result shows
    await xm.getByRole('button', { name: 'Cross-match', exact: true }).click();
    await expect(xm.locator('.jp-escape-XMatch-summary')).toContainText(
      `${SMALL.toLocaleString()} matches (left ${SMALL.toLocaleString()} rows`,
      { timeout: 180_000 }
    );
    await expect(xm.locator('.jp-escape-XMatch-summary')).toContainText(
      'engine=dask requested'
    );
    await expect(xm.locator('.jp-escape-Grid-summary')).toContainText(
      `${SMALL.toLocaleString()} rows`
    );
    await screenshot(page, out, 'scale-xmatch-done');

    // a larger one: progress while it runs, then cancel
    await xm.getByLabel('Left table').selectOption(`large_${RUN}_l`);
    await xm.getByLabel('Right table').selectOption(`large_${RUN}_r`);
    await xm.getByLabel('Output table (workspace database)').fill(`lx_${RUN}`);
    await xm.getByRole('button', { name: 'Cross-match', exact: true }).click();
    const progress = xm.locator('.jp-escape-XMatch-progress');
    await expect(
      progress.getByRole('button', { name: 'Cancel' })
    ).toBeVisible();
    await expect(progress).toContainText(/Preparing the inputs|partitions on/);
    // the cluster cannot be stopped under a running job
    await expect(
      controls.getByRole('button', { name: 'Stop cluster' })
    ).toBeDisabled();
    await screenshot(page, out, 'scale-xmatch-running');
    await progress.getByRole('button', { name: 'Cancel' }).click();
    await expect(progress).toContainText(/Cross-match \d+ cancelled after/, {
      timeout: 60_000
    });
    await screenshot(page, out, 'scale-xmatch-cancelled');

    // a function from a pasted cell over the small table, on the cluster: the 1,000 rows of its upper grid row
    // come back as a workspace table
    await controls.getByText('Run a function on the cluster').click();
    await controls
      .getByLabel('Input (split into partitions)')
      .selectOption(`small_${RUN}_l`);
    await controls
      .getByLabel('Cell')
      .fill("def north(part):\n    return part[part['dec'] > -4.995]\n");
    await controls
      .getByLabel('Result table (workspace database)')
      .fill(`fn_${RUN}`);
    await controls.getByRole('button', { name: 'Run on the cluster' }).click();
    await expect(
      controls.locator('.jp-escape-Cluster-runProgress')
    ).toContainText(
      new RegExp(
        `north returned 1000 rows over \\d+ partitions on .+: saved as workspace table fn_${RUN}`
      ),
      { timeout: 180_000 }
    );
    await screenshot(page, out, 'scale-function-done');
    // a worker's error comes back as raised, with the cluster named
    await controls
      .getByLabel('Cell')
      .fill("def north(part):\n    raise ValueError('no magnitudes here')\n");
    await controls.getByRole('button', { name: 'Run on the cluster' }).click();
    await expect(
      controls.locator('.jp-escape-Cluster-runProgress')
    ).toContainText('ValueError: no magnitudes here', { timeout: 180_000 });
    await screenshot(page, out, 'scale-function-error');

    // the small table written as HATS: stages, then the catalogue in the basket
    await controls.getByText('Write a table as HATS').click();
    await controls.getByLabel('Table to write').selectOption(`small_${RUN}_l`);
    await controls
      .getByLabel('Catalogue name (workspace hats/)')
      .fill(`h_${RUN}`);
    await controls.getByRole('button', { name: 'Write HATS' }).click();
    await expect(
      controls.locator('.jp-escape-Cluster-hatsProgress')
    ).toContainText(
      new RegExp(`Wrote ${SMALL} rows in \\d+ partitions to .*hats/h_${RUN}`),
      { timeout: 180_000 }
    );
    await screenshot(page, out, 'scale-hats-done');

    // stop the cluster
    await controls.getByRole('button', { name: 'Stop cluster' }).click();
    await expect(controls.locator('.jp-escape-Cluster-status')).toContainText(
      'No cluster yet',
      {
        timeout: 60_000
      }
    );
    const status = await (
      await page.request.get('/escape/api/scale/cluster')
    ).json();
    expect(status.cluster).toBeNull();
    for (const name of [
      `small_${RUN}_l`,
      `small_${RUN}_r`,
      `large_${RUN}_l`,
      `large_${RUN}_r`,
      `sx_${RUN}`,
      `fn_${RUN}`
    ]) {
      await page.request.delete(`/escape/api/basket/tables/${name}`);
    }
  });
});

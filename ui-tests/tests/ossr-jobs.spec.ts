/**
 * OSSR publishing and installs as jobs the server runs, against the local Zenodo API REPLAY (stack/zenodo; not
 * Zenodo): a publish in progress in its view and in Activity (light and dark), cancelled from Activity and
 * re-attached from a notebook; an install listed in Activity; the form's maintainer and date-published fields
 * fixing a folder without authors, with eossr's rules beside them.
 */
import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import { screenshot } from './helpers';
import {
  draftHeldAtLicense,
  folderWith,
  openPublish,
  publishFilesOf,
  runCommand,
  useZenodoReplay
} from './ossrReplay';

test.use({ autoGoto: true });
useZenodoReplay();

const PYPROJECT = `[project]
name = "jobs-sample"
version = "0.2.0"
description = "A sample package published by the OSSR job UI test"
authors = [{name = "Ada Lovelace"}]
license = {text = "MIT"}

[project.urls]
Repository = "https://gitlab.example.org/escape/jobs-sample"
`;

const openActivity = (page: IJupyterLabPageFixture) =>
  runCommand(page, 'escape:open-activity');

test('a publish in progress: its view and Activity (light, dark), cancelled from Activity, re-attached', async ({
  page,
  request,
  tmpPath
}, testInfo) => {
  test.setTimeout(180 * 1000);
  const folder = `${tmpPath}/jobs-sample`;
  await folderWith(page, folder, {
    'pyproject.toml': PYPROJECT,
    LICENSE: 'MIT License\n\nPermission is hereby granted, free of charge.\n',
    'README.md': '# jobs-sample\n\nA sample.\n',
    'analysis.py': 'print("hello")\n'
  });
  const view = await publishFilesOf(page, folder, ['README.md']);
  // LICENSE (after codemeta.json) is held 25 s by the replay: the job is seen going in both views meanwhile
  await draftHeldAtLicense(request, view, 25);
  await screenshot(
    page,
    testInfo.outputPath.bind(testInfo),
    'ossr-publish-in-progress'
  );

  await openActivity(page);
  const activity = page.locator('.jp-escape-ActivityView');
  const row = activity.locator('li[data-job-id]', { hasText: 'jobs-sample' });
  await expect(row).toHaveAttribute('data-state', 'uploading');
  await expect(row).toContainText('OSSR publishing');
  await expect(row).toContainText('Uploading LICENSE (1 of 3)…');
  await expect(
    row.getByRole('button', { name: 'Re-attach in a notebook' })
  ).toBeVisible();
  const jobId = await row.getAttribute('data-job-id');
  expect(jobId).toMatch(/^[0-9a-f]{16}$/);
  await screenshot(
    page,
    testInfo.outputPath.bind(testInfo),
    'activity-ossr-publishing'
  );

  await page.theme.setDarkTheme();
  await openActivity(page);
  await expect(row).toHaveAttribute('data-state', 'uploading');
  await screenshot(
    page,
    testInfo.outputPath.bind(testInfo),
    'activity-ossr-publishing-dark'
  );
  // the publish view opened again for the folder follows the same job
  await openPublish(page, folder);
  await expect(
    page.locator('.jp-escape-OSSRPublish:visible .jp-escape-OSSR-progress')
  ).toContainText('Uploading LICENSE (1 of 3)…');
  await screenshot(
    page,
    testInfo.outputPath.bind(testInfo),
    'ossr-publish-in-progress-dark'
  );
  await page.theme.setLightTheme();

  // Cancel from Activity: LICENSE finishes going up, the next files are never sent, the draft stays
  await openActivity(page);
  await row.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(row).toHaveAttribute('data-state', 'cancelled', {
    timeout: 60000
  });
  await expect(row).toContainText('Cancelled: 2 of 4 files uploaded');
  await row.getByRole('button', { name: 'Re-attach in a notebook' }).click();
  const cell = page.locator('.jp-NotebookPanel:visible .jp-Cell').first();
  await expect(cell).toContainText(
    `activity.attach("ossr-publish", "${jobId}")`
  );
  await page.notebook.runCell(0, true);
  await expect(cell.locator('.jp-OutputArea-output')).toContainText(
    "('cancelled'",
    { timeout: 60000 }
  );
  await expect(cell.locator('.jp-OutputArea-output')).toContainText(
    'Upload cancelled before analysis.py'
  );
});

test('an install is listed in Activity with its command and re-attach', async ({
  page
}) => {
  test.setTimeout(180 * 1000);
  const job = await page.evaluate(async () => {
    const call = async (route: string, body: unknown) => {
      const r = await fetch(`/escape/api/${route}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body)
      });
      if (!r.ok) {
        throw new Error(`${route}: HTTP ${r.status} ${await r.text()}`);
      }
      return r.json();
    };
    const kernels = await (await fetch('/escape/api/ossr/kernels')).json();
    const target = `/tmp/escape-ui-install-${Date.now()}`;
    const plan = await call('ossr/records/7003/install-plan', {
      python: kernels.kernels[0].python,
      pip_args: ['--no-build-isolation', '--no-deps', '--target', target]
    });
    return call('ossr/install', { plan_id: plan.plan_id });
  });
  await openActivity(page);
  const row = page.locator(
    `.jp-escape-ActivityView li[data-job-id="${job.job_id}"]`
  );
  await expect(row).toContainText('OSSR install');
  await expect(row).toContainText('gammaflow-v1.1.0.zip');
  await expect(row).toHaveAttribute('data-state', 'succeeded', {
    timeout: 120000
  });
  await expect(
    row.getByRole('button', { name: 'Re-attach in a notebook' })
  ).toBeVisible();
});

test("the maintainer and date published fields, with eossr's rules beside them", async ({
  page,
  tmpPath
}, testInfo) => {
  const folder = `${tmpPath}/no-authors`;
  // no pyproject.toml: the proposal has no author, so no maintainer
  await folderWith(page, folder, {
    'README.md': '# no-authors\n\nA folder without package metadata.\n'
  });
  const view = await openPublish(page, folder);
  const maintainer = view.getByLabel('Maintainer (one of the authors)');
  const maintainerField = view.locator('.jp-escape-OSSR-field', {
    has: page.getByLabel('Maintainer (one of the authors)')
  });
  await expect(maintainerField).toContainText(
    'required term maintainer is missing (eossr'
  );
  await expect(maintainer).toHaveAttribute('aria-invalid', 'true');
  const date = view.getByLabel('Date published', { exact: true });
  // generated as today's date
  await expect(date).toHaveValue(/^\d{4}-\d{2}-\d{2}$/);
  const dateField = view.locator('.jp-escape-OSSR-field', {
    has: page.getByLabel('Date published', { exact: true })
  });
  await date.fill('');
  await expect(dateField).toContainText(
    'required term datePublished is missing (eossr'
  );
  await date.fill('2024-05-01');
  await expect(dateField).not.toContainText('datePublished is missing');

  // an author added in the form becomes the maintainer
  await view.getByRole('button', { name: /Add an author/ }).click();
  await view.getByLabel('Given name of author 1').fill('Grace');
  await view.getByLabel('Family name of author 1').fill('Hopper');
  await maintainer.selectOption({ label: 'Grace Hopper' });
  await expect(maintainerField).not.toContainText('maintainer is missing');
  await expect(maintainer).toHaveAttribute('aria-invalid', 'false');
  await screenshot(
    page,
    testInfo.outputPath.bind(testInfo),
    'ossr-publish-maintainer'
  );
  await view.getByRole('tab', { name: 'JSON' }).click();
  const json = JSON.parse(
    await view.locator('.jp-escape-OSSR-json').inputValue()
  );
  expect(json.maintainer).toEqual({
    '@type': 'Person',
    givenName: 'Grace',
    familyName: 'Hopper'
  });
  expect(json.datePublished).toBe('2024-05-01');
  // saved into the folder as it is in the form
  await view
    .getByRole('button', { name: 'Save codemeta.json to the folder' })
    .click();
  await expect(view.getByText(`Saved ${folder}/codemeta.json`)).toBeVisible();
  const saved = await page.evaluate(async path => {
    const r = await fetch(`/api/contents/${path}?content=1`);
    return (await r.json()).content as string;
  }, `${folder}/codemeta.json`);
  expect(JSON.parse(saved).maintainer.familyName).toBe('Hopper');
});

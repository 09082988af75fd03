/**
 * The software repository (OSSR) against the local Zenodo API REPLAY (stack/zenodo; not Zenodo):
 * search -> record (versions, compliance report) -> cite (BibTeX, CITATION.cff into a notebook) -> code ->
 * download; publish a sample folder to a draft, then published; a failed upload resumed; a 429 shown with its
 * wait; the dark theme.
 */
import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import { Locator } from '@playwright/test';
import { basketItems, openSection, screenshot } from './helpers';
import {
  clearReplayFaults,
  draftHeldAtLicense,
  folderWith,
  publishFilesOf,
  replayFault,
  useZenodoReplay
} from './ossrReplay';

test.use({ autoGoto: true });
useZenodoReplay();

/** The OSSR section of the ESCAPE sidebar, expanded. */
async function ossrSection(page: IJupyterLabPageFixture): Promise<Locator> {
  // room for the results: collapse the other sections
  return openSection(page, 'Software (OSSR)', '.jp-escape-OSSRSection', [
    'Services',
    'Research basket',
    'Virtual Observatory',
    'Data lake',
    'Sky'
  ]);
}

async function search(section: Locator, text: string): Promise<void> {
  await section.getByLabel('Search text').fill(text);
  await section.getByRole('button', { name: 'Search', exact: true }).click();
}

test('search with filters and paging, open a record, cite it', async ({
  page
}, testInfo) => {
  const section = await ossrSection(page);
  // the first search runs on its own: most recent records of the community
  await expect(section.locator('.jp-escape-OSSR-hit').first()).toBeVisible();
  await expect(section.locator('.jp-escape-OSSR-summary')).toContainText(
    'records'
  );

  // keyboard: type in the search field and press Enter (a focused result opens with Enter, below)
  await section.getByLabel('Search text').focus();
  await page.keyboard.type('gamma');
  await page.keyboard.press('Enter');
  const hit = section.locator('.jp-escape-OSSR-hit', {
    hasText: 'gammaflow'
  });
  await expect(hit).toBeVisible();
  await expect(hit).toContainText('v1.1.0');
  await expect(hit).toContainText('bsd-3-clause');
  await expect(hit.locator('.jp-escape-OSSR-badge')).toContainText(
    'OSSR compliant'
  );

  // filters: datasets only
  await search(section, '');
  await section.getByText('Filters and sort').click();
  await section.getByLabel('Type').selectOption('dataset');
  await expect(section.locator('.jp-escape-OSSR-summary')).toContainText(
    /^2 records/
  );
  await expect(section.locator('.jp-escape-OSSR-hit')).toHaveCount(2);
  await expect(section.getByText('Filters and sort (1 on)')).toBeVisible();
  await section.getByLabel('Type').selectOption('');
  await section.getByLabel('Facility').selectOption('KM3NeT');
  const settled = section.locator(
    '.jp-escape-OSSR-hits[aria-busy="false"] .jp-escape-OSSR-hit'
  );
  await expect(settled.filter({ hasText: 'km3display' })).toBeVisible();
  await expect(settled.filter({ hasText: 'LoTSS' })).toHaveCount(0);
  await expect(settled).toHaveCount(2);
  await expect(
    section.locator('.jp-escape-OSSR-badge').first()
  ).not.toContainText('codemeta…');
  await screenshot(page, testInfo.outputPath.bind(testInfo), 'ossr-search');
  await section.getByLabel('Facility').selectOption('');
  // paging: every version, 10 per page
  await section.getByLabel('all versions').check();
  await expect(section.locator('.jp-escape-OSSR-summary')).toContainText(
    /page 1 of [2-9]/
  );
  await section.getByRole('button', { name: 'Next' }).click();
  await expect(section.locator('.jp-escape-OSSR-summary')).toContainText(
    /page 2 of [2-9]/
  );
  await section.getByLabel('all versions').uncheck();

  // open the record with the keyboard
  await search(section, 'gammaflow');
  // wait for this search's answer (not the list of the previous one, which may hold older versions)
  await expect(section.locator('.jp-escape-OSSR-summary')).toContainText(
    /^1 record\b/
  );
  const title = section.locator(
    '.jp-escape-OSSR-hits[aria-busy="false"] .jp-escape-OSSR-hitTitle',
    { hasText: 'gammaflow' }
  );
  await expect(title).toHaveCount(1);
  await title.focus();
  await page.keyboard.press('Enter');
  const record = page.locator('.jp-escape-OSSRRecord');
  await expect(record.locator('h1')).toContainText('gammaflow');
  await expect(
    record.getByRole('link', { name: /ORCID of/ }).first()
  ).toHaveAttribute('href', /^https:\/\/orcid\.org\//);
  await expect(record.getByText('Versions (3)')).toBeVisible();
  await expect(record.locator('.jp-escape-OSSR-report')).toContainText(
    'Meets the OSSR metadata rules'
  );
  await expect(
    record.getByRole('link', { name: 'Open in Binder' })
  ).toHaveAttribute('href', /mybinder\.org\/v2\/zenodo\//);
  // the description is rendered HTML, sanitised
  await expect(
    record.locator('.jp-escape-OSSR-description script')
  ).toHaveCount(0);

  // an older version, then back to the latest
  await record.getByRole('button', { name: 'v1.0.0' }).click();
  await expect(
    record.getByText('This is not the latest version.')
  ).toBeVisible();
  await record
    .getByRole('button', { name: 'Go to the latest version' })
    .click();
  await expect(record.locator('.jp-escape-OSSRRecord-version')).toHaveText(
    'v1.1.0'
  );

  // cite: BibTeX, then CITATION.cff into a notebook
  await record.getByRole('button', { name: 'Cite' }).click();
  const cite = record.locator('.jp-escape-OSSR-citation');
  await expect(cite).toContainText('@software');
  await expect(cite).toContainText('10.5281/zenodo.7003');
  await record.getByRole('tab', { name: 'CITATION.cff' }).click();
  await expect(cite).toContainText('cff-version');
  await screenshot(
    page,
    testInfo.outputPath.bind(testInfo),
    'ossr-record-cite'
  );
  await record.getByRole('button', { name: 'Insert into notebook' }).click();
  const cell = page.locator('.jp-Notebook .jp-Cell').first();
  await expect(cell).toContainText('%%writefile CITATION.cff', {
    timeout: 30000
  });
  await expect(cell).toContainText('cff-version');
});

test('non-compliant and unparsable codemeta are shown, not fatal', async ({
  page
}, testInfo) => {
  await page.evaluate(() =>
    window.jupyterapp.commands.execute('escape:ossr-open-record', { id: 7021 })
  );
  const record = page.locator('.jp-escape-OSSRRecord');
  await expect(record.locator('h1')).toContainText('vohelper');
  await expect(record.locator('.jp-escape-OSSR-report')).toContainText(
    'Does not meet the OSSR metadata rules'
  );
  await expect(
    record.locator('.jp-escape-OSSR-report tr[data-level="error"]').first()
  ).toBeVisible();
  await expect(record.locator('.jp-escape-OSSR-badge').first()).toContainText(
    'not compliant'
  );

  await page.evaluate(() =>
    window.jupyterapp.commands.execute('escape:ossr-open-record', { id: 7041 })
  );
  const km3 = page.locator('.jp-escape-OSSRRecord', { hasText: 'km3display' });
  await expect(km3.locator('h1')).toContainText('km3display');
  await expect(km3.locator('.jp-escape-OSSR-report')).toContainText(
    'json.parse'
  );

  // show me the code, and download with verification
  await km3.getByRole('button', { name: 'Show me the code' }).click();
  await expect(km3.getByRole('tab').first()).toBeVisible();
  await km3.getByRole('button', { name: 'Download', exact: true }).click();
  await km3.getByRole('button', { name: /Download \d+ files?/ }).click();
  await expect(km3.locator('.jp-escape-OSSR-doneList')).toContainText(
    'verified'
  );
  await expect(km3.locator('.jp-escape-OSSR-progress')).toContainText(
    'files downloaded and verified'
  );
  await screenshot(
    page,
    testInfo.outputPath.bind(testInfo),
    'ossr-noncompliant-download'
  );

  // into the research basket, as an ossr_record item the basket can hand to a notebook
  await km3.getByRole('button', { name: 'Add to basket' }).click();
  await expect(
    km3.getByRole('button', { name: 'In the basket ✓' })
  ).toBeVisible();
  expect(
    (await basketItems(page)).some(
      i => i.kind === 'ossr_record' && i.payload.record_id === 7041
    )
  ).toBe(true);
});

test('install: the exact command confirmed, then run with its output streamed', async ({
  page
}, testInfo) => {
  await page.evaluate(() =>
    window.jupyterapp.commands.execute('escape:ossr-open-record', { id: 7003 })
  );
  const record = page.locator('.jp-escape-OSSRRecord');
  await record.getByRole('button', { name: 'Install into a kernel' }).click();
  await expect(
    record.getByRole('combobox', { name: 'Kernel', exact: true })
  ).toBeVisible();
  // into a throw-away folder, offline, so the test leaves the kernel's environment as it was
  const target = `/tmp/escape-ui-ossr-install-${Date.now()}`;
  await record
    .getByRole('textbox', { name: /Extra pip options/ })
    .fill(`--no-build-isolation --no-deps --target ${target}`);

  // first refuse: nothing runs
  await record.getByRole('button', { name: 'Prepare the install…' }).click();
  const dialog = page.locator('.jp-Dialog');
  await expect(dialog).toContainText('SETUPTOOLS_SCM_PRETEND_VERSION=1.1.0', {
    timeout: 30000
  });
  await expect(dialog).toContainText(
    `-m pip install --no-build-isolation --no-deps --target ${target}`
  );
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(record.locator('.jp-escape-OSSR-job')).toHaveCount(0);

  // then accept: pip runs on the server, its output streamed into the panel
  await record.getByRole('button', { name: 'Prepare the install…' }).click();
  await expect(dialog).toContainText('-m pip install', { timeout: 30000 });
  await screenshot(
    page,
    testInfo.outputPath.bind(testInfo),
    'ossr-install-confirm'
  );
  await dialog.getByRole('button', { name: 'Install' }).click();
  const job = record.locator('.jp-escape-OSSR-job');
  // the pill in the jobs' one vocabulary, pip's own word in its tooltip
  await expect(job.locator('.jp-escape-OSSR-jobState')).toHaveText('done', {
    timeout: 60000
  });
  await expect(job.locator('.jp-escape-OSSR-jobState')).toHaveAttribute(
    'title',
    'pip says: succeeded'
  );
  await expect(job.locator('.jp-escape-OSSR-output')).toContainText(
    'Successfully installed gammaflow'
  );
  await screenshot(
    page,
    testInfo.outputPath.bind(testInfo),
    'ossr-install-done'
  );
});

test('a rate limit is shown with the service and the wait', async ({
  page,
  request
}, testInfo) => {
  const section = await ossrSection(page);
  await expect(section.locator('.jp-escape-OSSR-hit').first()).toBeVisible();
  // the compliance badges fetch each record: let them finish before the fault is armed
  await expect(section.getByText('codemeta…')).toHaveCount(0);
  // beyond the server's bounded wait (30 s): it answers 429 at once
  await replayFault(request, {
    mode: '429',
    count: 50,
    path: '/api/records',
    retry_after: 120
  });
  await search(section, 'radio');
  const error = section.locator('.jp-escape-OSSR-error');
  await expect(error).toContainText('OSSR (local Zenodo replay) says:');
  await expect(error).toContainText('HTTP 429');
  await expect(error).toContainText('retry in 120 s');
  await expect(section.locator('.jp-escape-OSSR-hit')).toHaveCount(0);
  await expect(
    error.getByRole('button', { name: /Retry in \d+ s/ })
  ).toBeDisabled();

  await screenshot(page, testInfo.outputPath.bind(testInfo), 'ossr-429');

  // a failing repository: its own words, the service named, and a retry that works once it is back
  await clearReplayFaults(request);
  await replayFault(request, { mode: '500', count: 50, path: '/api/records' });
  await search(section, 'pipeline');
  await expect(error).toContainText('HTTP 502');
  await expect(error).toContainText('500');
  await expect(error).toContainText(
    'The software repository failed or could not be reached.'
  );
  await clearReplayFaults(request);
  await error.getByRole('button', { name: 'Retry' }).click();
  await expect(
    section.locator('.jp-escape-OSSR-hit', { hasText: 'radiocal' })
  ).toBeVisible();
  await expect(section.locator('.jp-escape-OSSR-error')).toHaveCount(0);
});

const PYPROJECT = `[project]
name = "escape-sample"
version = "0.3.1"
description = "A sample analysis package for the jupyter-escape UI tests"
authors = [{name = "Ada Lovelace", email = "ada@example.org"}]
license = {text = "MIT"}
keywords = ["CTA", "Python"]
dependencies = ["numpy>=1.24"]

[project.urls]
Repository = "https://gitlab.example.org/escape/escape-sample"
`;

const MIT = `MIT License

Copyright (c) 2024 Ada Lovelace

Permission is hereby granted, free of charge, to any person obtaining a copy of this software and associated
documentation files (the "Software"), to deal in the Software without restriction.
`;

async function sampleFolder(
  page: IJupyterLabPageFixture,
  folder: string
): Promise<void> {
  await folderWith(page, folder, {
    'pyproject.toml': PYPROJECT,
    LICENSE: MIT,
    'README.md': '# escape-sample\n\nA sample package.\n',
    'analysis.py': 'print("hello")\n'
  });
}

/** The sample folder's publish view, set to upload its files but README.md, to the sandbox. */
async function publishSample(
  page: IJupyterLabPageFixture,
  folder: string
): Promise<Locator> {
  await sampleFolder(page, folder);
  return publishFilesOf(page, folder, ['README.md'], { sandbox: true });
}

/** The outcome once the (resumed) upload ended as a draft, naming each file once. */
async function draftSavedWithEveryFile(view: Locator): Promise<Locator> {
  const result = view.locator('.jp-escape-OSSR-result');
  await expect(result).toContainText('Draft saved: deposition', {
    timeout: 30000
  });
  for (const name of [
    'LICENSE',
    'analysis.py',
    'pyproject.toml',
    'codemeta.json'
  ]) {
    await expect(result.locator('code', { hasText: name })).toHaveCount(1);
  }
  return result;
}

test.describe('publish a sample folder', () => {
  test('draft, then published, from the file browser', async ({
    page,
    tmpPath
  }, testInfo) => {
    const folder = `${tmpPath}/escape-sample`;
    await sampleFolder(page, folder);
    await page.filebrowser.openDirectory(tmpPath);
    await page
      .locator('.jp-DirListing-item[data-isdir="true"]', {
        hasText: 'escape-sample'
      })
      .click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Publish to the OSSR…' }).click();

    const view = page.locator('.jp-escape-OSSRPublish');
    await expect(view.getByText(/Generated from the files of/)).toBeVisible();
    await expect(
      view.getByRole('textbox', { name: 'Name', exact: true })
    ).toHaveValue('escape-sample');
    await expect(
      view.getByRole('textbox', { name: 'Version (semver, e.g. 1.2.0)' })
    ).toHaveValue('0.3.1');
    const badge = view.locator('.jp-escape-OSSR-badge').first();
    await expect(badge).toContainText('OSSR compliant');

    // validated as you type: a required term removed makes it non-compliant, and back
    await view
      .getByRole('textbox', { name: 'Description', exact: true })
      .fill('');
    await expect(badge).toContainText('not compliant');
    await expect(
      view.getByRole('button', { name: 'Save as draft' })
    ).toBeDisabled();
    await view
      .getByRole('textbox', { name: 'Description', exact: true })
      .fill('A sample analysis package');
    await expect(badge).toContainText('OSSR compliant');
    // the JSON editor: invalid JSON is reported where it is typed
    await view.getByRole('tab', { name: 'JSON' }).click();
    const json = view.locator('.jp-escape-OSSR-json');
    await json.press('End');
    await json.pressSequentially('x');
    await expect(view.getByText(/Not valid JSON/)).toBeVisible();
    await json.press('Backspace');
    await expect(view.getByText(/Not valid JSON/)).toHaveCount(0);
    await view.getByRole('tab', { name: 'Form' }).click();
    await screenshot(
      page,
      testInfo.outputPath.bind(testInfo),
      'ossr-publish-form'
    );

    await view.getByRole('button', { name: 'Save as draft' }).click();
    const result = view.locator('.jp-escape-OSSR-result');
    await expect(result).toContainText('Draft saved: deposition', {
      timeout: 30000
    });
    await expect(result).toContainText('Reserved DOI:');
    await expect(result).toContainText('codemeta.json');
    await expect(result).toContainText('escape-sample-0.3.1.zip');

    await result.getByRole('button', { name: 'Publish this draft' }).click();
    await page
      .locator('.jp-Dialog')
      .getByRole('button', { name: 'Publish' })
      .click();
    await expect(result).toContainText('Published: deposition', {
      timeout: 30000
    });
    await expect(result).toContainText('DOI:');
    await screenshot(
      page,
      testInfo.outputPath.bind(testInfo),
      'ossr-published'
    );
  });

  test('a failed upload says what remains and resumes', async ({
    page,
    request,
    tmpPath
  }, testInfo) => {
    // upload chosen files one by one; the second upload is cut mid-way
    const view = await publishSample(page, `${tmpPath}/resume-sample`);
    await replayFault(request, {
      mode: 'drop',
      count: 1,
      skip: 2,
      path: '/api/files'
    });
    await view.getByRole('button', { name: 'Save as draft' }).click();
    const failure = view.locator('.jp-escape-OSSR-failure');
    await expect(failure).toContainText('stays a draft', { timeout: 30000 });
    // analysis.py was cut mid-way; pyproject.toml was never tried
    await expect(failure).toContainText(
      'Remaining: analysis.py, pyproject.toml.'
    );
    await expect(failure).toContainText('OSSR (local Zenodo replay) says:');
    await screenshot(
      page,
      testInfo.outputPath.bind(testInfo),
      'ossr-upload-failed'
    );

    await failure
      .getByRole('button', { name: 'Resume the upload (keep a draft)' })
      .click();
    const result = await draftSavedWithEveryFile(view);
    await expect(result).toContainText('(sandbox)');
    await expect(result).toContainText('already uploaded');
  });

  test('an upload cancelled between files keeps a draft and resumes', async ({
    page,
    request,
    tmpPath
  }, testInfo) => {
    const view = await publishSample(page, `${tmpPath}/cancel-sample`);
    // LICENSE's upload (after codemeta.json's) answers after 4 s: time to press Cancel while it goes up
    const progress = await draftHeldAtLicense(request, view, 4);
    await screenshot(
      page,
      testInfo.outputPath.bind(testInfo),
      'ossr-upload-progress'
    );
    await progress.getByRole('button', { name: 'Cancel' }).click();
    const failure = view.locator('.jp-escape-OSSR-failure');
    // the file going up finished; the next two were never sent
    await expect(failure).toContainText('Upload cancelled before analysis.py', {
      timeout: 30000
    });
    await expect(failure).toContainText('Uploaded: codemeta.json, LICENSE.');
    await expect(failure).toContainText(
      'Remaining: analysis.py, pyproject.toml.'
    );
    await failure
      .getByRole('button', { name: 'Resume the upload (keep a draft)' })
      .click();
    await draftSavedWithEveryFile(view);
  });
});

test('dark theme', async ({ page }, testInfo) => {
  await page.theme.setDarkTheme();
  const section = await ossrSection(page);
  await expect(section.locator('.jp-escape-OSSR-hit').first()).toBeVisible();
  await page.evaluate(() =>
    window.jupyterapp.commands.execute('escape:ossr-open-record', { id: 7021 })
  );
  const record = page.locator('.jp-escape-OSSRRecord');
  await expect(record.locator('.jp-escape-OSSR-report')).toBeVisible();
  await record.getByRole('button', { name: 'Cite' }).click();
  await expect(record.locator('.jp-escape-OSSR-citation')).toContainText('@');
  await screenshot(page, testInfo.outputPath.bind(testInfo), 'ossr-dark');
  await page.theme.setLightTheme();
});

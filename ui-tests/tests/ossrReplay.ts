/**
 * What the OSSR specs (ossr.spec.ts, ossr-jobs.spec.ts) share: the tests' own Zenodo API REPLAY
 * (stack/zenodo/zenodo_replay.py on ESCAPE_ZENODO_PORT, started by playwright.config.js; not Zenodo) with its
 * fault switches, a folder written through the contents API, and the publish view opened on it.
 */
import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import { APIRequestContext, Locator } from '@playwright/test';

export const ZENODO = `http://127.0.0.1:${process.env.ESCAPE_ZENODO_PORT || 8092}`;

/** Make the replay misbehave (mode "slow", "drop", "429", "500"...) for the requests matching ``path``. */
export async function replayFault(
  request: APIRequestContext,
  fault: Record<string, unknown>
): Promise<void> {
  const r = await request.post(`${ZENODO}/_replay/faults`, { data: fault });
  expect(r.ok()).toBe(true);
}

/** Every fault off: the replay answers normally again. */
export async function clearReplayFaults(
  request: APIRequestContext
): Promise<void> {
  await request.delete(`${ZENODO}/_replay/faults`);
}

/**
 * Before each test of the calling spec: no fault left, and the replay answering (a failed expectation, not a
 * skip: these tests exist to run against it). After each: its faults off.
 */
export function useZenodoReplay(): void {
  test.beforeEach(async ({ request }) => {
    let up = false;
    try {
      // a fault left by an earlier test (e.g. 429 for every request) must not pass for "down"
      await request.delete(`${ZENODO}/_replay/faults`, { timeout: 10000 });
      up = (
        await request.get(`${ZENODO}/api/records?size=1`, { timeout: 10000 })
      ).ok();
    } catch {
      up = false;
    }
    expect(
      up,
      `the Zenodo API replay must answer at ${ZENODO}: run bash stack/escape-stack up zenodo`
    ).toBe(true);
  });
  test.afterEach(async ({ request }) => {
    await request.delete(`${ZENODO}/_replay/faults`).catch(() => undefined);
  });
}

/** A folder with these files (name -> text). */
export async function folderWith(
  page: IJupyterLabPageFixture,
  folder: string,
  files: Record<string, string>
): Promise<void> {
  await page.contents.createDirectory(folder);
  for (const [name, text] of Object.entries(files)) {
    await page.contents.uploadContent(text, 'text', `${folder}/${name}`);
  }
}

/** Run a command once its plugin has registered it (the page may still be activating plugins). */
export async function runCommand(
  page: IJupyterLabPageFixture,
  command: string,
  args: Record<string, string> = {}
): Promise<void> {
  await page.waitForFunction(
    id => window.jupyterapp.commands.hasCommand(id),
    command
  );
  await page.evaluate(
    async ([id, a]) => {
      await window.jupyterapp.commands.execute(id, a);
    },
    [command, args] as const
  );
}

/** The publish view of ``folder`` (the command the folder's context menu runs). */
export async function openPublish(
  page: IJupyterLabPageFixture,
  folder: string
): Promise<Locator> {
  await runCommand(page, 'escape:ossr-publish-folder', { path: folder });
  return page.locator('.jp-escape-OSSRPublish');
}

/**
 * The publish view of a folder whose proposal meets the OSSR rules, set to upload codemeta.json and the folder's
 * files but ``skip`` (instead of the release zip); in the sandbox when asked.
 */
export async function publishFilesOf(
  page: IJupyterLabPageFixture,
  folder: string,
  skip: string[],
  options: { sandbox?: boolean } = {}
): Promise<Locator> {
  const view = await openPublish(page, folder);
  await expect(view.locator('.jp-escape-OSSR-badge').first()).toContainText(
    'OSSR compliant'
  );
  await view.getByLabel('codemeta.json and these files of the folder:').check();
  for (const name of skip) {
    await view.getByLabel(name).uncheck();
  }
  if (options.sandbox) {
    await view.getByLabel(/^Sandbox/).check();
  }
  return view;
}

/**
 * Save the chosen files as a draft with the second upload (LICENSE, after codemeta.json) held ``seconds`` by the
 * replay: the job is seen going (its progress names LICENSE) and can be cancelled meanwhile. Answers the progress.
 */
export async function draftHeldAtLicense(
  request: APIRequestContext,
  view: Locator,
  seconds: number
): Promise<Locator> {
  await replayFault(request, {
    mode: 'slow',
    delay: seconds,
    count: 1,
    skip: 1,
    path: '/api/files'
  });
  await view.getByRole('button', { name: 'Save as draft' }).click();
  const progress = view.locator('.jp-escape-OSSR-progress');
  await expect(progress).toContainText('Uploading LICENSE (1 of 3)…');
  return progress;
}

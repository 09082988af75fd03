/**
 * Single sign-on through the hub, in a real browser: alice signs in on the IdP's page, the hub spawns her
 * JupyterLab, and the Services view says she is signed in to the data lake through the hub. bob, signed in beside
 * her, is refused her server.
 */
import { Browser, expect, Locator, Page, test } from '@playwright/test';
import * as fs from 'fs';
import * as path from 'path';
import { expandSection } from '../tests/helpers';

// The tests' own users (stack/idp/users.json, "test": true), in the roles of the demo's alice, bob and carol: what
// they do stays out of the demo users' views.
const ALICE = 'test-alice';
const BOB = 'test-bob';
const CAROL = 'test-carol';

const IDP_STATE =
  process.env.ESCAPE_IDP_STATE ||
  path.resolve(__dirname, '..', '..', 'stack', '.state', 'idp');

function password(user: string): string {
  return fs
    .readFileSync(path.join(IDP_STATE, 'secrets', `${user}.password`), 'utf8')
    .trim();
}

/** Sign in as `user` in a fresh browser context; returns the page, showing the user's JupyterLab. */
async function signIn(browser: Browser, user: string): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 }
  });
  const page = await context.newPage();
  await page.goto('/hub/login');
  await page.getByRole('button', { name: /Sign in with ESCAPE IAM/ }).click();
  // The IdP's own page.
  await expect(page.getByRole('heading', { name: /ESCAPE IAM/ })).toBeVisible();
  await page.getByLabel('Username').fill(user);
  await page.getByLabel('Password').fill(password(user));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(new RegExp(`/user/${user}/lab`), {
    timeout: 180 * 1000
  });
  await page.locator('#jp-main-dock-panel').waitFor({ timeout: 120 * 1000 });
  // JupyterLab restores the last layout after the splash screen goes: act only once it has.
  await page
    .locator('#jupyterlab-splash')
    .waitFor({ state: 'detached', timeout: 120 * 1000 });
  return page;
}

/** Show the ESCAPE sidebar (its tab toggles, and JupyterLab may have restored it open). */
async function openEscapeSidebar(page: Page): Promise<void> {
  const sidebar = page.locator('#jp-escape-sidebar');
  const tab = page.locator('li[data-id="jp-escape-sidebar"]');
  await tab.waitFor({ timeout: 60 * 1000 });
  if ((await tab.getAttribute('aria-selected')) !== 'true') {
    await tab.click();
  }
  await sidebar.waitFor({ state: 'visible', timeout: 30 * 1000 });
  const news = page.getByRole('button', { name: 'No', exact: true });
  if (await news.isVisible()) {
    await news.click();
  }
}

test('alice signs in once and the data lake knows her', async ({
  browser
}, testInfo) => {
  const page = await signIn(browser, ALICE);
  await openEscapeSidebar(page);
  const datalake = page.locator(
    '.jp-escape-Service[data-service-id^="datalake-"]'
  );
  const identity = datalake.locator('.jp-escape-Service-identity');
  await expect(identity).toContainText(`Signed in as ${ALICE}`);
  await expect(identity).toContainText('OIDC via the hub single sign-on');
  await expect(identity).toContainText('credential expires in');
  await expect(datalake).toHaveAttribute('data-health', 'ok');
  await datalake.scrollIntoViewIfNeeded();
  await datalake.screenshot({
    path: testInfo.outputPath('alice-datalake-row.png')
  });
  await page.screenshot({ path: testInfo.outputPath('alice-services.png') });
  // The browser never holds the access token: alice's current token (the file her server keeps for the CLI)
  // appears nowhere in the page.
  const token = fs
    .readFileSync(
      `/home/${ALICE}/.local/share/jupyter/escape/bearer-token`,
      'utf8'
    )
    .trim();
  expect(token.length).toBeGreaterThan(100);
  const html = await page.content();
  expect(html).not.toContain(token);
  expect(html).not.toContain(token.split('.')[2]);
  await page.context().close();
});

test("bob cannot open alice's server", async ({ browser }, testInfo) => {
  const page = await signIn(browser, BOB);
  const response = await page.goto(`/user/${ALICE}/lab`);
  expect(response?.status()).toBe(403);
  await page.screenshot({ path: testInfo.outputPath('bob-refused.png') });
  await page.context().close();
});

test('carol, who has no data-lake account, is told what to ask for', async ({
  browser
}, testInfo) => {
  const page = await signIn(browser, CAROL);
  await openEscapeSidebar(page);
  const datalake = page.locator(
    '.jp-escape-Service[data-service-id^="datalake-"]'
  );
  await expect(datalake).toHaveAttribute('data-health', 'error');
  await datalake.locator('summary').click();
  await expect(datalake.locator('.jp-escape-Service-details')).toContainText(
    'no account for your identity'
  );
  await datalake.screenshot({
    path: testInfo.outputPath('carol-no-account.png')
  });
  await page.context().close();
});

/** The Data lake section, expanded, with the Services section collapsed to make room. */
async function datalakeSection(page: Page): Promise<Locator> {
  await openEscapeSidebar(page);
  const section = page.locator('#jp-escape-sidebar .jp-escape-DLSection');
  // The heading, not the body, says whether it is expanded: the body is built on first show (LazySection).
  await expandSection(page, 'Data lake');
  await expect(section).toBeVisible();
  return section;
}

async function stage(
  page: Page,
  section: Locator,
  dataset: string
): Promise<void> {
  const scopeSelect = section.getByLabel('Scope', { exact: true });
  await expect(scopeSelect.locator('option[value="escape_demo"]')).toHaveCount(
    1
  );
  await scopeSelect.selectOption('escape_demo');
  await section.getByLabel('Type', { exact: true }).selectOption('dataset');
  await section.getByRole('button', { name: 'Search', exact: true }).click();
  const hit = section.locator(
    `.jp-escape-DL-item[data-did="escape_demo:${dataset}"]`
  );
  await hit.getByRole('button', { name: dataset, exact: true }).click();
  await section.getByRole('button', { name: 'Details & stage' }).click();
  const view = page.locator('.jp-escape-DLDIDView:visible');
  await expect(view.locator('h2')).toHaveText(`escape_demo:${dataset}`);
  await view.getByRole('button', { name: /^Stage/ }).click();
  await expect(view.locator('.jp-escape-DL-jobCard')).toHaveAttribute(
    'data-state',
    'done',
    {
      timeout: 120 * 1000
    }
  );
}

/** The Data lake section's credentials line says "ok"; otherwise the failure names the message the user sees. */
async function expectSignedIn(section: Locator): Promise<void> {
  const line = section.locator('.jp-escape-DL-authLine');
  await expect(line).not.toHaveAttribute('data-auth-state', /^(checking|)$/);
  const state = await line.getAttribute('data-auth-state');
  const message =
    state === 'ok'
      ? ''
      : await section.locator('.jp-escape-DL-authMessage').textContent();
  expect(`${state} ${message ?? ''}`.trim()).toBe('ok');
}

test('alice keeps working in the panels across an access-token expiry', async ({
  browser
}, testInfo) => {
  test.setTimeout(420 * 1000);
  const page = await signIn(browser, ALICE);
  const section = await datalakeSection(page);
  await expectSignedIn(section);
  await stage(page, section, 'hst_acs_m51');
  // Sit past the access token's lifetime (ESCAPE_IDP_ACCESS_TTL, 120 s on the stack), then work on.
  const ttl = Number(process.env.ESCAPE_IDP_ACCESS_TTL || '120');
  await page.waitForTimeout((ttl + 15) * 1000);
  await stage(page, section, 'catalogues_m51');
  await expectSignedIn(section);
  await page.screenshot({
    path: testInfo.outputPath('alice-after-expiry.png')
  });
  await page.context().close();
});

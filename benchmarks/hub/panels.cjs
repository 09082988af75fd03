/**
 * The browser half of the hub load benchmark: N students sign in on the IdP's page in the system Chromium (one
 * browser, one context each), open their JupyterLab with the ESCAPE sidebar, then sit idle for a while. Counts every
 * request each page sends to its server during the idle window and prints one JSON line per phase.
 *
 *   node benchmarks/hub/panels.cjs --users 20 --idle 120
 *
 * Needs the stack's hub up and ui-tests' node_modules (@playwright/test). Run by bench_hub_load.py.
 */
const fs = require('fs');
const path = require('path');

const repo = path.resolve(__dirname, '..', '..');
const { chromium } = require(
  path.join(repo, 'ui-tests', 'node_modules', '@playwright', 'test')
);

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const USERS = Number(arg('users', '20'));
const IDLE = Number(arg('idle', '120'));
const HUB = process.env.ESCAPE_HUB_URL || 'http://127.0.0.1:8094';
const IDP_STATE =
  process.env.ESCAPE_IDP_STATE || path.join(repo, 'stack', '.state', 'idp');
const say = obj => console.log(JSON.stringify(obj));

async function openLab(browser, user) {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 }
  });
  const page = await context.newPage();
  // A room signing in at once on a small machine: the hub's answer to "Sign in" can take longer than Playwright's
  // 30 s default, and a person waits.
  page.setDefaultTimeout(180 * 1000);
  page.setDefaultNavigationTimeout(180 * 1000);
  const requests = [];
  page.on('request', r => {
    if (r.url().includes(`/user/${user}/`))
      requests.push({ t: Date.now(), url: r.url() });
  });
  // As after "Sign in": the hub spawns the server and sends the browser on to /user/<name>/lab.
  await page.goto(`${HUB}/hub/oauth_login?next=/hub/spawn/${user}`);
  const secret = fs
    .readFileSync(path.join(IDP_STATE, 'secrets', `${user}.password`), 'utf8')
    .trim();
  await page.getByLabel('Username').fill(user);
  await page.getByLabel('Password').fill(secret);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // The spawn-pending page follows the spawn's progress stream and redirects when the server is up; with 20
  // servers starting on 2 cores that stream was seen to stall (the server was up, the page never moved). A person
  // would reload: so does this, every 20 s, for up to 5 minutes.
  const lab = new RegExp(`/user/${user}/lab`);
  for (let waited = 0; !lab.test(page.url()); waited += 20) {
    if (waited >= 300)
      throw new Error(
        `${user}: no JupyterLab after ${waited} s (at ${page.url()})`
      );
    try {
      await page.waitForURL(lab, { timeout: 20 * 1000 });
    } catch {
      await page.goto(`${HUB}/user/${user}/lab`);
    }
  }
  // JupyterLab, with the ESCAPE sidebar's tab; a page that stays without it for a minute is reloaded (as a person
  // would), up to 5 times.
  const tab = page.locator('li[data-id="jp-escape-sidebar"]');
  for (let attempt = 1; ; attempt++) {
    try {
      await page
        .locator('#jupyterlab-splash')
        .waitFor({ state: 'detached', timeout: 300 * 1000 });
      await tab.waitFor({ timeout: 60 * 1000 });
      break;
    } catch (err) {
      if (attempt >= 5) throw err;
      await page.reload();
    }
  }
  // Show the sidebar: click its tab only while it is not the selected one (a click on the selected tab folds the
  // sidebar), and give JupyterLab's layout restoration time to settle between tries.
  const sidebar = page.locator('#jp-escape-sidebar');
  for (let i = 0; i < 20 && !(await sidebar.isVisible()); i++) {
    if ((await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
    await page.waitForTimeout(2000);
  }
  await sidebar.waitFor({ state: 'visible', timeout: 10 * 1000 });
  // The Services section shows the status of every service: open it if this user's restored layout folded it.
  const service = page.locator('.jp-escape-Service').first();
  try {
    await service.waitFor({ state: 'visible', timeout: 15 * 1000 });
  } catch {
    await page
      .locator('#jp-escape-sidebar .jp-AccordionPanel-title', {
        hasText: 'Services'
      })
      .click();
    await service.waitFor({ state: 'visible' });
  }
  return { user, page, requests };
}

(async () => {
  // The same system Chromium and flags as the UI tests (ui-tests/playwright.config.js).
  const { launchOptions } = require(
    path.join(repo, 'ui-tests', 'playwright.config.js')
  ).use;
  const browser = await chromium.launch(launchOptions);
  const t0 = Date.now();
  const users = Array.from(
    { length: USERS },
    (_, i) => `student${String(i + 1).padStart(2, '0')}`
  );
  // Students arrive a few at a time, as a room does when told "open the hub now".
  const labs = [];
  for (let i = 0; i < users.length; i += 4) {
    labs.push(
      ...(await Promise.all(
        users.slice(i, i + 4).map(u => openLab(browser, u))
      ))
    );
  }
  say({ phase: 'open', users: labs.length, seconds: (Date.now() - t0) / 1000 });
  await new Promise(r => setTimeout(r, 10 * 1000)); // let first-load requests settle
  const start = Date.now();
  say({ phase: 'idle-start', at: start / 1000 });
  await new Promise(r => setTimeout(r, IDLE * 1000));
  const end = Date.now();
  const perUser = labs.map(l => {
    const idle = l.requests.filter(r => r.t >= start && r.t < end);
    const kinds = {};
    for (const r of idle) {
      const p = new URL(r.url).pathname
        .replace(`/user/${l.user}/`, '/')
        .replace(/\/[0-9a-f-]{16,}.*/, '/…');
      kinds[p] = (kinds[p] || 0) + 1;
    }
    return { user: l.user, requests: idle.length, kinds };
  });
  say({ phase: 'idle', seconds: (end - start) / 1000, per_user: perUser });
  await browser.close();
})().catch(err => {
  say({ phase: 'error', message: String(err && err.stack ? err.stack : err) });
  process.exit(1);
});

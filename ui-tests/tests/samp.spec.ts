/**
 * SAMP Web Profile path (remote mode, as from a JupyterHub): the browser joins the desktop's hub on
 * 127.0.0.1:21012 (stack/samp: JSAMP hub with Web Profile registrations auto-accepted for tests, TOPCAT under
 * Xvfb). The Galata server runs with ESCAPE_SAMP_MODE=remote.
 *
 * The desktop side is real: TOPCAT, and two more SAMP clients on the same hub. ui-tests/samp_desktop.py (pyvo,
 * as a user's script would) asks TOPCAT what it holds (table.get.stil) and sends messages to the browser;
 * JSAMP's Snooper (from Debian's topcat package) takes what TOPCAT does not (spectrum.load.ssa-generic) and logs
 * every message it gets, so the row ids of a selection and the position sent can be read back. TOPCAT's GUI is
 * not driven: a selection "made in TOPCAT" is sent by samp_desktop.py for the table TOPCAT holds.
 */
import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import { Locator } from '@playwright/test';
import { ChildProcess, execFile, execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { promisify } from 'util';
import { openEscapeSidebar, screenshot, TAP_URL, typeQuery } from './helpers';

const REPO = path.resolve(__dirname, '..', '..');
const STATE = path.join(
  process.env.ESCAPE_STACK_STATE || path.join(REPO, 'stack', '.state'),
  'samp'
);
const LOCK = path.join(STATE, 'lock');
const DISPLAY = `:${process.env.ESCAPE_SAMP_DISPLAY || '57'}`;
const VENV_PYTHON = path.join(REPO, '.venv', 'bin', 'python');
const PYTHON = fs.existsSync(VENV_PYTHON) ? VENV_PYTHON : 'python3';
const SAMP_ENV = { ...process.env, SAMP_HUB: `std-lockurl:file://${LOCK}` };
const execFileAsync = promisify(execFile);
const MONITOR = 'monitor (JSAMP snooper)';
const SECTION = '#jp-escape-samp';

const ROWS = [1, 2, 3, 4, 5];
const VOTABLE = `<?xml version="1.0"?>
<VOTABLE version="1.4" xmlns="http://www.ivoa.net/xml/VOTable/v1.3"><RESOURCE><TABLE name="samp-ui">
<FIELD name="id" datatype="int"/><FIELD name="ra" datatype="double" ucd="pos.eq.ra"/>
<FIELD name="dec" datatype="double" ucd="pos.eq.dec"/><DATA><TABLEDATA>
${ROWS.map(i => `<TR><TD>${i}</TD><TD>${10 + i / 10}</TD><TD>${-5 + i / 10}</TD></TR>`).join('\n')}
</TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>`;

/** What samp_desktop.py prints: a SAMP response map for a call (status, result, error), or a plain value (a URL,
 * a row count), which the specs only compare. */
type DesktopAnswer = {
  'samp.status': string;
  'samp.result': Record<string, string>;
  'samp.error': Record<string, string>;
};

/** One command of samp_desktop.py (the desktop's own SAMP script); its JSON answer. Asynchronous: Galata
 * routes some of the page's requests through this Node process, which a synchronous child would block. */
async function desktop(...args: string[]): Promise<DesktopAnswer> {
  const { stdout } = await execFileAsync(
    PYTHON,
    [path.join(REPO, 'ui-tests', 'samp_desktop.py'), ...args],
    { env: SAMP_ENV, timeout: 90000 }
  );
  return JSON.parse(stdout.trim().split('\n').pop()!);
}

let snooper: ChildProcess | null = null;
let snooped = '';

test.beforeAll(async () => {
  snooper = spawn(
    'java',
    [
      '-Xmx48m',
      '-Djava.awt.headless=true',
      '-jar',
      '/usr/share/java/jsamp.jar',
      'snooper',
      '-clientname',
      MONITOR,
      '-mtype',
      'coord.pointAt.sky',
      '-mtype',
      'spectrum.load.ssa-generic',
      '-mtype',
      'table.select.rowList'
    ],
    { env: SAMP_ENV }
  );
  snooper.stdout!.on('data', chunk => (snooped += chunk.toString()));
  // registered before any page lists the clients
  await desktop('wait-for', MONITOR);
});

test.afterAll(async () => {
  snooper?.kill();
});

/** The SAMP section alone in the sidebar, connected to the desktop hub; answers the browser's client id. */
async function connect(page: IJupyterLabPageFixture): Promise<string> {
  await openEscapeSidebar(page);
  const sidebar = page.locator('#jp-escape-sidebar');
  const expanded = sidebar.locator(
    '.lm-AccordionPanel-title[aria-expanded="true"]:not([aria-label="SAMP: desktop tools Section"])'
  );
  while ((await expanded.count()) > 0) {
    await expanded.first().click();
  }
  const sampTitle = sidebar.locator(
    '.lm-AccordionPanel-title[aria-label="SAMP: desktop tools Section"]'
  );
  if ((await sampTitle.getAttribute('aria-expanded')) !== 'true') {
    await sampTitle.click();
  }
  const section = page.locator(SECTION);
  await section.scrollIntoViewIfNeeded();
  await expect(section.locator('.jp-escape-SampMode')).toHaveAttribute(
    'data-mode',
    'remote'
  );
  await section
    .getByRole('button', { name: 'Connect to the desktop hub' })
    .click();
  const status = section.locator('.jp-escape-SampStatus');
  await expect(status).toHaveAttribute('data-hub', 'found');
  return (await status.getAttribute('data-self-id'))!;
}

async function sendFromFileBrowser(
  page: IJupyterLabPageFixture,
  file: string,
  menu = 'Send via SAMP'
): Promise<void> {
  await page.sidebar.openTab('filebrowser');
  await page.filebrowser.refresh();
  await page
    .locator(`.jp-DirListing-item[title*="${file}"]`)
    .click({ button: 'right' });
  await page.getByRole('menuitem', { name: menu, exact: true }).click();
  await openEscapeSidebar(page);
}

function topcatShot(name: string, outputPath: (n: string) => string) {
  execFileSync('import', [
    '-display',
    DISPLAY,
    '-window',
    'root',
    outputPath(`${name}.png`)
  ]);
}

const ids = async (locator: Locator, attribute: string) =>
  ((await locator.getAttribute(attribute)) ?? '')
    .split(',')
    .filter(Boolean)
    .map(Number);

test.use({ autoGoto: true, viewport: { width: 1600, height: 1000 } });
test.setTimeout(240 * 1000);

test('remote mode: the browser joins the desktop hub and sends a workspace table to TOPCAT', async ({
  page,
  tmpPath
}, testInfo) => {
  await page.evaluate(async () => {
    await window.jupyterapp.commands.execute('apputils:change-theme', {
      theme: 'JupyterLab Dark'
    });
  });
  await page.contents.uploadContent(VOTABLE, 'text', `${tmpPath}/samp-ui.vot`);
  await connect(page);
  const section = page.locator(SECTION);
  const topcat = section.locator('.jp-escape-SampClient', {
    hasText: 'topcat'
  });
  await expect(topcat).toBeVisible();
  await expect(topcat.locator('img.jp-escape-SampClient-icon')).toHaveAttribute(
    'src',
    /^http:\/\/127\.0\.0\.1/
  );
  await expect(topcat).toContainText('table.load.votable');
  // the Snooper's own icon and name too
  await expect(
    section.locator('.jp-escape-SampClient', { hasText: MONITOR })
  ).toContainText('spectrum.load.ssa-generic');

  await sendFromFileBrowser(page, 'samp-ui.vot');
  const last = section.locator('.jp-escape-SampLast');
  await expect(last).toContainText('topcat: ok', { timeout: 60000 });
  const tableId = (await last.getAttribute('data-table-id'))!;
  expect(await desktop('rows', tableId)).toBe(ROWS.length);
  // TOPCAT read the whole file through its signed link: the send's progress is full, and says so
  const sent = section.locator('.jp-escape-SampSend');
  await expect(sent).toHaveAttribute('data-state', 'done');
  await expect(sent.getByRole('progressbar')).toHaveAttribute(
    'aria-valuenow',
    '100'
  );
  await expect(sent).toContainText(/has read|Read by the desktop tools/);
  // the icons are loaded images (not broken ones) in the dark theme
  for (const img of await section
    .locator('img.jp-escape-SampClient-icon')
    .all()) {
    expect(
      await img.evaluate(i => (i as HTMLImageElement).naturalWidth)
    ).toBeGreaterThan(0);
  }
  await section.screenshot({
    path: testInfo.outputPath('samp-panel-dark.png')
  });
  await screenshot(page, testInfo.outputPath.bind(testInfo), 'samp-page');
  topcatShot('topcat-web-profile', testInfo.outputPath.bind(testInfo));
});

test('a table and an image sent from the desktop land in the basket, naming the sender', async ({
  page,
  tmpPath
}) => {
  await page.contents.uploadContent(VOTABLE, 'text', `${tmpPath}/samp-ui.vot`);
  const selfId = await connect(page);
  const section = page.locator(SECTION);
  await sendFromFileBrowser(page, 'samp-ui.vot');
  const last = section.locator('.jp-escape-SampLast');
  await expect(last).toContainText('topcat: ok', { timeout: 60000 });

  // The table as TOPCAT serves it (http://127.0.0.1:<TOPCAT's port>/...), sent from the desktop to the browser
  const url = await desktop(
    'topcat-url',
    (await last.getAttribute('data-table-id'))!
  );
  const reply = await desktop(
    'send',
    selfId,
    'table.load.votable',
    JSON.stringify({ url, name: 'picked in TOPCAT' })
  );
  expect(reply['samp.status']).toBe('samp.ok');
  const itemId = reply['samp.result']['item-id'];
  const item = await (
    await page.request.get(`/escape/api/basket/items/${itemId}`)
  ).json();
  expect(item.source).toBe('SAMP: desktop script (pyvo)');
  expect(item.title).toBe('picked in TOPCAT (from desktop script (pyvo))');
  expect(item.payload.n_rows).toBe(ROWS.length);
  expect(item.payload.origin.url).toBe(url);
  expect(item.payload.origin.application).toBe('desktop script (pyvo)');

  // An image on the desktop's disk (a file:// URL the hub reads for the browser)
  const image = path.join(
    fs.mkdtempSync(path.join(os.tmpdir(), 'samp-desk-')),
    'cutout.fits'
  );
  await desktop('fits-image', image);
  const imageReply = await desktop(
    'send',
    selfId,
    'image.load.fits',
    JSON.stringify({ url: `file://${image}`, name: 'cut-out' })
  );
  expect(imageReply['samp.status']).toBe('samp.ok');
  const imageItem = await (
    await page.request.get(
      `/escape/api/basket/items/${imageReply['samp.result']['item-id']}`
    )
  ).json();
  expect(imageItem.kind).toBe('workspace_file');
  expect(imageItem.source).toBe('SAMP: desktop script (pyvo)');
  expect(imageItem.payload.path).toMatch(/samp-received\/.*cut-out\.fits$/);

  // Both are in the basket section
  const sidebar = page.locator('#jp-escape-sidebar');
  const basketTitle = sidebar
    .locator('.lm-AccordionPanel-title', { hasText: 'basket' })
    .first();
  if ((await basketTitle.getAttribute('aria-expanded')) !== 'true') {
    await basketTitle.click();
  }
  await expect(
    page
      .locator('.jp-escape-BasketSection')
      .getByText('picked in TOPCAT (from desktop script (pyvo))')
  ).toBeVisible({ timeout: 30000 });
  await expect(
    page
      .locator('.jp-escape-BasketSection')
      .getByText('cut-out (from desktop script (pyvo))')
  ).toBeVisible();
  // The received table opens in the grid (whose toolbar puts it on the sky)
  const row = page.locator(
    `.jp-escape-BasketSection [data-item-id="${itemId}"]`
  );
  await row.locator('.jp-escape-Basket-itemHead').click();
  await row.getByRole('button', { name: 'Open as table' }).click();
  const table = page.locator('.jp-escape-BasketTable');
  await expect(table.locator('.jp-escape-TablePane-summary')).toContainText(
    `${ROWS.length} rows`,
    { timeout: 30000 }
  );
  await expect(table.locator('.jp-escape-Grid-canvas')).toBeVisible();
  await expect(
    table.getByRole('button', { name: 'Show on sky' })
  ).toBeEnabled();

  // What a desktop tool sends that cannot be read is refused to it, in words
  const bad = await desktop(
    'send',
    selfId,
    'table.load.votable',
    JSON.stringify({ url: 'file:///nonexistent/t.vot' })
  );
  expect(bad['samp.status']).toBe('samp.error');
  expect(bad['samp.error']['samp.errortxt']).toContain('nonexistent/t.vot');
});

test('row selections go both ways: desktop to grid and sky, grid to TOPCAT', async ({
  page
}, testInfo) => {
  const selfId = await connect(page);
  const section = page.locator(SECTION);
  // The sky view first (Aladin Lite takes a while to start on a loaded machine)
  await page.evaluate(async () => {
    await window.jupyterapp.commands.execute('escape:open-sky-view', {
      target: '10 -40',
      fov: 3
    });
  });
  await page
    .locator('.jp-escape-Sky .jp-escape-Sky-aladin canvas')
    .first()
    .waitFor({ state: 'visible', timeout: 120000 });
  await page.evaluate(
    async url =>
      await window.jupyterapp.commands.execute('escape:vo-new-query', {
        url,
        title: 'ESCAPE demo TAP'
      }),
    TAP_URL
  );
  const view = page.locator('.jp-escape-ServiceView');
  await expect(
    view
      .locator('.jp-escape-TableList')
      .getByText('esc_demo.main', { exact: true })
  ).toBeVisible({ timeout: 30000 });
  await typeQuery(
    page,
    'SELECT TOP 12 source_id, ra, dec FROM esc_demo.main ORDER BY source_id'
  );
  await view.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(view.locator('.jp-escape-ResultPane-summary')).toContainText(
    '12 rows',
    {
      timeout: 30000
    }
  );
  await view.getByRole('button', { name: 'Show on sky' }).click();
  const sky = page.locator('.jp-escape-Sky');
  await expect(
    sky.locator('.jp-escape-SkyLayer[data-kind="catalogue"]')
  ).toHaveCount(1, {
    timeout: 60000
  });
  await page.activity.activateTab('ESCAPE demo TAP');
  await view.getByRole('button', { name: 'Send via SAMP' }).click();
  const last = section.locator('.jp-escape-SampLast');
  await expect(last).toContainText('topcat: ok', { timeout: 60000 });
  const tableId = (await last.getAttribute('data-table-id'))!;
  expect(await desktop('rows', tableId)).toBe(12);

  // Desktop -> JupyterLab: rows 2, 5 and 7 of the table TOPCAT holds select the same rows in the grid and sky
  const reply = await desktop(
    'send',
    selfId,
    'table.select.rowList',
    JSON.stringify({
      'table-id': tableId,
      url: '',
      'row-list': ['2', '5', '7']
    })
  );
  expect(reply['samp.status']).toBe('samp.ok');
  const grid = view.locator('.jp-escape-Grid');
  await expect
    .poll(async () => (await ids(grid, 'data-selected-rows')).join(','), {
      timeout: 20000
    })
    .toBe('2,5,7');
  await expect
    .poll(
      async () => {
        const selection = JSON.parse(
          (await sky.getAttribute('data-selection')) ?? '{}'
        );
        return (selection.ids ?? [])
          .map(Number)
          .sort((a: number, b: number) => a - b)
          .join(',');
      },
      { timeout: 20000 }
    )
    .toBe('2,5,7');
  await screenshot(
    page,
    testInfo.outputPath.bind(testInfo),
    'samp-selection-from-desktop'
  );

  // JupyterLab -> desktop: one row picked in the grid goes to TOPCAT as table.select.rowList
  snooped = '';
  await view
    .locator('.jp-escape-Grid-canvas')
    .click({ position: { x: 150, y: 37 } });
  await expect
    .poll(async () => (await ids(grid, 'data-selected-rows')).length)
    .toBe(1);
  const picked = await ids(grid, 'data-selected-rows');
  const sent = section.locator('.jp-escape-SampSelection');
  await expect(sent).toHaveAttribute('data-rows', picked.join(','), {
    timeout: 20000
  });
  await expect(sent).toHaveAttribute('data-table-id', tableId);
  await expect(sent).toContainText('topcat: ok');
  // the same broadcast, as the Snooper logged it: the table-id and the row index picked
  await expect.poll(() => snooped, { timeout: 20000 }).toContain(tableId);
  expect(snooped).toMatch(
    new RegExp(`"row-list": \\[\\s*"${picked[0]}"\\s*\\]`)
  );
  topcatShot('topcat-selection', testInfo.outputPath.bind(testInfo));
});

test('sky positions both ways, and a spectrum to a client that takes spectra', async ({
  page,
  tmpPath
}, testInfo) => {
  const selfId = await connect(page);
  const section = page.locator(SECTION);

  // JupyterLab -> desktop: coord.pointAt.sky
  snooped = '';
  await section.getByLabel('Sky position (ra dec, degrees)').fill('10.5 -4.25');
  await section
    .getByRole('button', { name: 'Point desktop tools here' })
    .click();
  const point = section.locator('.jp-escape-SampPoint-last');
  // TOPCAT uses a position only in an open cone-search window (it answers ok or warns); the Snooper logs it
  await expect(point).toContainText('topcat', { timeout: 30000 });
  await expect(point).toContainText(
    `${MONITOR} warned about coord.pointAt.sky: Message logged, not acted on`
  );
  await expect
    .poll(() => snooped, { timeout: 20000 })
    .toContain('"ra": "10.5"');
  expect(snooped).toContain('"dec": "-4.25"');

  // desktop -> JupyterLab: the sky view moves there
  await page.evaluate(async () => {
    await window.jupyterapp.commands.execute('escape:open-sky-view', {
      target: '10 -40',
      fov: 3
    });
  });
  const sky = page.locator('.jp-escape-Sky');
  await sky
    .locator('.jp-escape-Sky-aladin canvas')
    .first()
    .waitFor({ state: 'visible', timeout: 120000 });
  const reply = await desktop(
    'send',
    selfId,
    'coord.pointAt.sky',
    JSON.stringify({ ra: '150.1', dec: '2.2' })
  );
  expect(reply['samp.status']).toBe('samp.ok');
  // the view's target field shows where it went
  await expect(sky.locator('.jp-escape-Sky-target')).toHaveValue(
    '150.10000 +2.20000',
    { timeout: 30000 }
  );
  await openEscapeSidebar(page);
  await expect(point).toContainText(
    'desktop script (pyvo) pointed at 150.1 2.2'
  );
  await expect(
    section.getByLabel('Sky position (ra dec, degrees)')
  ).toHaveValue('150.1 2.2');

  // A FITS spectrum from the workspace: spectrum.load.ssa-generic with a signed link the client can read
  const local = path.join(
    fs.mkdtempSync(path.join(os.tmpdir(), 'samp-spec-')),
    'spec.fits'
  );
  await desktop('fits-spectrum', local);
  const bytes = fs.readFileSync(local);
  await page.contents.uploadContent(
    bytes.toString('base64'),
    'base64',
    `${tmpPath}/spec.fits`
  );
  snooped = '';
  await sendFromFileBrowser(page, 'spec.fits', 'Send via SAMP as a spectrum');
  const last = section.locator('.jp-escape-SampLast');
  await expect(last).toContainText('spectrum.load.ssa-generic', {
    timeout: 30000
  });
  await expect(last).toContainText(MONITOR);
  await expect
    .poll(() => snooped, { timeout: 20000 })
    .toContain('spectrum.load.ssa-generic');
  expect(snooped).toContain('"Access.Format": "application/fits"');
  const link = /"url": "([^"]+)"/.exec(snooped)![1];
  expect(link).toContain('/escape/api/samp/files/');
  // what the desktop client reads through the link, without the Jupyter token: the workspace file's bytes
  const fetched = Buffer.from(await (await fetch(link)).arrayBuffer());
  expect(fetched.equals(bytes)).toBe(true);
  await section.screenshot({
    path: testInfo.outputPath('samp-point-spectrum.png')
  });
});

/** A JSON route of the server, from the page (its cookies and XSRF token). */
async function api(
  page: IJupyterLabPageFixture,
  route: string
): Promise<Record<string, unknown>> {
  return page.evaluate(async route => {
    const r = await fetch(`/escape/api/${route}`);
    if (!r.ok) {
      throw new Error(`${route}: HTTP ${r.status} ${await r.text()}`);
    }
    return r.json();
  }, route);
}

test('a 600 000-row send shows its progress and is cancelled from the section and from Activity', async ({
  page,
  tmpPath
}, testInfo) => {
  const local = path.join(os.tmpdir(), `samp-huge-${process.pid}.parquet`);
  await execFileAsync(
    PYTHON,
    [
      '-c',
      [
        'import sys, numpy as np, pyarrow as pa, pyarrow.parquet as pq',
        'n, rng = 600_000, np.random.default_rng(3)',
        'names = pa.array([f"src-{i:07d}" for i in range(n)])',
        'pq.write_table(pa.table({"id": np.arange(n), "ra": rng.uniform(0, 360, n), "dec": rng.uniform(-90, 90, n), "name": names}), sys.argv[1])'
      ].join('\n'),
      local
    ],
    { timeout: 120000 }
  );
  await page.contents.uploadContent(
    fs.readFileSync(local).toString('base64'),
    'base64',
    `${tmpPath}/huge.parquet`
  );
  fs.unlinkSync(local);
  await connect(page);
  const section = page.locator(SECTION);
  const row = section.locator('.jp-escape-SampSend');

  // From the section: the VOTable is being written (bytes of an estimate), then Cancel.
  await sendFromFileBrowser(page, 'huge.parquet');
  await expect(row).toHaveAttribute('data-state', 'preparing', {
    timeout: 60000
  });
  const bar = row.getByRole('progressbar');
  await expect
    .poll(async () => Number((await bar.getAttribute('aria-valuenow')) ?? 0), {
      timeout: 180000
    })
    .toBeGreaterThan(0);
  await expect(row).toContainText('Writing the VOTable');
  await page.theme.setLightTheme();
  await section.screenshot({
    path: testInfo.outputPath('samp-send-progress-light.png')
  });
  await page.theme.setDarkTheme();
  await section.screenshot({
    path: testInfo.outputPath('samp-send-progress-dark.png')
  });
  const first = (await row.getAttribute('data-job-id'))!;
  await row.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(row).toHaveAttribute('data-state', 'cancelled');
  await expect(row).toContainText('the desktop tools got nothing');
  const ended = await api(page, `samp/sends/${first}`);
  expect([ended.state, ended.active, ended.served]).toEqual([
    'cancelled',
    false,
    0
  ]);
  await section.screenshot({
    path: testInfo.outputPath('samp-send-cancelled.png')
  });

  // From the Activity view: the send is listed with its progress, re-attach snippet and Cancel.
  await sendFromFileBrowser(page, 'huge.parquet');
  await expect(row).not.toHaveAttribute('data-job-id', first);
  await expect(row).toHaveAttribute('data-state', 'preparing');
  const second = (await row.getAttribute('data-job-id'))!;
  await page.evaluate(async () => {
    await window.jupyterapp.commands.execute('escape:open-activity');
  });
  const listed = page.locator(
    `.jp-escape-ActivityView li[data-job-id="${second}"]`
  );
  await expect(listed).toContainText('SAMP send', { timeout: 30000 });
  await expect(listed).toContainText('huge.parquet');
  await expect(
    listed.getByRole('button', { name: 'Re-attach in a notebook' })
  ).toBeVisible();
  await screenshot(page, testInfo.outputPath.bind(testInfo), 'samp-activity');
  await listed.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(listed).toHaveAttribute('data-state', 'cancelled', {
    timeout: 30000
  });
  // the section, which follows the same send, says so too
  await openEscapeSidebar(page);
  await expect(row).toHaveAttribute('data-state', 'cancelled', {
    timeout: 30000
  });
  expect((await api(page, `samp/sends/${second}`)).state).toBe('cancelled');
});

test("faults: a refusal is shown in the refusing client's words; a hub that goes away is said plainly", async ({
  page,
  tmpPath
}, testInfo) => {
  await page.contents.uploadContent(
    '<VOTABLE><broken',
    'text',
    `${tmpPath}/broken.vot`
  );
  await connect(page);
  const section = page.locator(SECTION);
  await sendFromFileBrowser(page, 'broken.vot');
  await expect(section.locator('.jp-escape-SampLast')).toContainText(
    'topcat refused table.load.votable',
    { timeout: 60000 }
  );

  // The desktop hub stops (as when TOPCAT, which ran it, is closed): the section says so and stays usable.
  const hubPid = Number(
    fs.readFileSync(path.join(STATE, 'hub.pid'), 'utf-8').trim()
  );
  process.kill(hubPid, 'SIGKILL');
  try {
    await section.getByRole('button', { name: 'Refresh' }).click();
    await expect(section.locator('.jp-escape-SampStatus')).toHaveAttribute(
      'data-hub',
      'none',
      {
        timeout: 30000
      }
    );
    await expect(section.locator('.jp-escape-SampError')).toContainText('hub', {
      timeout: 30000
    });
    await expect(
      section.getByRole('button', { name: 'Connect to the desktop hub' })
    ).toBeEnabled();
    await section.screenshot({
      path: testInfo.outputPath('samp-hub-gone.png')
    });
    // sending now fails with a message, not a hang
    await sendFromFileBrowser(page, 'broken.vot');
    await expect(section.locator('.jp-escape-SampSendError')).toContainText(
      'Not sent: the desktop SAMP hub went away',
      { timeout: 30000 }
    );
  } finally {
    // the stack's hub and TOPCAT back for whatever runs next
    await execFileAsync('bash', [path.join(REPO, 'stack', 'samp', 'up.sh')], {
      timeout: 120000
    });
  }
});

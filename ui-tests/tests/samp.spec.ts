/**
 * SAMP Web Profile path (remote mode, as from a JupyterHub): the browser joins the desktop's hub on
 * 127.0.0.1:21012 (stack/samp: JSAMP hub with Web Profile registrations auto-accepted for tests, TOPCAT under
 * Xvfb), lists TOPCAT with its icon, and sends a workspace VOTable from the file browser as a signed link that
 * TOPCAT fetches from the Jupyter server without the Jupyter token. TOPCAT's own answer (table.get.stil, asked by
 * a second SAMP client) confirms the rows. The Galata server runs with ESCAPE_SAMP_MODE=remote.
 */
import { expect, test } from '@jupyterlab/galata';
import { execFileSync } from 'child_process';
import * as path from 'path';
import { openEscapeSidebar, screenshot } from './helpers';

const REPO = path.resolve(__dirname, '..', '..');
const LOCK = path.join(REPO, 'stack', '.state', 'samp', 'lock');
const DISPLAY = `:${process.env.ESCAPE_SAMP_DISPLAY || '57'}`;

const ROWS = [1, 2, 3, 4, 5];
const VOTABLE = `<?xml version="1.0"?>
<VOTABLE version="1.4" xmlns="http://www.ivoa.net/xml/VOTable/v1.3"><RESOURCE><TABLE name="samp-ui">
<FIELD name="id" datatype="int"/><FIELD name="ra" datatype="double" ucd="pos.eq.ra"/>
<FIELD name="dec" datatype="double" ucd="pos.eq.dec"/><DATA><TABLEDATA>
${ROWS.map(i => `<TR><TD>${i}</TD><TD>${10 + i / 10}</TD><TD>${-5 + i / 10}</TD></TR>`).join('\n')}
</TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>`;

/** Rows TOPCAT holds under a table-id, asked over SAMP by a second (Python) client. */
function topcatRows(tableId: string): number {
  const script = `
import sys, time, warnings, urllib.request
warnings.simplefilter("ignore")
from pyvo.samp import SAMPIntegratedClient
c = SAMPIntegratedClient(name="escape-ui-probe", addr="127.0.0.1"); c.connect()
try:
    topcat = [i for i in c.get_registered_clients() if c.get_metadata(i).get("samp.name") == "topcat"][0]
    for _ in range(40):
        r = c.call_and_wait(topcat, {"samp.mtype": "table.get.stil",
                                      "samp.params": {"table-id": sys.argv[1], "format": "csv"}}, "10")
        if r["samp.status"] == "samp.ok":
            print(len(urllib.request.urlopen(r["samp.result"]["url"], timeout=10).read().decode().splitlines()) - 1)
            break
        time.sleep(0.3)
finally:
    c.disconnect()
`;
  const out = execFileSync(
    path.join(REPO, '.venv', 'bin', 'python'),
    ['-c', script, tableId],
    {
      env: { ...process.env, SAMP_HUB: `std-lockurl:file://${LOCK}` },
      timeout: 60000
    }
  );
  return Number(out.toString().trim());
}

test.use({ autoGoto: true });
test.setTimeout(180 * 1000);

test('remote mode: the browser joins the desktop hub and sends a workspace table to TOPCAT', async ({
  page,
  tmpPath
}, testInfo) => {
  await page.contents.uploadContent(VOTABLE, 'text', `${tmpPath}/samp-ui.vot`);
  await openEscapeSidebar(page);
  // Fold the other sections so the SAMP section has the sidebar's height.
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
  const section = page.locator('#jp-escape-samp');
  await section.scrollIntoViewIfNeeded();
  await expect(section.locator('.jp-escape-SampMode')).toHaveAttribute(
    'data-mode',
    'remote'
  );
  await section
    .getByRole('button', { name: 'Connect to the desktop hub' })
    .click();
  await expect(section.locator('.jp-escape-SampStatus')).toHaveAttribute(
    'data-hub',
    'found'
  );
  const topcat = section.locator('.jp-escape-SampClient', {
    hasText: 'topcat'
  });
  await expect(topcat).toBeVisible();
  await expect(topcat.locator('img.jp-escape-SampClient-icon')).toHaveAttribute(
    'src',
    /^http:\/\/127\.0\.0\.1/
  );
  await expect(topcat).toContainText('table.load.votable');

  await page.sidebar.openTab('filebrowser');
  await page.filebrowser.refresh();
  await page
    .locator('.jp-DirListing-item[title*="samp-ui.vot"]')
    .click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Send via SAMP' }).click();
  await openEscapeSidebar(page);
  const last = section.locator('.jp-escape-SampLast');
  await expect(last).toContainText('topcat: ok', { timeout: 60000 });
  const tableId = (await last.getAttribute('data-table-id'))!;
  expect(topcatRows(tableId)).toBe(ROWS.length);
  await section.screenshot({ path: testInfo.outputPath('samp-panel.png') });
  await screenshot(page, testInfo.outputPath.bind(testInfo), 'samp-page');
  execFileSync('import', [
    '-display',
    DISPLAY,
    '-window',
    'root',
    testInfo.outputPath('topcat-web-profile.png')
  ]);
});

// Opens JupyterLab (URL with token in argv[2]) in the system Chromium and checks what a new user sees first:
// the ESCAPE tab in the left area, its sidebar opening, and no handshake banner (server extension missing or
// versions differ). Prints one JSON line; exits non-zero with the reason otherwise.
const path = require('path');
const { chromium } = require(path.join(__dirname, '..', '..', 'ui-tests', 'node_modules', 'playwright-core'));

async function main() {
  const url = process.argv[2];
  const shot = process.argv[3];
  const browser = await chromium.launch({
    executablePath: process.env.ESCAPE_CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update']
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(url);
    const tab = page.locator('.jp-SideBar [data-id="jp-escape-sidebar"]');
    await tab.waitFor({ timeout: 90000 });
    await tab.click();
    await page.locator('#jp-escape-sidebar').waitFor({ state: 'visible', timeout: 30000 });
    // The handshake runs when the sidebar opens; give it time to report a problem if there is one.
    await page.waitForTimeout(3000);
    // Only the handshake's own banner counts: service banners (no internet here for the public defaults) are
    // what a user offline should see, and are reported, not failed on.
    const banners = await page.locator('#jp-escape-sidebar [data-handshake]').allInnerTexts();
    const services = await page.locator('#jp-escape-sidebar .jp-escape-Banner:not([data-handshake])').count();
    if (shot) {
      await page.screenshot({ path: shot });
    }
    console.log(JSON.stringify({ sidebar: true, banners, services }));
    process.exitCode = banners.length ? 2 : 0;
  } finally {
    await browser.close();
  }
}

main().catch(err => {
  console.error(String(err && err.stack ? err.stack : err));
  process.exit(1);
});

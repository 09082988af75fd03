/**
 * The frontend against a Jupyter server whose jupyter_escape server extension is disabled
 * (project "no-server-extension" in playwright.config.js).
 */
import { expect, test } from '@jupyterlab/galata';
import { openEscapeSidebar, screenshot, SIDEBAR_ID } from './helpers';

const ADVICE =
  'The jupyter-escape server extension is not installed or not enabled. Run `pip install jupyter-escape` and `jupyter server extension enable jupyter_escape`, then restart.';

test('says how to install the server extension when it is missing', async ({
  page
}, testInfo) => {
  await openEscapeSidebar(page);
  const sidebar = page.locator(`#${SIDEBAR_ID}`);
  const banner = sidebar.locator('[data-handshake="missing"]');
  await expect(banner).toHaveText(ADVICE);
  await expect(banner).toHaveAttribute('role', 'alert');

  // The route really is absent on this server.
  const status = await page.evaluate(async () => {
    const response = await fetch('/escape/api/handshake');
    return response.status;
  });
  expect(status).toBe(404);

  // Refresh asks again and keeps saying so, without rows or a crash.
  const [again] = await Promise.all([
    page.waitForResponse(r => r.url().includes('/escape/api/handshake')),
    sidebar.getByRole('button', { name: 'Refresh service status' }).click()
  ]);
  expect(again.status()).toBe(404);
  await expect(banner).toHaveText(ADVICE);
  await expect(sidebar.locator('.jp-escape-Services')).toContainText(
    'Service status is unavailable until the jupyter-escape server extension is enabled.'
  );
  await expect(sidebar.locator('.jp-escape-Services-checked')).toContainText(
    'auto-refresh paused'
  );
  await expect(sidebar.locator('.jp-escape-Service')).toHaveCount(0);
  await screenshot(
    page,
    testInfo.outputPath.bind(testInfo),
    'no-server-extension'
  );
});

import { IJupyterLabPageFixture } from '@jupyterlab/galata';
import { Page, Response } from '@playwright/test';

export const SIDEBAR_ID = 'jp-escape-sidebar';

/** True for a response of the status route (any query). */
export function isStatusResponse(response: Response): boolean {
  const url = new URL(response.url());
  return (
    url.pathname.endsWith('/escape/api/status') &&
    response.request().method() === 'GET'
  );
}

/** Open the ESCAPE sidebar through its tab in the left area. */
export async function openEscapeSidebar(
  page: IJupyterLabPageFixture
): Promise<void> {
  await page.sidebar.openTab(SIDEBAR_ID);
  await page.locator(`#${SIDEBAR_ID}`).waitFor({ state: 'visible' });
}

/** Count status requests the page sends from now on; call the returned function to read the count. */
export function countStatusRequests(page: Page): () => number {
  let count = 0;
  page.on('request', request => {
    const url = new URL(request.url());
    if (url.pathname.endsWith('/escape/api/status')) {
      count += 1;
    }
  });
  return () => count;
}

/** Save a full-page screenshot next to the test's other outputs (ui-tests/test-results/...). */
export async function screenshot(
  page: Page,
  outputPath: (name: string) => string,
  name: string
): Promise<void> {
  await page.screenshot({ path: outputPath(`${name}.png`) });
}

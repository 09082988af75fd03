import { IJupyterLabPageFixture } from '@jupyterlab/galata';
import { Locator, Page, Response } from '@playwright/test';

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

/** The local DaCHS TAP service of the stack. */
export const TAP_URL =
  process.env.ESCAPE_TAP_URL ||
  `http://127.0.0.1:${process.env.ESCAPE_DACHS_PORT || 8090}/tap`;

/** Type an ADQL query into the service view's editor (replacing what is there). */
export async function typeQuery(page: Page, text: string): Promise<void> {
  const editor = page.locator('.jp-escape-QueryEditor-host .cm-content');
  await editor.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  // insertText: no auto-closed brackets or completion popups in the way
  await page.keyboard.insertText(text);
  // close the completion popup typing may have opened
  await page.keyboard.press('Escape');
}

/** Put `source` in code cell `index` of the open notebook and run it to completion. */
export async function runCell(
  page: IJupyterLabPageFixture,
  index: number,
  source: string
): Promise<void> {
  await page.notebook.setCell(index, 'code', source);
  await page.notebook.runCell(index, true);
}

/** Pixels of a screenshot region whose channels are all within `tol` of [r,g,b]: finds catalogue markers and
 * overlay strokes on a rendered sky or plot. */
export async function countColour(
  page: Page,
  target: Locator,
  rgb: number[],
  tol: number
): Promise<number> {
  const png = (await target.screenshot()).toString('base64');
  return page.evaluate(
    async ({ data, rgb, tol }) => {
      const img = new Image();
      img.src = `data:image/png;base64,${data}`;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.width;
      canvas.height = img.height;
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const p = ctx.getImageData(0, 0, img.width, img.height).data;
      let n = 0;
      for (let i = 0; i < p.length; i += 4) {
        if (
          Math.abs(p[i] - rgb[0]) < tol &&
          Math.abs(p[i + 1] - rgb[1]) < tol &&
          Math.abs(p[i + 2] - rgb[2]) < tol
        ) {
          n++;
        }
      }
      return n;
    },
    { data: png, rgb, tol }
  );
}

import { IJupyterLabPageFixture } from '@jupyterlab/galata';
import { Locator, Page, Response, expect } from '@playwright/test';

// What the specs set on the page's window to catch an injected script (sky-markup.spec.ts): a typed slot, so no
// cast is needed to read it back.
declare global {
  // eslint-disable-next-line @typescript-eslint/naming-convention -- the DOM's own name, augmented
  interface Window {
    __pwned?: unknown;
  }
}

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

/** Open the ESCAPE sidebar with one section expanded and return that section.
 *
 * `title` is the section's accordion title, `selector` the section's own element (e.g. `.jp-escape-DLSection`).
 * `fold` names the expanded sections to fold first, to give this one room: a list of titles, or `'others'` for
 * every other expanded section (folded one at a time: each click changes which are expanded). */
export async function openSection(
  page: IJupyterLabPageFixture,
  title: string,
  selector: string,
  fold: string[] | 'others' = []
): Promise<Locator> {
  await openEscapeSidebar(page);
  const section = page.locator(`#${SIDEBAR_ID} ${selector}`);
  const expanded = page.locator(
    `#${SIDEBAR_ID} .jp-AccordionPanel-title[aria-expanded="true"]`
  );
  if (fold === 'others') {
    const others = expanded.filter({ hasNotText: title });
    while ((await others.count()) > 0) {
      await others.first().click();
    }
  }
  await expandSection(page, title);
  await expect(section).toBeVisible();
  if (fold !== 'others') {
    for (const other of fold) {
      const heading = expanded.filter({ hasText: other });
      if ((await heading.count()) === 1) {
        await heading.click();
      }
    }
  }
  return section;
}

/**
 * Expand the sidebar section titled `title` unless its heading says it is expanded. The heading, not the
 * section's body, is asked: a section's view is built on its first show (components/LazySection.ts), so just
 * after the sidebar opens an expanded section may not have its body yet, and clicking would fold it.
 */
export async function expandSection(
  page: Pick<Page, 'locator'>,
  title: string
): Promise<void> {
  const heading = page.locator(`#${SIDEBAR_ID} .jp-AccordionPanel-title`, {
    hasText: title
  });
  if ((await heading.getAttribute('aria-expanded')) !== 'true') {
    await heading.click();
  }
}

/** An item of the research basket as `GET /escape/api/basket` lists it. */
export interface IBasketItem {
  id: string;
  kind: string;
  title: string;
  group: string | null;
  notes: string;
  payload: Record<string, unknown>;
}

/** The basket's items, read by the page itself (with its session), as the panel reads them. */
export async function basketItems(page: Page): Promise<IBasketItem[]> {
  return page.evaluate(async () => {
    const response = await fetch('/escape/api/basket');
    return ((await response.json()) as { items: IBasketItem[] }).items;
  });
}

/** What the helpers below read of the shell's current widget when it is a notebook panel (the parts of
 * JupyterLab's NotebookPanel they use, written out: ui-tests depends on Galata, not on @jupyterlab/notebook).
 * Types only: the functions run in the page, on the app Galata exposes as `window.jupyterapp`. */
type CurrentNotebook = {
  context?: { model?: { dirty?: boolean } };
  content?: {
    model?: {
      sharedModel?: { cells: { getSource(): string }[] };
      getMetadata(key: string): unknown;
    };
  };
} | null;

/** The sources of the open notebook's cells, joined by newlines ('' when the current widget is no notebook). */
export async function notebookSource(page: Page): Promise<string> {
  return page.evaluate(() => {
    const panel = window.jupyterapp.shell.currentWidget as CurrentNotebook;
    const cells = panel?.content?.model?.sharedModel?.cells ?? [];
    return cells.map(cell => cell.getSource()).join('\n');
  });
}

/** Whether the current document has unsaved changes (undefined when the current widget is no document). */
export async function currentDocumentDirty(
  page: Page
): Promise<boolean | undefined> {
  return page.evaluate(
    () =>
      (window.jupyterapp.shell.currentWidget as CurrentNotebook)?.context?.model
        ?.dirty
  );
}

/** The `escape` block of the open notebook's metadata (where the basket is saved), undefined when absent. */
export async function notebookEscapeMetadata(
  page: Page
): Promise<{ basket?: { items?: IBasketItem[] } } | undefined> {
  return page.evaluate(() => {
    const panel = window.jupyterapp.shell.currentWidget as CurrentNotebook;
    return panel?.content?.model?.getMetadata('escape') as
      { basket?: { items?: IBasketItem[] } } | undefined;
  });
}

/** Set (or, with `value` undefined, remove) one of the extension's user settings, through the page's registry. */
export async function setEscapeSetting(
  page: Page,
  key: string,
  value: number | string | boolean | undefined
): Promise<void> {
  await page.evaluate(
    async ({ key, value }) => {
      const registry = await window.galata.getPlugin(
        '@jupyterlab/apputils-extension:settings'
      );
      if (!registry) {
        throw new Error('no settings registry in the page');
      }
      if (value === undefined) {
        await registry.remove('jupyter-escape:plugin', key);
      } else {
        await registry.set('jupyter-escape:plugin', key, value);
      }
    },
    { key, value }
  );
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

/** A TAP service's query view opened by command (as the registry's "Query" does), its editor ready; returns the view. */
export async function openTapQueryView(
  page: Page,
  title = 'Local TAP (DaCHS)',
  url = TAP_URL
): Promise<Locator> {
  await page.evaluate(
    async ({ url, title }) =>
      await window.jupyterapp.commands.execute('escape:vo-new-query', {
        url,
        title
      }),
    { url, title }
  );
  const view = page.locator('.jp-escape-ServiceView');
  await expect(
    view.locator('.jp-escape-QueryEditor-host .cm-content')
  ).toBeVisible({ timeout: 30000 });
  return view;
}

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

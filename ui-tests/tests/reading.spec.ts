/**
 * Reading well (issue 19): every section of the ESCAPE sidebar, in the light and the dark theme, is screenshot
 * (test-results/.../reading-*.png, for people to look at) and its text checked for WCAG AA contrast from the
 * computed styles: 4.5:1 for text, 3:1 for large text (24 px, or 18.66 px bold). Disabled controls are exempt
 * (WCAG 1.4.3). The sidebar opens wide enough for names, and its tab order follows its visual order.
 */
import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import { contrastFailures, IContrastFailure } from './contrast';
import {
  openEscapeSidebar,
  openTapQueryView,
  SIDEBAR_ID,
  typeQuery
} from './helpers';

/** The accordion titles of the sidebar, in order. */
function sectionTitles(page: IJupyterLabPageFixture) {
  return page.locator(`#${SIDEBAR_ID} .lm-AccordionPanel-title`);
}

/** Expand section `index` alone, let it load, screenshot it and return its contrast failures. */
async function readSection(
  page: IJupyterLabPageFixture,
  index: number,
  theme: string,
  outputPath: (name: string) => string
): Promise<IContrastFailure[]> {
  const titles = sectionTitles(page);
  const title = titles.nth(index);
  const name = ((await title.textContent()) ?? `section-${index}`).trim();
  if ((await title.getAttribute('aria-expanded')) !== 'true') {
    await title.click();
  }
  await page.waitForTimeout(1500); // the section's first request answered (services, scopes, records)
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  await page
    .locator(`#${SIDEBAR_ID}`)
    .screenshot({ path: outputPath(`reading-${theme}-${slug}.png`) });
  const failures = await contrastFailures(page, `#${SIDEBAR_ID}`);
  return failures.map(f => ({
    ...f,
    where: `${theme}: ${f.where}`,
    section: name
  }));
}

test.use({ viewport: { width: 1400, height: 1000 } });

test('every sidebar section reads at WCAG AA contrast in the light and dark themes', async ({
  page
}, testInfo) => {
  test.setTimeout(240 * 1000);
  const failures: IContrastFailure[] = [];
  for (const theme of ['light', 'dark']) {
    if (theme === 'dark') {
      await page.theme.setDarkTheme();
    }
    await openEscapeSidebar(page);
    const count = await sectionTitles(page).count();
    expect(count).toBeGreaterThan(5);
    for (let i = 0; i < count; i++) {
      failures.push(
        ...(await readSection(
          page,
          i,
          theme,
          testInfo.outputPath.bind(testInfo)
        ))
      );
    }
  }
  await page.theme.setLightTheme();
  // One line per failure, so the report says what to fix.
  const unique = new Map<string, IContrastFailure>();
  for (const f of failures) {
    const key = `${f.where}|${f.text}`;
    if (!unique.has(key)) {
      unique.set(key, f);
    }
  }
  expect(
    [...unique.values()].map(
      f =>
        `${f.where} (${f.section}) "${f.text}" ${f.ratio}:1 < ${f.needed}:1 (${f.fg} on ${f.bg})`
    )
  ).toEqual([]);
});

test('the sidebar opens wide enough for names, and Tab follows the visual order', async ({
  page
}) => {
  await openEscapeSidebar(page);
  const sidebar = page.locator(`#${SIDEBAR_ID}`);
  // JupyterLab's 250 px default cut service and scope names; the sidebar widens its area once (src/sidebar.ts).
  await expect
    .poll(async () => (await sidebar.boundingBox())?.width ?? 0)
    .toBeGreaterThanOrEqual(340);

  // Tab from the first control through the sidebar; record where each focused element sits in the layout
  // (viewport position plus the scroll offsets of its scrolled ancestors, so focus scrolling does not count).
  await sidebar.locator('button:visible').first().focus();
  const stops: { label: string; section: number; top: number; left: number }[] =
    [];
  for (let i = 0; i < 40; i++) {
    const stop = await page.evaluate(sidebarId => {
      const el = document.activeElement as HTMLElement | null;
      const root = document.getElementById(sidebarId)!;
      if (!el || !root.contains(el)) {
        return null;
      }
      const titles = [
        ...root.querySelectorAll('.lm-AccordionPanel-title')
      ] as HTMLElement[];
      // The section an element belongs to: the last accordion title before it in the document.
      let section = -1;
      titles.forEach((title, index) => {
        if (
          title === el ||
          title.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING
        ) {
          section = index;
        }
      });
      const rect = el.getBoundingClientRect();
      let top = rect.top;
      let left = rect.left;
      for (let n = el.parentElement; n; n = n.parentElement) {
        top += n.scrollTop;
        left += n.scrollLeft;
      }
      return {
        label: (el.getAttribute('aria-label') || el.textContent || el.tagName)
          .trim()
          .slice(0, 40),
        section,
        top,
        left
      };
    }, SIDEBAR_ID);
    if (!stop) {
      break;
    }
    stops.push(stop);
    await page.keyboard.press('Tab');
  }
  expect(stops.length).toBeGreaterThan(10);
  const backwards: string[] = [];
  for (let i = 1; i < stops.length; i++) {
    const [a, b] = [stops[i - 1], stops[i]];
    const sameLine = Math.abs(a.top - b.top) < 8;
    const forward =
      b.section > a.section ||
      (b.section === a.section &&
        (sameLine ? b.left >= a.left - 2 : b.top > a.top));
    if (!forward) {
      backwards.push(`"${a.label}" -> "${b.label}"`);
    }
  }
  expect(backwards).toEqual([]);
});

test('a TAP service view with a result reads at WCAG AA contrast in both themes', async ({
  page
}, testInfo) => {
  test.setTimeout(180 * 1000);
  const view = await openTapQueryView(page);
  await typeQuery(
    page,
    'SELECT TOP 20 source_id, ra, dec, mag_r FROM esc_demo.main ORDER BY source_id'
  );
  await view.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(view.locator('.jp-escape-ResultPane-summary')).toContainText(
    '20 rows',
    { timeout: 60000 }
  );
  const failures: string[] = [];
  for (const theme of ['light', 'dark']) {
    if (theme === 'dark') {
      await page.theme.setDarkTheme();
      await page.waitForTimeout(500);
    }
    await view.screenshot({
      path: testInfo.outputPath(`reading-${theme}-tap-service-view.png`)
    });
    for (const f of await contrastFailures(page, '.jp-escape-ServiceView')) {
      failures.push(
        `${theme}: ${f.where} "${f.text}" ${f.ratio}:1 < ${f.needed}:1 (${f.fg} on ${f.bg})`
      );
    }
  }
  await page.theme.setLightTheme();
  expect([...new Set(failures)]).toEqual([]);
});

test('registry results read at WCAG AA contrast in both themes', async ({
  page
}, testInfo) => {
  await openEscapeSidebar(page);
  const box = page
    .locator(`#${SIDEBAR_ID} .jp-escape-VOSection`)
    .getByLabel('Search the VO registry');
  await box.fill('ESCAPE demo');
  await box.press('Enter');
  const registry = page.locator('.jp-escape-RegistryView');
  await expect(registry.locator('.jp-escape-Resource').first()).toBeVisible({
    timeout: 30000
  });
  // Spectral coverage reads in the band's unit, never in joules (registry values are photon energies in J).
  await expect(registry).not.toContainText(/\d J\b/);
  const failures: string[] = [];
  for (const theme of ['light', 'dark']) {
    if (theme === 'dark') {
      await page.theme.setDarkTheme();
      await page.waitForTimeout(500);
    }
    await registry.screenshot({
      path: testInfo.outputPath(`reading-${theme}-registry.png`)
    });
    for (const f of await contrastFailures(page, '.jp-escape-RegistryView')) {
      failures.push(
        `${theme}: ${f.where} "${f.text}" ${f.ratio}:1 < ${f.needed}:1 (${f.fg} on ${f.bg})`
      );
    }
  }
  await page.theme.setLightTheme();
  expect([...new Set(failures)]).toEqual([]);
});

/**
 * The ESCAPE sidebar and its Services view, against a Jupyter server running the jupyter_escape server
 * extension (project "escape" in playwright.config.js).
 */
import { expect, test } from '@jupyterlab/galata';
import {
  countStatusRequests,
  isStatusResponse,
  openEscapeSidebar,
  screenshot,
  setEscapeSetting,
  SIDEBAR_ID
} from './helpers';

/** The parts of `GET /escape/api/status` this spec reads. */
interface IStatusReport {
  services: {
    id: string;
    name: string;
    url: string;
    reachable: boolean;
    error: string | null;
  }[];
  config_errors: string[];
  checked_at: string;
}

const REGTAP_URL =
  process.env.ESCAPE_REGTAP_URL ||
  `http://127.0.0.1:${process.env.ESCAPE_DACHS_PORT || 8090}/tap`;

test.describe('ESCAPE sidebar', () => {
  test('shows the Services view with one live row per service', async ({
    page,
    request
  }, testInfo) => {
    const firstStatus = page.waitForResponse(isStatusResponse);
    await openEscapeSidebar(page);
    const response = await firstStatus;
    expect(response.status()).toBe(200);
    const report = (await response.json()) as IStatusReport;

    const sidebar = page.locator(`#${SIDEBAR_ID}`);
    await expect(sidebar.getByText('Services', { exact: true })).toBeVisible();
    const rows = sidebar.locator('.jp-escape-Service');
    await expect(rows).toHaveCount(report.services.length);
    expect(report.services.length).toBeGreaterThan(0);

    // The registry row shows what the server measured.
    const registry = sidebar.locator('[data-service-id="registry"]');
    await expect(registry).toBeVisible();
    const serverRow = report.services.find(s => s.id === 'registry')!;
    await expect(registry.locator('.jp-escape-Service-name')).toHaveText(
      serverRow.name
    );
    await expect(registry.locator('.jp-escape-Service-url')).toHaveText(
      serverRow.url
    );
    await expect(registry.locator('.jp-escape-Service-kind')).toHaveText(
      'registry'
    );

    // Cross-check with the registry itself: when the local stack answers, the row must say reachable.
    let registryUp = false;
    try {
      const direct = await request.get(
        `${REGTAP_URL}/sync?REQUEST=doQuery&LANG=ADQL&MAXREC=1&QUERY=${encodeURIComponent(
          'SELECT TOP 1 ivoid FROM rr.resource'
        )}`,
        { timeout: 10000 }
      );
      registryUp = direct.ok() && (await direct.text()).includes('VOTABLE');
    } catch {
      registryUp = false;
    }
    expect(serverRow.reachable).toBe(registryUp);
    if (registryUp) {
      await expect(registry).toHaveAttribute('data-health', 'ok');
      await expect(registry.locator('.jp-escape-Badge-ok').first()).toHaveText(
        'reachable'
      );
    } else {
      await expect(registry).toHaveAttribute('data-health', 'error');
      await expect(registry.getByText('unreachable')).toBeVisible();
      // The error is shown on one line and in full once expanded.
      const details = registry.locator('details');
      await details.locator('summary').click();
      await expect(details.locator('pre')).toHaveText(serverRow.error!);
    }

    // Configuration problems are listed above the rows; the test config has one deliberate mistake.
    expect(report.config_errors).toEqual(
      expect.arrayContaining([expect.stringContaining('ftp://example.invalid')])
    );
    const configErrors = sidebar.locator('.jp-escape-ConfigErrors li');
    await expect(configErrors).toHaveCount(report.config_errors.length);
    await expect(
      sidebar.locator('.jp-escape-ConfigErrors', {
        hasText: 'ftp://example.invalid'
      })
    ).toBeVisible();
    const configBox = await sidebar
      .locator('.jp-escape-ConfigErrors')
      .boundingBox();
    const firstRow = await rows.first().boundingBox();
    expect(configBox!.y).toBeLessThan(firstRow!.y);

    // The live summary counts the rows.
    await expect(sidebar.locator('.jp-escape-Services-summary')).toContainText(
      String(report.services.length)
    );
    await screenshot(
      page,
      testInfo.outputPath.bind(testInfo),
      'services-light'
    );
  });

  test('Refresh checks again and shows the new result', async ({ page }) => {
    await openEscapeSidebar(page);
    const sidebar = page.locator(`#${SIDEBAR_ID}`);
    await expect(sidebar.locator('.jp-escape-Service').first()).toBeVisible();

    const refresh = sidebar.getByRole('button', {
      name: 'Refresh service status'
    });
    const [response] = await Promise.all([
      page.waitForResponse(isStatusResponse),
      refresh.click()
    ]);
    expect(response.status()).toBe(200);
    const report = (await response.json()) as IStatusReport;
    const shownTime = await page.evaluate(
      iso => new Date(iso).toLocaleTimeString(),
      report.checked_at
    );
    await expect(sidebar.locator('.jp-escape-Services-checked')).toContainText(
      shownTime
    );

    // Keyboard: focus the button and press Enter.
    await refresh.focus();
    const [again] = await Promise.all([
      page.waitForResponse(isStatusResponse),
      page.keyboard.press('Enter')
    ]);
    expect(again.status()).toBe(200);

    // One service alone.
    const recheck = sidebar.getByRole('button', {
      name: /^Recheck VO registry/
    });
    const [one] = await Promise.all([
      page.waitForResponse(
        r =>
          isStatusResponse(r) &&
          new URL(r.url()).searchParams.get('service') === 'registry'
      ),
      recheck.click()
    ]);
    expect(one.status()).toBe(200);
    expect((await one.json()).services).toHaveLength(1);
  });

  test('commands are in the palette under ESCAPE', async ({ page }) => {
    const hasCommands = await page.evaluate(() => {
      const commands = window.jupyterapp.commands;
      return [
        commands.hasCommand('escape:open-sidebar'),
        commands.hasCommand('escape:refresh-status')
      ];
    });
    expect(hasCommands).toEqual([true, true]);

    await page.evaluate(() =>
      window.jupyterapp.commands.execute('apputils:activate-command-palette')
    );
    const palette = page.locator('#command-palette');
    await palette.locator('.lm-CommandPalette-input').fill('ESCAPE');
    const openItem = palette.getByRole('menuitem', {
      name: 'Open the ESCAPE Sidebar'
    });
    const refreshItem = palette.getByRole('menuitem', {
      name: 'Refresh ESCAPE Service Status'
    });
    await expect(openItem).toBeVisible();
    await expect(refreshItem).toBeVisible();
    // The modal palette hides category headers while filtering, but they are in the DOM; results sorted by
    // score may split one category into several groups, so there is at least one ESCAPE header.
    expect(
      await palette
        .locator('.lm-CommandPalette-header', { hasText: /^ESCAPE$/ })
        .count()
    ).toBeGreaterThan(0);
    const [response] = await Promise.all([
      page.waitForResponse(isStatusResponse),
      refreshItem.click()
    ]);
    expect(response.status()).toBe(200);
    await expect(page.locator(`#${SIDEBAR_ID}`)).toBeVisible();
  });

  test('the View menu opens the sidebar', async ({ page }) => {
    await page.menu.open('View');
    const item = page.getByRole('menuitem', {
      name: 'Open the ESCAPE Sidebar'
    });
    await expect(item).toBeVisible();
    await item.click();
    await expect(page.locator(`#${SIDEBAR_ID}`)).toBeVisible();
  });

  test('no status polling while the sidebar is closed', async ({ page }) => {
    // Shortest allowed interval, so the test sees automatic refreshes quickly.
    await setEscapeSetting(page, 'refreshInterval', 5);
    await openEscapeSidebar(page);
    const sidebar = page.locator(`#${SIDEBAR_ID}`);
    await expect(sidebar.locator('.jp-escape-Services-checked')).toContainText(
      'auto every 5 s'
    );

    // The interval runs from the end of one check to the start of the next, and a check takes up to the
    // server's check timeout (3 s in the test config): two automatic checks come within ~16 s.
    const visibleCount = countStatusRequests(page);
    await expect
      .poll(visibleCount, { timeout: 20000, intervals: [500] })
      .toBeGreaterThanOrEqual(2);

    await page.sidebar.openTab('filebrowser');
    await expect(sidebar).toBeHidden();
    const hiddenCount = countStatusRequests(page);
    await page.waitForTimeout(11500);
    expect(hiddenCount()).toBe(0);

    // Opening it again refreshes at once (the data is older than the interval).
    const [response] = await Promise.all([
      page.waitForResponse(isStatusResponse),
      openEscapeSidebar(page)
    ]);
    expect(response.status()).toBe(200);

    await setEscapeSetting(page, 'refreshInterval', undefined);
  });

  test('dark theme', async ({ page }, testInfo) => {
    await page.theme.setDarkTheme();
    await openEscapeSidebar(page);
    const sidebar = page.locator(`#${SIDEBAR_ID}`);
    await expect(sidebar.locator('.jp-escape-Service').first()).toBeVisible();
    // Text must stay readable: the row name's colour differs from the panel background.
    const [fg, bg] = await sidebar
      .locator('.jp-escape-Service-name')
      .first()
      .evaluate(el => [
        getComputedStyle(el).color,
        getComputedStyle(document.querySelector('#jp-escape-sidebar')!)
          .backgroundColor
      ]);
    expect(fg).not.toEqual(bg);
    const errorRow = sidebar.locator('.jp-escape-Service[data-health="error"]');
    if ((await errorRow.count()) > 0) {
      await errorRow.first().locator('summary').click();
    }
    await screenshot(page, testInfo.outputPath.bind(testInfo), 'services-dark');
    await page.theme.setLightTheme();
  });
});

test('warns, naming both versions, when the server extension has another version', async ({
  page
}, testInfo) => {
  // The real handshake reply with only the server version changed, as an older server would send it.
  // A predicate, not a glob: JupyterLab appends a cache-busting query string to GET requests.
  const isHandshake = (url: URL) =>
    url.pathname.endsWith('/escape/api/handshake');
  await page.route(isHandshake, async route => {
    const response = await route.fetch();
    const body = await response.json();
    expect(body.server_version).toBe('0.1.0');
    await route.fulfill({
      response,
      json: { ...body, server_version: '0.0.9' }
    });
  });
  await page.reload();
  await openEscapeSidebar(page);
  const banner = page.locator(`#${SIDEBAR_ID} [data-handshake="mismatch"]`);
  await expect(banner).toContainText('0.1.0');
  await expect(banner).toContainText('0.0.9');
  await expect(banner).toHaveAttribute('role', 'alert');
  // The services still load: a version difference warns, it does not block.
  await expect(
    page.locator(`#${SIDEBAR_ID} .jp-escape-Service`).first()
  ).toBeVisible();
  await screenshot(
    page,
    testInfo.outputPath.bind(testInfo),
    'version-mismatch'
  );
});

/**
 * Browser tests through the local stack's JupyterHub (stack/hub): users sign in on the identity provider's own page
 * in the system Chromium, as people do. No web server is started here: the hub, the IdP and the users' servers are
 * components of the stack (`stack/escape-stack up`). Plain Playwright, since Galata's fixtures assume a single
 * JupyterLab with a token.
 */
const base = require('./playwright.config.js');

module.exports = {
  testDir: './hub-tests',
  reporter: [
    ['list'],
    ['html', { open: 'never', outputFolder: 'playwright-report-hub' }]
  ],
  outputDir: 'test-results-hub',
  workers: 1,
  retries: 0,
  timeout: 180 * 1000,
  expect: { timeout: 60 * 1000 },
  use: {
    baseURL: process.env.ESCAPE_HUB_URL || 'http://127.0.0.1:8094',
    video: 'off',
    trace: 'off',
    launchOptions: base.use.launchOptions
  }
};

// The ui-tests Galata setup (system Chromium, test server config), pointed at this folder.
const path = require('path');
const base = require('../../ui-tests/playwright.config.js');

module.exports = {
  ...base,
  testDir: __dirname,
  testMatch: /\.bench\.spec\.ts$/,
  reporter: [['list']],
  projects: [base.projects[0]],
  webServer: [{ ...base.webServer[0], cwd: path.resolve(__dirname, '../../ui-tests') }]
};

// The ui-tests Galata setup (system Chromium, test server config), pointed at this folder (plot benchmarks).
const path = require('path');
const base = require('../../ui-tests/playwright.config.js');

module.exports = {
  ...base,
  testDir: __dirname,
  testMatch: /\.bench\.spec\.ts$/,
  reporter: [['list']],
  projects: [base.projects[0]],
  // The servers of the first project (the Jupyter server with the extension and the Zenodo replay it points at),
  // started from ui-tests like the UI tests' own.
  webServer: base.webServer
    .filter(server => !server.command.includes('no-server-extension'))
    .map(server => ({
      ...server,
      cwd: path.resolve(__dirname, '../../ui-tests')
    }))
};

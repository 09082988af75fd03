/**
 * Galata configuration: the system Chromium, one worker, two Jupyter servers on their own ports.
 *
 *  - project "escape": the server extension enabled, pointed at the local stack;
 *  - project "no-server-extension": same frontend, server extension disabled.
 *
 * Ports: ESCAPE_UI_PORT (default 8899) and ESCAPE_UI_PORT_NOEXT (default 8898); the tests' own Zenodo and
 * Zooniverse replays on ESCAPE_UI_ZENODO_PORT (8897) and ESCAPE_UI_ZOONIVERSE_PORT (8896).
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const baseConfig = require('@jupyterlab/galata/lib/playwright-config');

const port = Number(process.env.ESCAPE_UI_PORT || 8899);
const portNoExt = Number(process.env.ESCAPE_UI_PORT_NOEXT || 8898);
const chromium = process.env.ESCAPE_CHROMIUM || '/usr/bin/chromium';
// The UI tests publish through their own Zenodo API replay, not the stack's one that the demo shows: what they
// deposit goes away with them. Set here, before the servers and the specs (ossr.spec.ts) read it.
const zenodoPort = Number(process.env.ESCAPE_UI_ZENODO_PORT || 8897);
process.env.ESCAPE_ZENODO_PORT = String(zenodoPort);
// Likewise their own Panoptes (Zooniverse) API replay: the spec resets it and uploads subject sets into it, which
// on the stack's replay would wipe and clutter what the demo shows.
const zooniversePort = Number(process.env.ESCAPE_UI_ZOONIVERSE_PORT || 8896);
process.env.ESCAPE_ZOONIVERSE_PORT = String(zooniversePort);
const venvPython = path.resolve(__dirname, '..', '.venv', 'bin', 'python');
const python = fs.existsSync(venvPython) ? venvPython : 'python3';
const zenodoReplay = path.resolve(
  __dirname,
  '..',
  'stack',
  'zenodo',
  'zenodo_replay.py'
);
const zooniverseReplay = path.resolve(
  __dirname,
  '..',
  'stack',
  'zooniverse',
  'panoptes_replay.py'
);
// The servers' own logs (every expected 404 and refused request the tests provoke) go to files, so the test log
// shows the tests; a server that fails to start is reported by Playwright with the file to read.
const serverLogs = path.resolve(__dirname, 'server-logs');
fs.mkdirSync(serverLogs, { recursive: true });
const logTo = name => `>> ${path.join(serverLogs, name)} 2>&1`;

function serverEnv(extra) {
  // Each server gets its own runtime dir so parallel or leftover servers never share connection files.
  const runtime = fs.mkdtempSync(path.join(os.tmpdir(), 'escape-ui-runtime-'));
  // The repository root first on PYTHONPATH: the server runs this tree's jupyter_escape even before
  // (or without) `pip install -e .`.
  const repo = path.resolve(__dirname, '..');
  const pythonPath = [repo, process.env.PYTHONPATH]
    .filter(Boolean)
    .join(path.delimiter);
  return {
    ...process.env,
    JUPYTER_RUNTIME_DIR: runtime,
    PYTHONPATH: pythonPath,
    ...extra
  };
}

module.exports = {
  ...baseConfig,
  testDir: './tests',
  // Never open a browser or serve the HTML report on failure: runs are headless (CI, remote shells).
  reporter: [['list'], ['html', { open: 'never' }]],
  workers: 1,
  // One retry in CI: the 2-core CI machine is shared (software WebGL while a sky view or ipyaladin draws can
  // starve a click; the sky view itself stops rendering when idle, benchmarks/sky/idle.bench.spec.ts). Playwright
  // still reports a retried test as "flaky", so it stays visible.
  retries: process.env.CI ? 1 : 0,
  timeout: 90 * 1000,
  expect: { timeout: 20 * 1000 },
  use: {
    ...baseConfig.use,
    video: 'off',
    trace: 'off',
    launchOptions: {
      executablePath: chromium,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync'
      ]
    }
  },
  projects: [
    {
      name: 'escape',
      testIgnore: /no-server-extension\.spec\.ts/,
      use: { baseURL: `http://127.0.0.1:${port}` }
    },
    {
      name: 'no-server-extension',
      testMatch: /no-server-extension\.spec\.ts/,
      use: { baseURL: `http://127.0.0.1:${portNoExt}` }
    }
  ],
  webServer: [
    {
      command: `${python} ${zenodoReplay} --port ${zenodoPort} ${logTo('zenodo-replay.log')}`,
      url: `http://127.0.0.1:${zenodoPort}/api/records?size=1`,
      timeout: 30 * 1000,
      reuseExistingServer: false
    },
    {
      command: `${python} ${zooniverseReplay} --port ${zooniversePort} ${logTo('zooniverse-replay.log')}`,
      url: `http://127.0.0.1:${zooniversePort}/_replay/state`,
      timeout: 30 * 1000,
      reuseExistingServer: false
    },
    {
      command: `jlpm start ${logTo('jupyter-escape.log')}`,
      url: `http://127.0.0.1:${port}/lab`,
      timeout: 120 * 1000,
      reuseExistingServer: false,
      // SAMP in remote mode: the browser joins the desktop hub itself (samp.spec.ts; docs/samp.md)
      env: serverEnv({
        ESCAPE_UI_PORT: String(port),
        ESCAPE_SAMP_MODE: 'remote'
      })
    },
    {
      command: `jlpm start:no-server-extension ${logTo('jupyter-no-server-extension.log')}`,
      url: `http://127.0.0.1:${portNoExt}/lab`,
      timeout: 120 * 1000,
      reuseExistingServer: false,
      env: serverEnv({ ESCAPE_UI_PORT: String(portNoExt) })
    }
  ]
};

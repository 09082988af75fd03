/**
 * jupyter-escape frontend entry point.
 *
 * Adding a pillar: create `src/<pillar>/index.ts` exporting a `JupyterFrontEndPlugin` that requires
 * `IEscapeSidebar` (and `IEscapeModel` if it needs server state), calls
 * `sidebar.addSection(widget, { rank })` and uses `requestAPI` from './handler'; then add it to the list
 * below. Nothing else in this file needs to change.
 */
import { JupyterFrontEndPlugin } from '@jupyterlab/application';
import { corePlugin, sidebarPlugin } from './plugin';
import { servicesPlugin } from './services';
import { voPlugin } from './vo';
import { skyPlugin } from './sky';
import { ossrPlugin } from './ossr';
import { basketPlugin } from './basket';
import { datalakePlugin } from './datalake';
import { plotsPlugin } from './plots';
import { zooniversePlugin } from './zooniverse';
import { sampPlugin } from './samp';
import { activityPlugin } from './activity';

const plugins: JupyterFrontEndPlugin<unknown>[] = [
  corePlugin,
  sidebarPlugin,
  servicesPlugin,
  voPlugin,
  skyPlugin,
  ossrPlugin,
  basketPlugin,
  datalakePlugin,
  plotsPlugin,
  zooniversePlugin,
  sampPlugin,
  activityPlugin
  // pillars: voPlugin, datalakePlugin, ossrPlugin, basketPlugin, skyPlugin
];

export default plugins;

export * from './tokens';
export { EscapeAPIError, requestAPI } from './handler';

/**
 * The citizen-science (Zooniverse) pillar: a sidebar section over the server's Zooniverse routes. The server holds
 * the credentials and signs in to the Panoptes API; this frontend never sees them.
 */
import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette } from '@jupyterlab/apputils';
import { INotebookTracker } from '@jupyterlab/notebook';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { IEscapeBasket } from '../basket/tokens';
import { insertCode } from '../common/insertCode';
import { LazySection } from '../components/LazySection';
import { EXTENSION_ID, IEscapeSidebar, PALETTE_CATEGORY } from '../tokens';

export const zooniverseCommand = 'escape:zooniverse-open';

export const zooniversePlugin: JupyterFrontEndPlugin<void> = {
  id: `${EXTENSION_ID}:zooniverse`,
  description:
    'Citizen science with Zooniverse: projects, exports into the basket, subject-set uploads.',
  autoStart: true,
  requires: [IEscapeSidebar],
  optional: [ITranslator, ICommandPalette, INotebookTracker, IEscapeBasket],
  activate: (
    app: JupyterFrontEnd,
    sidebar: IEscapeSidebar,
    translator: ITranslator | null,
    palette: ICommandPalette | null,
    tracker: INotebookTracker | null,
    basket: IEscapeBasket | null
  ) => {
    const trans = (translator ?? nullTranslator).load('jupyter_escape');
    const section = new LazySection({
      label: trans.__('Citizen science (Zooniverse)'),
      load: async () =>
        new (await import('./ZooniverseSection')).ZooniverseSection({
          trans,
          basket,
          insertCode: async code => {
            await insertCode(app, tracker, code);
          }
        }),
      failure: error =>
        trans.__('Could not load the Zooniverse section: %1', error)
    });
    sidebar.addSection(section, { rank: 600, collapsed: true });
    app.commands.addCommand(zooniverseCommand, {
      label: trans.__('Open Citizen Science (Zooniverse)'),
      execute: () => sidebar.reveal(section)
    });
    palette?.addItem({
      command: zooniverseCommand,
      category: PALETTE_CATEGORY
    });
  }
};

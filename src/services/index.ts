/**
 * The Services pillar: a sidebar section with the status of every configured service, and the
 * "Refresh ESCAPE service status" command.
 */
import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette } from '@jupyterlab/apputils';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { refreshIcon } from '@jupyterlab/ui-components';
import {
  CommandIDs,
  IEscapeModel,
  IEscapeSidebar,
  PALETTE_CATEGORY,
  PluginIDs
} from '../tokens';
import { ServicesView } from './ServicesView';

export { ServicesView } from './ServicesView';

/** Rank of the Services section: first in the sidebar. */
export const SERVICES_RANK = 100;

export const servicesPlugin: JupyterFrontEndPlugin<void> = {
  id: PluginIDs.services,
  description: 'The Services section of the ESCAPE sidebar.',
  autoStart: true,
  requires: [IEscapeModel, IEscapeSidebar],
  optional: [ITranslator, ICommandPalette],
  activate: (
    app: JupyterFrontEnd,
    model: IEscapeModel,
    sidebar: IEscapeSidebar,
    translator: ITranslator | null,
    palette: ICommandPalette | null
  ) => {
    translator = translator ?? nullTranslator;
    const trans = translator.load('jupyter_escape');
    const view = new ServicesView({ model, translator });
    sidebar.addSection(view, { rank: SERVICES_RANK });

    app.commands.addCommand(CommandIDs.refreshStatus, {
      label: trans.__('Refresh ESCAPE Service Status'),
      caption: trans.__('Check every ESCAPE service again and show the result'),
      icon: args => (args.isPalette ? undefined : refreshIcon),
      execute: async () => {
        sidebar.reveal(view);
        await model.refreshStatus();
      }
    });
    palette?.addItem({
      command: CommandIDs.refreshStatus,
      category: PALETTE_CATEGORY
    });
  }
};

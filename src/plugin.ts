/**
 * The two plugins every pillar builds on: the model (server handshake + status, user settings) and the
 * ESCAPE sidebar.
 */
import {
  ILayoutRestorer,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette } from '@jupyterlab/apputils';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { escapeIcon } from './icons';
import { DEFAULT_REFRESH_INTERVAL, EscapeModel } from './model';
import { EscapeSidebar } from './sidebar';
import {
  CommandIDs,
  IEscapeModel,
  IEscapeSidebar,
  PALETTE_CATEGORY,
  PluginIDs
} from './tokens';

/** Rank in the left area: after the file browser, running sessions and table of contents. */
const SIDEBAR_RANK = 600;

export const corePlugin: JupyterFrontEndPlugin<IEscapeModel> = {
  id: PluginIDs.core,
  description:
    'Talks to the jupyter-escape server extension; holds the user settings.',
  autoStart: true,
  provides: IEscapeModel,
  optional: [ISettingRegistry],
  activate: (
    app: JupyterFrontEnd,
    settingRegistry: ISettingRegistry | null
  ): IEscapeModel => {
    const model = new EscapeModel();
    if (settingRegistry) {
      const apply = (settings: ISettingRegistry.ISettings) => {
        const interval = settings.get('refreshInterval').composite;
        model.refreshInterval =
          typeof interval === 'number' ? interval : DEFAULT_REFRESH_INTERVAL;
      };
      settingRegistry
        .load(PluginIDs.core)
        .then(settings => {
          apply(settings);
          settings.changed.connect(apply);
        })
        .catch(reason => {
          console.error('jupyter-escape: could not load settings.', reason);
        });
    }
    // One cheap request at start-up so a missing server extension is reported before anyone opens a view.
    void app.started.then(() => model.checkHandshake());
    return model;
  }
};

export const sidebarPlugin: JupyterFrontEndPlugin<IEscapeSidebar> = {
  id: PluginIDs.sidebar,
  description: 'The ESCAPE sidebar, to which each pillar adds a section.',
  autoStart: true,
  provides: IEscapeSidebar,
  requires: [IEscapeModel],
  optional: [ITranslator, ILayoutRestorer, ICommandPalette],
  activate: (
    app: JupyterFrontEnd,
    model: IEscapeModel,
    translator: ITranslator | null,
    restorer: ILayoutRestorer | null,
    palette: ICommandPalette | null
  ): IEscapeSidebar => {
    translator = translator ?? nullTranslator;
    const trans = translator.load('jupyter_escape');
    const sidebar = new EscapeSidebar({
      model,
      translator,
      opener: id => app.shell.activateById(id)
    });
    app.shell.add(sidebar, 'left', { rank: SIDEBAR_RANK });
    restorer?.add(sidebar, sidebar.id);

    app.commands.addCommand(CommandIDs.openSidebar, {
      label: trans.__('Open the ESCAPE Sidebar'),
      caption: trans.__('Show the ESCAPE services, data and tools'),
      icon: args => (args.isPalette ? undefined : escapeIcon),
      execute: () => sidebar.reveal()
    });
    palette?.addItem({
      command: CommandIDs.openSidebar,
      category: PALETTE_CATEGORY
    });
    return sidebar;
  }
};

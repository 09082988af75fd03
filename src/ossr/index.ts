/**
 * The software repository (OSSR) pillar: a sidebar section (search), main-area views (record, publish) loaded on
 * first use so the eager bundle stays small, palette commands and a "Publish to the OSSR" entry on folders in
 * the file browser.
 */
import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette, InputDialog, Sanitizer } from '@jupyterlab/apputils';
import { IDefaultFileBrowser } from '@jupyterlab/filebrowser';
import { INotebookTracker } from '@jupyterlab/notebook';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { registerActivitySource } from '../activity/registry';
import { insertCode } from '../common/insertCode';
import { LazySection } from '../components/LazySection';
import { lazy, mainAreaOpener } from '../common/mainArea';
import { EXTENSION_ID, IEscapeSidebar, PALETTE_CATEGORY } from '../tokens';
import { ossrActivity } from './activitySource';
import { IConfig, ossrAPI } from './api';
import { IOSSRContext } from './context';

export namespace OSSRCommandIDs {
  export const openRecord = 'escape:ossr-open-record';
  export const publishFolder = 'escape:ossr-publish-folder';
  export const search = 'escape:ossr-search';
}

export const ossrPlugin: JupyterFrontEndPlugin<void> = {
  id: `${EXTENSION_ID}:ossr`,
  description:
    'Software repository (OSSR): search, records, citations, downloads, installs and publishing.',
  autoStart: true,
  requires: [IEscapeSidebar],
  optional: [
    ITranslator,
    ICommandPalette,
    INotebookTracker,
    IDefaultFileBrowser
  ],
  activate: (
    app: JupyterFrontEnd,
    sidebar: IEscapeSidebar,
    translator: ITranslator | null,
    palette: ICommandPalette | null,
    tracker: INotebookTracker | null,
    browser: IDefaultFileBrowser | null
  ) => {
    translator = translator ?? nullTranslator;
    const trans = translator.load('jupyter_escape');
    registerActivitySource(ossrActivity);
    let config: Promise<IConfig> | null = null;
    const show = mainAreaOpener(
      app,
      lazy(() => import('./views')),
      error => trans.__('Could not open the OSSR view: %1', error)
    );

    const ctx: IOSSRContext = {
      app,
      trans,
      sanitizer: new Sanitizer(),
      tracker,
      config: () => {
        config ??= ossrAPI.config().catch(error => {
          config = null; // ask again next time
          throw error;
        });
        return config;
      },
      openRecord: (id, title) => {
        void show(`record ${id}`, v => new v.RecordView(ctx, id, title));
      },
      openPublish: path => {
        void show(`publish ${path}`, v => new v.PublishView(ctx, path));
      },
      currentFolder: () => browser?.model.path ?? '',
      insertCode: async code => {
        await insertCode(app, tracker, code);
      }
    };

    const section = new LazySection({
      label: trans.__('Software (OSSR)'),
      load: async () => new (await import('./OSSRSection')).OSSRSection(ctx),
      failure: error => trans.__('Could not load the OSSR section: %1', error)
    });
    sidebar.addSection(section, { rank: 400 });

    app.commands.addCommand(OSSRCommandIDs.search, {
      label: trans.__('Search the Software Repository (OSSR)'),
      execute: () => sidebar.reveal(section)
    });
    app.commands.addCommand(OSSRCommandIDs.openRecord, {
      label: trans.__('Open an OSSR Record…'),
      caption: trans.__(
        'Open a record of the software repository by id or DOI'
      ),
      execute: async args => {
        let id = args.id as string | number | undefined;
        if (id === undefined) {
          const result = await InputDialog.getText({
            title: trans.__('Record id, concept id or Zenodo DOI'),
            placeholder: '7003 or 10.5281/zenodo.7003',
            okLabel: trans.__('Open')
          });
          if (!result.button.accept || !result.value) {
            return;
          }
          id = result.value.trim().replace(/^.*zenodo\./i, '');
        }
        ctx.openRecord(id);
      }
    });
    app.commands.addCommand(OSSRCommandIDs.publishFolder, {
      label: args =>
        args.isContextMenu
          ? trans.__('Publish to the OSSR…')
          : trans.__('Publish a Folder to the OSSR…'),
      caption: trans.__(
        'Generate codemeta.json, check it against the OSSR rules and deposit the folder'
      ),
      execute: args => {
        let path = args.path as string | undefined;
        if (path === undefined && browser) {
          const item = browser.selectedItems().next();
          const selected = item && !item.done ? item.value : undefined;
          path =
            args.isContextMenu && selected?.type === 'directory'
              ? selected.path
              : browser.model.path;
        }
        ctx.openPublish(path ?? '');
      }
    });
    if (browser) {
      app.contextMenu.addItem({
        command: OSSRCommandIDs.publishFolder,
        args: { isContextMenu: true },
        selector: '.jp-DirListing-item[data-isdir="true"]',
        rank: 60
      });
    }
    for (const command of Object.values(OSSRCommandIDs)) {
      palette?.addItem({ command, category: PALETTE_CATEGORY });
    }
  }
};

/**
 * The data lake (Rucio) pillar: the "Data lake" sidebar section (instances and their auth state, Explore),
 * main-area views loaded on first use (DID details with staging, Transfers, RSEs & quota, Upload), palette
 * commands and "Upload to data lake…" on files in the file browser.
 */
import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette, InputDialog } from '@jupyterlab/apputils';
import { IDefaultFileBrowser } from '@jupyterlab/filebrowser';
import { INotebookTracker } from '@jupyterlab/notebook';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { IEscapeBasket } from '../basket/tokens';
import { lazy, mainAreaOpener } from '../common/mainArea';
import { LazySection } from '../components/LazySection';
import { ISkyViewer } from '../sky/tokens';
import { EXTENSION_ID, IEscapeSidebar, PALETTE_CATEGORY } from '../tokens';
import { datalakeContext } from './datalakeContext';
import { DatalakeModel } from './model';

export namespace DatalakeCommandIDs {
  export const open = 'escape:datalake-open';
  export const openDID = 'escape:datalake-open-did';
  export const transfers = 'escape:datalake-transfers';
  export const storage = 'escape:datalake-storage';
  export const upload = 'escape:datalake-upload';
}

export const datalakePlugin: JupyterFrontEndPlugin<void> = {
  id: `${EXTENSION_ID}:datalake`,
  description:
    'Rucio data lake: browse, stage (download or replica), use in notebooks, upload back.',
  autoStart: true,
  requires: [IEscapeSidebar],
  optional: [
    ITranslator,
    ICommandPalette,
    INotebookTracker,
    IDefaultFileBrowser,
    IEscapeBasket,
    ISkyViewer
  ],
  activate: (
    app: JupyterFrontEnd,
    sidebar: IEscapeSidebar,
    translator: ITranslator | null,
    palette: ICommandPalette | null,
    tracker: INotebookTracker | null,
    browser: IDefaultFileBrowser | null,
    basket: IEscapeBasket | null,
    sky: ISkyViewer | null
  ) => {
    translator = translator ?? nullTranslator;
    const trans = translator.load('jupyter_escape');
    const model = new DatalakeModel();

    // Views name instances and map server paths with the instance list: have it before the first view opens.
    const ensureModel = async () => {
      if (!model.loaded || model.instances.length === 0) {
        await model.load();
      }
    };

    const views = lazy(() => import('./views'));
    const show = mainAreaOpener(
      app,
      () => Promise.all([views(), ensureModel()]).then(([v]) => v),
      error => trans.__('Could not open the data lake view: %1', error)
    );

    const ctx = datalakeContext({
      app,
      trans,
      model,
      tracker,
      basket,
      sky,
      show,
      revealSection: () => sidebar.reveal(section)
    });

    const section = new LazySection({
      label: trans.__('Data lake'),
      load: async () =>
        new (await import('./DatalakeSection')).DatalakeSection(ctx),
      failure: error =>
        trans.__('Could not load the data lake section: %1', error)
    });
    sidebar.addSection(section, { rank: 300 });

    app.commands.addCommand(DatalakeCommandIDs.open, {
      label: trans.__('Explore the Data Lake (Rucio)'),
      execute: () => sidebar.reveal(section)
    });
    app.commands.addCommand(DatalakeCommandIDs.transfers, {
      label: trans.__('Data Lake Transfers'),
      caption: trans.__('Staging jobs and uploads, with progress and logs'),
      execute: args => ctx.openTransfers(args.job as string | undefined)
    });
    app.commands.addCommand(DatalakeCommandIDs.storage, {
      label: trans.__('Data Lake RSEs and Quota'),
      execute: async args => {
        await ensureModel();
        ctx.openStorage((args.instance as string) || model.current);
      }
    });
    app.commands.addCommand(DatalakeCommandIDs.openDID, {
      label: trans.__('Open a Data Lake DID…'),
      caption: trans.__('Details, replicas and rules of scope:name; stage it'),
      execute: async args => {
        await ensureModel();
        let did = args.did as string | undefined;
        if (!did) {
          const result = await InputDialog.getText({
            title: trans.__('Data identifier (scope:name)'),
            placeholder: 'escape_demo:hst_acs_m51',
            okLabel: trans.__('Open')
          });
          if (!result.button.accept || !result.value) {
            return;
          }
          did = result.value.trim();
        }
        ctx.openDetails((args.instance as string) || model.current, did);
      }
    });
    app.commands.addCommand(DatalakeCommandIDs.upload, {
      label: args =>
        args.isContextMenu
          ? trans.__('Upload to data lake…')
          : trans.__('Upload a File to the Data Lake…'),
      caption: trans.__(
        'Upload to an RSE, attach to a dataset, set metadata; the stored checksum is confirmed'
      ),
      execute: args => {
        let path = args.path as string | undefined;
        if (path === undefined && browser && args.isContextMenu) {
          const item = browser.selectedItems().next();
          const selected = item && !item.done ? item.value : undefined;
          path = selected?.type !== 'directory' ? selected?.path : undefined;
        }
        ctx.openUpload(path ?? '');
      }
    });
    if (browser) {
      app.contextMenu.addItem({
        command: DatalakeCommandIDs.upload,
        args: { isContextMenu: true },
        selector: '.jp-DirListing-item[data-isdir="false"]',
        rank: 61
      });
    }
    for (const command of Object.values(DatalakeCommandIDs)) {
      palette?.addItem({ command, category: PALETTE_CATEGORY });
    }
  }
};

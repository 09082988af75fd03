/**
 * The data lake (Rucio) pillar: the "Data lake" sidebar section (instances and their auth state, Explore),
 * main-area views loaded on first use (DID details with staging, Transfers, RSEs & quota, Upload), palette
 * commands and "Upload to data lake…" on files in the file browser.
 */
import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import {
  ICommandPalette,
  InputDialog,
  Notification
} from '@jupyterlab/apputils';
import { IDefaultFileBrowser } from '@jupyterlab/filebrowser';
import { INotebookTracker } from '@jupyterlab/notebook';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { IEscapeBasket } from '../basket/tokens';
import { insertCode } from '../common/insertCode';
import { lazy, mainAreaOpener } from '../common/mainArea';
import { ISkyViewer } from '../sky/tokens';
import { EXTENSION_ID, IEscapeSidebar, PALETTE_CATEGORY } from '../tokens';
import { datalakeAPI, splitDID } from './api';
import { IDatalakeContext } from './context';
import { DatalakeSection } from './DatalakeSection';
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

    const ctx: IDatalakeContext = {
      app,
      trans,
      model,
      basket,
      sky,
      openDetails: (instance, did) =>
        void show(
          `did ${instance} ${did}`,
          v => new v.DIDView(ctx, instance, did)
        ),
      browse: (instance, did, type) => {
        model.requestBrowse(instance, did, type);
        sidebar.reveal(section);
      },
      openTransfers: jobId =>
        void show('transfers', v => new v.TransfersView(ctx, jobId)).then(w => {
          if (jobId) {
            w.select(jobId);
          }
        }),
      openStorage: instance =>
        void show(`storage ${instance}`, v => new v.StorageView(ctx, instance)),
      openUpload: path =>
        void show(
          `upload ${path ?? ''}`,
          v => new v.UploadView(ctx, path ?? '')
        ),
      stage: async (instance, did, mode) => {
        const job = await datalakeAPI.stage(instance, did, mode);
        model.touchJobs(job.id);
        Notification.info(
          job.joined
            ? trans.__('%1 is already being staged: following that job.', did)
            : trans.__('Staging %1 (%2 mode).', did, mode),
          {
            autoClose: 4000,
            actions: [
              {
                label: trans.__('Transfers'),
                callback: () => ctx.openTransfers(job.id)
              }
            ]
          }
        );
        return job;
      },
      showCode: async (instance, did) => {
        const reply = await datalakeAPI.code(instance, did);
        await insertCode(app, tracker, reply.python);
      },
      insertCode: async code => {
        await insertCode(app, tracker, code);
      },
      openInBrowser: async path => {
        await app.commands.execute('filebrowser:go-to-path', { path });
      },
      addToBasket: async (instance, did, type) => {
        if (!basket) {
          throw new Error(trans.__('The research basket is not installed'));
        }
        const [scope, name] = splitDID(did);
        await basket.add({
          kind: 'datalake_did',
          title: did,
          source: model.label(instance),
          payload: {
            scope,
            name,
            instance,
            ...(type ? { did_type: type } : {})
          }
        });
        Notification.success(trans.__('%1 added to the basket.', did), {
          autoClose: 3000
        });
      },
      showOnSky: async (path, name) => {
        if (!sky) {
          throw new Error(trans.__('The sky view is not installed'));
        }
        await sky.showFITS(name, path);
      }
    };

    const section = new DatalakeSection(ctx);
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

/**
 * What every data-lake view is given (IDatalakeContext): the model, and the actions that reach the rest of
 * JupyterLab (open a view in the main area, insert code in a notebook, the basket, the sky view) and the
 * server (stage, the code of a DID). Built once by the plugin.
 */
import { JupyterFrontEnd } from '@jupyterlab/application';
import { Notification } from '@jupyterlab/apputils';
import { INotebookTracker } from '@jupyterlab/notebook';
import { TranslationBundle } from '@jupyterlab/translation';
import { IEscapeBasket } from '../basket/tokens';
import { insertCode } from '../common/insertCode';
import { MainAreaOpener } from '../common/mainArea';
import { ISkyViewer } from '../sky/tokens';
import { datalakeAPI, splitDID } from './api';
import { IDatalakeContext } from './context';
import { DatalakeModel } from './model';
import type * as Views from './views';

export interface IDatalakeContextOptions {
  app: JupyterFrontEnd;
  trans: TranslationBundle;
  model: DatalakeModel;
  tracker: INotebookTracker | null;
  basket: IEscapeBasket | null;
  sky: ISkyViewer | null;
  /** Opens (or brings forward) one main-area view, loading the views on first use. */
  show: MainAreaOpener<typeof Views>;
  /** Shows the Data lake section in the sidebar. */
  revealSection: () => void;
}

export function datalakeContext(
  options: IDatalakeContextOptions
): IDatalakeContext {
  const { app, trans, model, tracker, basket, sky, show, revealSection } =
    options;
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
      revealSection();
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
      void show(`upload ${path ?? ''}`, v => new v.UploadView(ctx, path ?? '')),
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
  return ctx;
}

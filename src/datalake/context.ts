/** What every data lake view needs from the plugin: translations, the shared model, opening views, actions. */
import { JupyterFrontEnd } from '@jupyterlab/application';
import { TranslationBundle } from '@jupyterlab/translation';
import type { IEscapeBasket } from '../basket/tokens';
import type { ISkyViewer } from '../sky/tokens';
import type { IStageJob } from './api';
import type { DatalakeModel } from './model';

export interface IDatalakeContext {
  app: JupyterFrontEnd;
  trans: TranslationBundle;
  model: DatalakeModel;
  basket: IEscapeBasket | null;
  sky: ISkyViewer | null;
  /** Open (or focus) the details of a DID of an instance. */
  openDetails(instance: string, did: string): void;
  /** Show the contents of a container or dataset in the sidebar's Explore pane. */
  browse(instance: string, did: string, type: string): void;
  /** Open the Transfers view, optionally on one job. */
  openTransfers(jobId?: string): void;
  /** Open the RSEs and quota view of an instance. */
  openStorage(instance: string): void;
  /** Open the upload dialog for a file relative to the server root ('' to pick one). */
  openUpload(path?: string): void;
  /** Start staging; opens the Transfers view on the job and says so. */
  stage(
    instance: string,
    did: string,
    mode: 'download' | 'replica'
  ): Promise<IStageJob>;
  /** Insert the notebook code reaching a DID (from the server's snippet) into the current notebook. */
  showCode(instance: string, did: string): Promise<void>;
  /** Insert given notebook code (a server-built snippet) into the current notebook. */
  insertCode(code: string): Promise<void>;
  /** Reveal a file or folder (relative to the server root) in the file browser. */
  openInBrowser(path: string): Promise<void>;
  /** Add a DID to the research basket (when the basket is installed). */
  addToBasket(instance: string, did: string, type?: string): Promise<void>;
  /** Show a staged FITS file (relative to the server root) in a sky view (when the sky plugin is installed). */
  showOnSky(path: string, name: string): Promise<void>;
}

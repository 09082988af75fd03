/** What the basket's views need from the plugin (translations, the model, opening other views). */
import { JupyterFrontEnd } from '@jupyterlab/application';
import { ITranslator, TranslationBundle } from '@jupyterlab/translation';
import type { ISkyViewer } from '../sky/tokens';
import type { BasketModel } from './model';
import type { ClusterModel } from './cluster';
import type { XMatchRef } from './api';
import type { IBasketItem } from './tokens';

export interface IBasketContext {
  app: JupyterFrontEnd;
  translator: ITranslator;
  trans: TranslationBundle;
  model: BasketModel;
  /** The server's Dask cluster and the cross-match jobs on it. */
  cluster: ClusterModel;
  /** Sky views, when the sky plugin is there. */
  sky: ISkyViewer | null;
  /** Show an item's rows in the grid (main area). */
  openTable(item: IBasketItem): void;
  /** Show an item's PROV-JSON (main area). */
  openProvenance(item: IBasketItem): void;
  /** The workspace database console, optionally with a query in the editor. */
  openConsole(sql?: string): void;
  /** The cross-match view, optionally with inputs chosen. */
  openCrossmatch(left?: XMatchRef, right?: XMatchRef): void;
  /** Insert code below the active cell of the current notebook (or in a new notebook). */
  insertCode(code: string): Promise<void>;
}

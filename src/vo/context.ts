/** What every VO view needs from the plugin: translations, opening other views, inserting code. */
import { JupyterFrontEnd } from '@jupyterlab/application';
import { ISanitizer } from '@jupyterlab/apputils';
import { ITranslator, TranslationBundle } from '@jupyterlab/translation';
import type { ISkyViewer } from '../sky/tokens';

export interface IDalTarget {
  kind: string;
  url: string;
  label: string;
}

export interface IVOContext {
  app: JupyterFrontEnd;
  translator: ITranslator;
  trans: TranslationBundle;
  sanitizer: ISanitizer;
  /** Sky views, when the sky plugin is there. */
  sky: ISkyViewer | null;
  openRegistry(keywords?: string): void;
  openService(url: string, title?: string): void;
  openJobs(serviceUrl?: string): void;
  openDal(targets?: IDalTarget[]): void;
  /** Insert code below the active cell of the current notebook (or in a new notebook). */
  insertCode(code: string): Promise<void>;
}

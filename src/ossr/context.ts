/** What every OSSR view needs from the plugin: translations, the sanitizer, opening views, inserting code. */
import { JupyterFrontEnd } from '@jupyterlab/application';
import { ISanitizer } from '@jupyterlab/apputils';
import { INotebookTracker } from '@jupyterlab/notebook';
import { TranslationBundle } from '@jupyterlab/translation';
import { IConfig } from './api';

export interface IOSSRContext {
  app: JupyterFrontEnd;
  trans: TranslationBundle;
  sanitizer: ISanitizer;
  tracker: INotebookTracker | null;
  /** The server's repository configuration (asked once; never holds a token). */
  config(): Promise<IConfig>;
  /** Open (or focus) the record view of a record id or concept id. */
  openRecord(id: number | string, title?: string): void;
  /** Open the publish view for a folder relative to the server root ('' = the root). */
  openPublish(path: string): void;
  /** The folder the file browser shows ('' when unknown). */
  currentFolder(): string;
  /** Insert code below the active cell of the current notebook (or in a new notebook). */
  insertCode(code: string): Promise<void>;
}

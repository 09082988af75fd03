/**
 * What the record's "Cite" and "Show me the code" panels share (citationModel.ts, snippetsModel.ts): the error
 * of the last fetch, and the status line after "Copy" or "Insert into notebook". A panel's model lives as long
 * as the panel is open (RecordModel makes and disposes it).
 */
import { Clipboard } from '@jupyterlab/apputils';
import { ISignal, Signal } from '@lumino/signaling';
import { IRecordView } from './api';
import { IOSSRContext } from './context';

/** How long "Copied to the clipboard" stays. */
const COPIED_MS = 2500;

/** What Cite and Code share: a fetch error, a changed signal, and the copy / insert status line. */
export abstract class RecordPanelModel {
  constructor(
    protected ctx: IOSSRContext,
    readonly record: IRecordView
  ) {}

  error: unknown = null;
  /** "Copied to the clipboard" for a moment after Copy. */
  copied: string | null = null;
  /** What the last "Insert into notebook" did. */
  inserted: string | null = null;

  get changed(): ISignal<this, void> {
    return this._changed;
  }

  copy(text: string): void {
    Clipboard.copyToSystem(text);
    this.copied = this.ctx.trans.__('Copied to the clipboard');
    this.emit();
    window.clearTimeout(this._copiedTimer);
    this._copiedTimer = window.setTimeout(() => {
      this.copied = null;
      this.emit();
    }, COPIED_MS);
  }

  /** Fetch again after an error. */
  abstract retry(): void;

  dispose(): void {
    this.disposed = true;
    window.clearTimeout(this._copiedTimer);
    Signal.clearData(this);
  }

  protected async insert(code: string, done: string): Promise<void> {
    await this.ctx.insertCode(code);
    this.inserted = done;
    this.emit();
  }

  protected emit(): void {
    if (!this.disposed) {
      this._changed.emit();
    }
  }

  protected disposed = false;
  private _copiedTimer = 0;
  private _changed = new Signal<this, void>(this);
}

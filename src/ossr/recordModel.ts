/**
 * State of a record view: the record asked for (by id, concept id or DOI; versions navigate), the last record
 * loaded and the error of the last load, the action panel open (its own model, made when it opens and
 * disposed when it closes), and "Add to basket".
 */
import { ISignal, Signal } from '@lumino/signaling';
import { addToBasket, basketAvailable, IRecordView, ossrAPI } from './api';
import { IOSSRContext } from './context';
import { DownloadModel } from './downloadModel';
import { InstallModel } from './installModel';
import { CitationModel } from './citationModel';
import { SnippetsModel } from './snippetsModel';

/** The open action panel and its model. */
export type RecordPanel =
  | { kind: 'cite'; model: CitationModel }
  | { kind: 'code'; model: SnippetsModel }
  | { kind: 'download'; model: DownloadModel }
  | { kind: 'install'; model: InstallModel };

export type PanelKind = RecordPanel['kind'];

export class RecordModel {
  constructor(
    private _ctx: IOSSRContext,
    initialId: number | string
  ) {
    this.id = initialId;
    void basketAvailable().then(available => {
      this.basketAvailable = available;
      this._emit();
    });
    this.reload();
  }

  /** The id asked for. */
  id: number | string;
  /** The last record loaded (may be another version while the one asked for loads). */
  record: IRecordView | null = null;
  error: unknown = null;
  panel: RecordPanel | null = null;
  basketAvailable = false;
  basketState: 'adding' | 'added' | null = null;
  basketError: unknown = null;

  get changed(): ISignal<this, void> {
    return this._changed;
  }

  /** The record loaded when it is the one asked for. */
  get current(): IRecordView | null {
    const r = this.record;
    return r &&
      (String(r.id) === String(this.id) ||
        String(r.requested_id) === String(this.id))
      ? r
      : null;
  }

  /** Another version (or record). */
  goTo(id: number | string): void {
    this.id = id;
    this.reload();
  }

  /** Load (again) the record asked for; an answer for an id no longer asked for is dropped. */
  reload(): void {
    const id = this.id;
    this.error = null;
    this.basketState = null;
    this.basketError = null;
    this._emit();
    ossrAPI.record(id).then(
      record => {
        if (id !== this.id) {
          return;
        }
        this.record = record;
        if (this.panel) {
          // the open panel acts on the record shown
          this.panel = this._makePanel(this.panel.kind, record);
        }
        this._emit();
      },
      error => {
        if (id === this.id) {
          this.error = error;
          this._emit();
        }
      }
    );
  }

  /** Open a panel, or close it when it is the one open. */
  togglePanel(kind: PanelKind): void {
    const record = this.current;
    this.panel =
      this.panel?.kind === kind || !record
        ? this._makePanel(null, record)
        : this._makePanel(kind, record);
    this._emit();
  }

  async addToBasket(): Promise<void> {
    const record = this.current;
    if (!record) {
      return;
    }
    this.basketState = 'adding';
    this.basketError = null;
    this._emit();
    try {
      await addToBasket(record);
      this.basketState = 'added';
    } catch (error) {
      this.basketState = null;
      this.basketError = error;
    }
    this._emit();
  }

  dispose(): void {
    if (this._disposed) {
      return;
    }
    this._disposed = true;
    this.panel?.model.dispose();
    Signal.clearData(this);
  }

  private _makePanel(
    kind: PanelKind | null,
    record: IRecordView | null
  ): RecordPanel | null {
    this.panel?.model.dispose();
    if (!kind || !record) {
      return null;
    }
    const ctx = this._ctx;
    switch (kind) {
      case 'cite':
        return { kind, model: new CitationModel(ctx, record) };
      case 'code':
        return { kind, model: new SnippetsModel(ctx, record) };
      case 'download':
        return { kind, model: new DownloadModel(record) };
      case 'install':
        return {
          kind,
          model: new InstallModel(
            record,
            () =>
              ctx.tracker?.currentWidget?.sessionContext.session?.kernel?.name
          )
        };
    }
  }

  private _emit(): void {
    if (!this._disposed) {
      this._changed.emit();
    }
  }

  private _disposed = false;
  private _changed = new Signal<this, void>(this);
}

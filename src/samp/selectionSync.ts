/**
 * Selections between the page and the desktop, through the shared RowSelection models (src/plots/selection.ts):
 * a change made in the grid, the plots or the sky goes to the desktop as table.select.rowList (debounced);
 * one from the desktop is set with origin 'samp', so the grid and the sky follow. State and signals only.
 */
import { ISignal, Signal } from '@lumino/signaling';
import type { SelectionRegistry } from '../plots/selection';
import { sourceKey } from '../plots/selection';
import { ISampEvent, ISampReply, ISampSource } from './api';
import { ISampTransport } from './transports';

const SELECTION_DEBOUNCE_MS = 300;

export interface ISampSelectionSent {
  tableId: string;
  rows: number[];
  replies: ISampReply[];
}

/** The selection models know VO results and basket items by these keys; a file is its own source. */
export function selectionSource(source: ISampSource) {
  return source.kind === 'file'
    ? { kind: 'file' as const, path: source.path }
    : source.kind === 'basket'
      ? { kind: 'basket' as const, item: source.item }
      : { kind: 'vo-result' as const, id: source.id };
}

export class SelectionSync {
  constructor(
    readonly selections: SelectionRegistry | null,
    private _transport: () => ISampTransport | null
  ) {
    selections?.changed.connect(this._onSelection, this);
  }

  /** The last row selection sent to the desktop, with each client's answer. */
  get last(): ISampSelectionSent | null {
    return this._last;
  }

  /** Why the last selection was refused (or failed), null when every client took it. */
  get error(): string | null {
    return this._error;
  }

  get changed(): ISignal<this, void> {
    return this._changed;
  }

  /** A table went to the desktop under `tableId`: selections in it go there too, and come back to it. */
  sent(source: ISampSource, tableId: string): void {
    this._sent.set(sourceKey(selectionSource(source)), { tableId, source });
    this._byTableId.set(tableId, source);
  }

  /** A selection made on the desktop: the grid and the sky follow. */
  apply(event: ISampEvent): void {
    if (!this.selections) {
      return;
    }
    const source =
      event.source ??
      (event.table_id ? this._byTableId.get(event.table_id) : null);
    if (source) {
      this.selections
        .get(selectionSource(source))
        .set(event.rows ?? [], 'samp', {
          samp: { sender: event.sender?.name, table_id: event.table_id }
        });
    }
  }

  dispose(): void {
    this.selections?.changed.disconnect(this._onSelection, this);
    this._pending.forEach(t => clearTimeout(t));
    Signal.clearData(this);
  }

  private _onSelection(
    _: SelectionRegistry,
    args: {
      selection: { key: string };
      change: { rows: Int32Array; origin: string };
    }
  ): void {
    const sent = this._sent.get(args.selection.key);
    const transport = this._transport();
    if (!sent || args.change.origin === 'samp' || !transport) {
      return;
    }
    clearTimeout(this._pending.get(sent.tableId));
    const rows = Array.from(args.change.rows);
    this._pending.set(
      sent.tableId,
      window.setTimeout(() => {
        void transport.select(sent.tableId, rows).then(
          replies => {
            this._last = { tableId: sent.tableId, rows, replies };
            this._note(replies);
          },
          error => this._note([], (error as Error).message)
        );
      }, SELECTION_DEBOUNCE_MS)
    );
  }

  private _note(replies: ISampReply[], error?: string): void {
    const refused = replies.filter(
      r => r.status === 'error' || r.status === 'timeout'
    );
    this._error =
      error ?? (refused.length ? refused.map(r => r.error).join('; ') : null);
    this._changed.emit();
  }

  private _last: ISampSelectionSent | null = null;
  private _error: string | null = null;
  private _sent = new Map<string, { tableId: string; source: ISampSource }>();
  private _byTableId = new Map<string, ISampSource>();
  private _pending = new Map<string, number>();
  private _changed = new Signal<this, void>(this);
}

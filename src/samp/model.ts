/**
 * SAMP state for the page: the mode, the hub and its clients, what was sent (to map selections back), and the
 * loop that brings in what desktop tools send. Selections travel through the shared RowSelection models
 * (src/plots/selection.ts): a change made in the grid, the plots or the sky goes to the desktop as
 * table.select.rowList; one from the desktop is set with origin 'samp', so the grid and the sky follow.
 */
import { ISignal, Signal } from '@lumino/signaling';
import type { SelectionRegistry } from '../plots/selection';
import { sourceKey } from '../plots/selection';
import {
  IPrepared,
  ISampEvent,
  ISampReply,
  ISampSource,
  ISampPoint,
  ISampStatus,
  pointCode,
  sampAPI
} from './api';
import { ISampTransport, LocalTransport } from './transports';
import { WebTransport } from './webTransport';

const SELECTION_DEBOUNCE_MS = 300;

export interface ISampSelectionSent {
  tableId: string;
  rows: number[];
  replies: ISampReply[];
}

export class SampModel {
  constructor(readonly selections: SelectionRegistry | null) {
    selections?.changed.connect(this._onSelection, this);
  }

  get status(): ISampStatus | null {
    return this._status;
  }

  get error(): string | null {
    return this._error;
  }

  get lastSend(): IPrepared | null {
    return this._lastSend;
  }

  /** Why the last send failed (no hub, nobody takes it, the hub went away), until one succeeds. */
  get sendError(): string | null {
    return this._sendError;
  }

  /** The last row selection sent to the desktop, with each client's answer. */
  get lastSelection(): ISampSelectionSent | null {
    return this._lastSelection;
  }

  /** The last sky position sent or received (coord.pointAt.sky), for the section's position field. */
  get lastPoint(): ISampPoint | null {
    return this._lastPoint;
  }

  get changed(): ISignal<this, void> {
    return this._changed;
  }

  /** Every event from the desktop (the plugin notifies tables, points the sky). */
  get received(): ISignal<this, ISampEvent> {
    return this._received;
  }

  async refresh(): Promise<ISampStatus | null> {
    try {
      if (!this._transport) {
        // The server decides the mode (docs/samp.md); in remote mode the browser does the talking.
        const server = await sampAPI.status();
        this._transport =
          server.mode === 'remote' ? new WebTransport() : new LocalTransport();
      }
      this._status = await this._transport.status();
      this._error = null;
      if (this._status.hub) {
        this._startLoop();
      }
    } catch (error) {
      this._error = (error as Error).message;
    }
    this._changed.emit();
    return this._status;
  }

  /** Remote mode: join the desktop's hub (its user may be asked to accept this page). */
  async connect(): Promise<void> {
    if (!this._transport) {
      await this.refresh();
    }
    await this._transport?.connect?.();
    await this.refresh();
  }

  async startHub(): Promise<void> {
    this._status = await sampAPI.startHub();
    this._changed.emit();
    await this.refresh();
  }

  async send(
    source: ISampSource,
    to?: string,
    name?: string
  ): Promise<IPrepared> {
    if (!this._transport || !this._status?.hub) {
      await this.refresh();
    }
    let sent: IPrepared;
    try {
      if (!this._transport) {
        throw new Error(this._error ?? 'SAMP is not available');
      }
      sent = await this._transport.send(source, to, name);
      this._sendError = null;
    } catch (error) {
      this._sendError = (error as Error).message;
      this._changed.emit();
      throw error;
    }
    this._sent.set(sourceKey(this._selectionSource(source)), {
      tableId: sent.table_id,
      source
    });
    this._byTableId.set(sent.table_id, source);
    this._lastSend = sent;
    this._changed.emit();
    return sent;
  }

  /** coord.pointAt.sky to every client that takes it (or one). */
  async point(ra: number, dec: number, to?: string): Promise<ISampPoint> {
    if (!this._transport || !this._status?.hub) {
      await this.refresh();
    }
    if (!this._transport) {
      throw new Error(this._error ?? 'SAMP is not available');
    }
    const replies = await this._transport.point(ra, dec, to);
    this._lastPoint = { ra, dec, replies, code: pointCode(ra, dec) };
    this._changed.emit();
    return this._lastPoint;
  }

  /** The selection models know VO results and basket items by these keys; a file is its own source. */
  private _selectionSource(source: ISampSource) {
    return source.kind === 'file'
      ? { kind: 'file' as const, path: source.path }
      : source.kind === 'basket'
        ? { kind: 'basket' as const, item: source.item }
        : { kind: 'vo-result' as const, id: source.id };
  }

  dispose(): void {
    this._disposed = true;
    this.selections?.changed.disconnect(this._onSelection, this);
    this._transport?.dispose();
  }

  private _onSelection(
    _: SelectionRegistry,
    args: {
      selection: { key: string };
      change: { rows: Int32Array; origin: string };
    }
  ): void {
    const sent = this._sent.get(args.selection.key);
    if (!sent || args.change.origin === 'samp' || !this._transport) {
      return;
    }
    clearTimeout(this._pending.get(sent.tableId));
    const rows = Array.from(args.change.rows);
    this._pending.set(
      sent.tableId,
      window.setTimeout(() => {
        void this._transport!.select(sent.tableId, rows).then(
          replies => {
            this._lastSelection = { tableId: sent.tableId, rows, replies };
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

  private _startLoop(): void {
    if (this._looping || this._disposed) {
      return;
    }
    this._looping = true;
    void (async () => {
      while (!this._disposed && this._status?.hub) {
        try {
          for (const event of await this._transport!.nextEvents()) {
            this._apply(event);
          }
        } catch {
          await new Promise(resolve => setTimeout(resolve, 5000));
          await this.refresh();
        }
      }
      this._looping = false;
    })();
  }

  private _apply(event: ISampEvent): void {
    if (event.type === 'select' && this.selections) {
      const source =
        event.source ??
        (event.table_id ? this._byTableId.get(event.table_id) : null);
      if (source) {
        this.selections
          .get(this._selectionSource(source))
          .set(event.rows ?? [], 'samp', {
            samp: { sender: event.sender?.name, table_id: event.table_id }
          });
      }
    }
    if (event.type === 'point') {
      const ra = Number(event.ra);
      const dec = Number(event.dec);
      this._lastPoint = {
        ra,
        dec,
        from: event.sender?.name,
        code: pointCode(ra, dec)
      };
      this._changed.emit();
    }
    if (event.type === 'hub') {
      void this.refresh();
    }
    this._received.emit(event);
  }

  private _transport: ISampTransport | null = null;
  private _status: ISampStatus | null = null;
  private _error: string | null = null;
  private _lastSend: IPrepared | null = null;
  private _lastPoint: ISampPoint | null = null;
  private _sendError: string | null = null;
  private _lastSelection: ISampSelectionSent | null = null;
  private _sent = new Map<string, { tableId: string; source: ISampSource }>();
  private _byTableId = new Map<string, ISampSource>();
  private _pending = new Map<string, number>();
  private _looping = false;
  private _disposed = false;
  private _changed = new Signal<this, void>(this);
  private _received = new Signal<this, ISampEvent>(this);
}

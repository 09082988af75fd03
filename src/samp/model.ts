/**
 * SAMP state for the page: the mode, the hub and its clients, the sends (sends.ts: progress and cancel), the
 * selections both ways (selectionSync.ts), and the loop that brings in what desktop tools send. State and
 * signals only, no JSX.
 */
import { ISignal, Signal } from '@lumino/signaling';
import type { SelectionRegistry } from '../plots/selection';
import {
  ISampEvent,
  ISampPoint,
  ISampSource,
  ISampStatus,
  pointCode,
  sampAPI
} from './api';
import { EventLoop } from './eventLoop';
import { ISampSend } from './sendApi';
import { SampSends } from './sends';
import { ISampSelectionSent, SelectionSync } from './selectionSync';
import { ISampTransport, LocalTransport } from './transports';

export type { ISampSelectionSent } from './selectionSync';

export class SampModel {
  constructor(selections: SelectionRegistry | null) {
    this.selection = new SelectionSync(selections, () => this._transport);
    this.selection.changed.connect(this._relay, this);
    this.sends.changed.connect(this._relay, this);
  }

  /** Sends started from this page, with their progress. */
  readonly sends = new SampSends();
  readonly selection: SelectionSync;

  get status(): ISampStatus | null {
    return this._status;
  }

  /** The hub's trouble, or a refused selection. */
  get error(): string | null {
    return this._error ?? this.selection.error;
  }

  /** Why the last send could not start (no hub, bad input), until one starts. */
  get sendError(): string | null {
    return this._sendError;
  }

  get lastSelection(): ISampSelectionSent | null {
    return this.selection.last;
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
        // The Web Profile machinery (XML-RPC, the hub's callbacks) is loaded only in remote mode, on first use.
        this._transport =
          server.mode === 'remote'
            ? new (await import('./webTransport')).WebTransport()
            : new LocalTransport();
      }
      this._status = await this._transport.status();
      this._error = null;
      if (this._status.hub) {
        this._events.start();
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

  /**
   * Send and follow the send to its end (the section shows its progress and offers Cancel meanwhile).
   * Throws when it cannot start; resolves with the ended job: done, failed (its error) or cancelled.
   */
  async send(
    source: ISampSource,
    to?: string,
    name?: string
  ): Promise<ISampSend> {
    if (!this._transport || !this._status?.hub) {
      await this.refresh();
    }
    let send: ISampSend;
    try {
      if (!this._transport) {
        throw new Error(this._error ?? 'SAMP is not available');
      }
      send = await this.sends.run(this._transport, source, to, name);
      if (send.state === 'failed' && !send.replies.length) {
        throw new Error(send.error ?? send.state); // it never reached a client: the hub, the data
      }
      this._sendError = null;
    } catch (error) {
      this._sendError = (error as Error).message;
      this._changed.emit();
      throw error;
    }
    if (send.state === 'done' && send.table_id) {
      this.selection.sent(source, send.table_id);
    }
    this._changed.emit();
    return send;
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

  dispose(): void {
    this._disposed = true;
    this.selection.dispose();
    this.sends.dispose();
    this._transport?.dispose();
  }

  private _relay(): void {
    this._changed.emit();
  }

  private _apply(event: ISampEvent): void {
    if (event.type === 'select') {
      this.selection.apply(event);
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
  private _lastPoint: ISampPoint | null = null;
  private _sendError: string | null = null;
  private _events = new EventLoop({
    next: () => this._transport!.nextEvents(),
    going: () => !this._disposed && !!this._status?.hub,
    onEvent: event => this._apply(event),
    onFailure: () => this.refresh()
  });
  private _disposed = false;
  private _changed = new Signal<this, void>(this);
  private _received = new Signal<this, ISampEvent>(this);
}

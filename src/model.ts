/**
 * EscapeModel: handshake and service status, refreshed only while someone looks.
 *
 * Automatic refresh is driven by watchers (`watchStatus()`): the Services view holds one while it is on
 * screen. No timer exists while no watcher is held or while the browser tab is hidden, so a closed sidebar
 * costs the servers nothing (autoRefresh.ts).
 */
import { IDisposable } from '@lumino/disposable';
import { ISignal, Signal } from '@lumino/signaling';
import { AutoRefresh } from './autoRefresh';
import { fetchHandshake } from './handshake';
import { recheckOne, requestStatus } from './statusRequests';
import {
  HandshakeState,
  IEscapeModel,
  IServiceStatus,
  IStatusReport
} from './tokens';
import { FRONTEND_VERSION } from './version';

export { DEFAULT_REFRESH_INTERVAL, MIN_REFRESH_INTERVAL } from './autoRefresh';

export class EscapeModel implements IEscapeModel {
  readonly frontendVersion = FRONTEND_VERSION;

  get handshake(): HandshakeState {
    return this._handshake;
  }

  get handshakeChanged(): ISignal<IEscapeModel, HandshakeState> {
    return this._handshakeChanged;
  }

  get status(): IStatusReport | null {
    return this._status;
  }

  get statusError(): Error | null {
    return this._statusError;
  }

  get isRefreshing(): boolean {
    return this._pending !== null;
  }

  get recheckingServices(): ReadonlySet<string> {
    return this._rechecking;
  }

  get statusChanged(): ISignal<IEscapeModel, void> {
    return this._statusChanged;
  }

  get refreshInterval(): number {
    return this._auto.interval;
  }

  set refreshInterval(seconds: number) {
    this._auto.interval = seconds;
  }

  get isDisposed(): boolean {
    return this._isDisposed;
  }

  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    this._auto.dispose();
    Signal.clearData(this);
  }

  checkHandshake(): Promise<HandshakeState> {
    // Start-up and a first status refresh may both ask: share one request.
    if (!this._handshakePending) {
      this._handshakePending = fetchHandshake()
        .then(state => {
          this._setHandshake(state);
          return state;
        })
        .finally(() => {
          this._handshakePending = null;
        });
    }
    return this._handshakePending;
  }

  refreshStatus(): Promise<IStatusReport | null> {
    if (this._pending) {
      return this._pending;
    }
    this._auto.clear();
    this._pending = this._fetchStatus();
    this._statusChanged.emit();
    return this._pending;
  }

  async recheckService(id: string): Promise<IServiceStatus | null> {
    if (this._rechecking.has(id)) {
      return null;
    }
    this._rechecking.add(id);
    this._statusChanged.emit();
    try {
      const { row, report } = await recheckOne(id, this._status);
      this._status = report;
      this._statusError = null;
      return row;
    } catch (error) {
      this._statusError = error as Error;
      return null;
    } finally {
      this._rechecking.delete(id);
      if (!this._isDisposed) {
        this._statusChanged.emit();
      }
    }
  }

  watchStatus(): IDisposable {
    return this._auto.watch();
  }

  private async _fetchStatus(): Promise<IStatusReport | null> {
    try {
      const report = await requestStatus(this._handshake, () =>
        this.checkHandshake()
      );
      this._status = report;
      this._statusError = null;
      this._auto.attempted(true);
      return report;
    } catch (error) {
      this._statusError = error as Error;
      this._auto.attempted(false);
      return null;
    } finally {
      this._pending = null;
      if (!this._isDisposed) {
        this._statusChanged.emit();
        this._auto.schedule();
      }
    }
  }

  private _setHandshake(state: HandshakeState): void {
    this._handshake = state;
    if (!this._isDisposed) {
      this._handshakeChanged.emit(state);
    }
  }

  private _handshake: HandshakeState = { kind: 'pending' };
  private _handshakePending: Promise<HandshakeState> | null = null;
  private _handshakeChanged = new Signal<IEscapeModel, HandshakeState>(this);
  private _status: IStatusReport | null = null;
  private _statusError: Error | null = null;
  private _statusChanged = new Signal<IEscapeModel, void>(this);
  private _pending: Promise<IStatusReport | null> | null = null;
  private _rechecking = new Set<string>();
  private _auto = new AutoRefresh({
    refresh: () => void this.refreshStatus(),
    held: () => this._pending !== null || this._handshake.kind === 'missing'
  });
  private _isDisposed = false;
}

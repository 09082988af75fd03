/**
 * EscapeModel: handshake and service status, refreshed only while someone looks.
 *
 * Automatic refresh is driven by watchers (`watchStatus()`): the Services view holds one while it is on
 * screen. No timer exists while no watcher is held or while the browser tab is hidden, so a closed sidebar
 * costs the servers nothing.
 */
import { DisposableDelegate, IDisposable } from '@lumino/disposable';
import { ISignal, Signal } from '@lumino/signaling';
import { EscapeAPIError, requestAPI } from './handler';
import {
  HandshakeState,
  IEscapeModel,
  IHandshakeReply,
  IServiceStatus,
  IStatusReport
} from './tokens';
import { API_VERSION, FRONTEND_VERSION } from './version';

/** Default seconds between automatic status checks (the settings schema has the same default). */
export const DEFAULT_REFRESH_INTERVAL = 30;
/** Shortest automatic refresh interval accepted, in seconds. */
export const MIN_REFRESH_INTERVAL = 5;

export class EscapeModel implements IEscapeModel {
  constructor() {
    document.addEventListener('visibilitychange', this._onVisibilityChange);
  }

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
    return this._interval;
  }

  set refreshInterval(seconds: number) {
    // Below MIN_REFRESH_INTERVAL the probes would load remote services for little gain.
    const value =
      Number.isFinite(seconds) && seconds > 0
        ? Math.max(MIN_REFRESH_INTERVAL, seconds)
        : 0;
    if (value === this._interval) {
      return;
    }
    this._interval = value;
    this._schedule();
  }

  get isDisposed(): boolean {
    return this._isDisposed;
  }

  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    this._clearTimer();
    document.removeEventListener('visibilitychange', this._onVisibilityChange);
    Signal.clearData(this);
  }

  checkHandshake(): Promise<HandshakeState> {
    // Start-up and a first status refresh may both ask: share one request.
    if (!this._handshakePending) {
      this._handshakePending = this._fetchHandshake().finally(() => {
        this._handshakePending = null;
      });
    }
    return this._handshakePending;
  }

  private async _fetchHandshake(): Promise<HandshakeState> {
    let state: HandshakeState;
    try {
      const reply = await requestAPI<IHandshakeReply>('handshake');
      if (
        reply.server_version !== FRONTEND_VERSION ||
        reply.api_version !== API_VERSION
      ) {
        state = {
          kind: 'mismatch',
          serverVersion: reply.server_version,
          frontendVersion: FRONTEND_VERSION,
          apiVersion: reply.api_version,
          frontendApiVersion: API_VERSION
        };
      } else {
        state = {
          kind: 'ok',
          serverVersion: reply.server_version,
          apiVersion: reply.api_version
        };
      }
    } catch (error) {
      if (error instanceof EscapeAPIError && error.isNotFound) {
        state = { kind: 'missing' };
      } else {
        state = {
          kind: 'error',
          message: (error as Error).message,
          status: error instanceof EscapeAPIError ? error.status : 0
        };
      }
    }
    this._setHandshake(state);
    return state;
  }

  refreshStatus(): Promise<IStatusReport | null> {
    if (this._pending) {
      return this._pending;
    }
    this._clearTimer();
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
      const report = await requestAPI<IStatusReport>('status', {
        params: { service: id }
      });
      const row = report.services.find(s => s.id === id) ?? null;
      if (row && this._status) {
        this._status = {
          ...this._status,
          services: this._status.services.map(s => (s.id === id ? row : s)),
          config_errors: report.config_errors
        };
      }
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
    this._watchers += 1;
    if (this._watchers === 1) {
      // Someone just started looking: show fresh data now rather than after a full interval.
      if (this._isStale()) {
        void this.refreshStatus();
      } else {
        this._schedule();
      }
    }
    return new DisposableDelegate(() => {
      this._watchers -= 1;
      if (this._watchers === 0) {
        this._clearTimer();
      }
    });
  }

  private async _fetchStatus(): Promise<IStatusReport | null> {
    try {
      if (
        this._handshake.kind !== 'ok' &&
        this._handshake.kind !== 'mismatch'
      ) {
        // A failed or missing handshake may have been fixed (server restarted): ask again first.
        const state = await this.checkHandshake();
        if (state.kind === 'missing') {
          throw new EscapeAPIError({
            message:
              'The jupyter-escape server extension is not installed or not enabled.',
            status: 404,
            url: 'escape/api/handshake'
          });
        }
      }
      const report = await requestAPI<IStatusReport>('status');
      this._status = report;
      this._statusError = null;
      this._lastSuccess = Date.now();
      return report;
    } catch (error) {
      this._statusError = error as Error;
      return null;
    } finally {
      this._lastAttempt = Date.now();
      this._pending = null;
      if (!this._isDisposed) {
        this._statusChanged.emit();
        this._schedule();
      }
    }
  }

  private _isStale(): boolean {
    if (this._lastSuccess === 0) {
      return true;
    }
    const age = Date.now() - this._lastAttempt;
    return this._interval > 0 && age >= this._interval * 1000;
  }

  /** (Re)arm the auto-refresh timer if and only if someone watches, the tab is visible and it is enabled. */
  private _schedule(): void {
    this._clearTimer();
    if (
      this._isDisposed ||
      this._watchers === 0 ||
      this._interval === 0 ||
      document.hidden ||
      this._pending ||
      this._handshake.kind === 'missing'
    ) {
      return;
    }
    const elapsed = Date.now() - this._lastAttempt;
    const delay = Math.max(0, this._interval * 1000 - elapsed);
    this._timer = window.setTimeout(() => {
      this._timer = null;
      void this.refreshStatus();
    }, delay);
  }

  private _clearTimer(): void {
    if (this._timer !== null) {
      window.clearTimeout(this._timer);
      this._timer = null;
    }
  }

  private _setHandshake(state: HandshakeState): void {
    this._handshake = state;
    if (!this._isDisposed) {
      this._handshakeChanged.emit(state);
    }
  }

  private _onVisibilityChange = (): void => {
    if (document.hidden) {
      this._clearTimer();
    } else if (this._watchers > 0 && this._isStale()) {
      void this.refreshStatus();
    } else {
      this._schedule();
    }
  };

  private _handshake: HandshakeState = { kind: 'pending' };
  private _handshakePending: Promise<HandshakeState> | null = null;
  private _handshakeChanged = new Signal<IEscapeModel, HandshakeState>(this);
  private _status: IStatusReport | null = null;
  private _statusError: Error | null = null;
  private _statusChanged = new Signal<IEscapeModel, void>(this);
  private _pending: Promise<IStatusReport | null> | null = null;
  private _rechecking = new Set<string>();
  private _interval = DEFAULT_REFRESH_INTERVAL;
  private _watchers = 0;
  private _timer: number | null = null;
  private _lastAttempt = 0;
  private _lastSuccess = 0;
  private _isDisposed = false;
}

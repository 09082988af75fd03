/**
 * When the service status refreshes by itself: only while someone watches (`watch()`), the browser tab is
 * visible and an interval is set, `interval` seconds after the last attempt. No timer exists otherwise, so a
 * closed sidebar costs the servers nothing.
 */
import { DisposableDelegate, IDisposable } from '@lumino/disposable';

/** Default seconds between automatic status checks (the settings schema has the same default). */
export const DEFAULT_REFRESH_INTERVAL = 30;
/** Shortest automatic refresh interval accepted, in seconds. */
export const MIN_REFRESH_INTERVAL = 5;

export class AutoRefresh implements IDisposable {
  constructor(
    private _options: {
      /** Start a refresh now. */
      refresh: () => void;
      /** True while no timer may run (a refresh under way, no server extension). */
      held: () => boolean;
    }
  ) {
    document.addEventListener('visibilitychange', this._onVisibilityChange);
  }

  get interval(): number {
    return this._interval;
  }

  set interval(seconds: number) {
    // Below MIN_REFRESH_INTERVAL the probes would load remote services for little gain.
    const value =
      Number.isFinite(seconds) && seconds > 0
        ? Math.max(MIN_REFRESH_INTERVAL, seconds)
        : 0;
    if (value === this._interval) {
      return;
    }
    this._interval = value;
    this.schedule();
  }

  get isDisposed(): boolean {
    return this._isDisposed;
  }

  /** A refresh ended (`ok`: with an answer). */
  attempted(ok: boolean): void {
    this._lastAttempt = Date.now();
    if (ok) {
      this._lastSuccess = this._lastAttempt;
    }
  }

  /** Someone looks at the status until the result is disposed. */
  watch(): IDisposable {
    this._watchers += 1;
    if (this._watchers === 1) {
      // Someone just started looking: show fresh data now rather than after a full interval.
      if (this._isStale()) {
        this._options.refresh();
      } else {
        this.schedule();
      }
    }
    return new DisposableDelegate(() => {
      this._watchers -= 1;
      if (this._watchers === 0) {
        this.clear();
      }
    });
  }

  /** (Re)arm the timer if and only if someone watches, the tab is visible and it is enabled. */
  schedule(): void {
    this.clear();
    if (
      this._isDisposed ||
      this._watchers === 0 ||
      this._interval === 0 ||
      document.hidden ||
      this._options.held()
    ) {
      return;
    }
    const elapsed = Date.now() - this._lastAttempt;
    const delay = Math.max(0, this._interval * 1000 - elapsed);
    this._timer = window.setTimeout(() => {
      this._timer = null;
      this._options.refresh();
    }, delay);
  }

  clear(): void {
    if (this._timer !== null) {
      window.clearTimeout(this._timer);
      this._timer = null;
    }
  }

  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    this.clear();
    document.removeEventListener('visibilitychange', this._onVisibilityChange);
  }

  private _isStale(): boolean {
    if (this._lastSuccess === 0) {
      return true;
    }
    const age = Date.now() - this._lastAttempt;
    return this._interval > 0 && age >= this._interval * 1000;
  }

  private _onVisibilityChange = (): void => {
    if (document.hidden) {
      this.clear();
    } else if (this._watchers > 0 && this._isStale()) {
      this._options.refresh();
    } else {
      this.schedule();
    }
  };

  private _interval = DEFAULT_REFRESH_INTERVAL;
  private _watchers = 0;
  private _timer: number | null = null;
  private _lastAttempt = 0;
  private _lastSuccess = 0;
  private _isDisposed = false;
}

/**
 * Keeping the basket fresh while somebody looks: one long-poll request (`basket/changes?since=<version>`) held
 * open while a view watches and the browser tab is visible; when the server says the version moved, the
 * snapshot is fetched again. Nothing runs while the panel is collapsed or the tab hidden.
 */
import { DisposableDelegate, IDisposable } from '@lumino/disposable';
import { basketAPI } from './api';

const RETRY_MS = 5000;

export interface IChangesTarget {
  /** Fetch the snapshot again (clears the error when it works). */
  refresh(): Promise<void>;
  /** The snapshot's version (-1 before the first). */
  version(): number;
  /** True while the last refresh failed. */
  failing(): boolean;
  /** The long poll failed (server restarting or gone). */
  failed(error: Error): void;
}

export class ChangesWatch implements IDisposable {
  constructor(private _target: IChangesTarget) {
    document.addEventListener('visibilitychange', this._onVisibility);
  }

  get isDisposed(): boolean {
    return this._disposed;
  }

  /** A view shows the basket: refresh now and keep it fresh until the result is disposed. */
  watch(): IDisposable {
    this._watchers += 1;
    this._start();
    return new DisposableDelegate(() => {
      this._watchers -= 1;
      if (this._watchers <= 0) {
        this._watchers = 0;
        this._stop();
      }
    });
  }

  dispose(): void {
    if (this._disposed) {
      return;
    }
    this._disposed = true;
    this._stop();
    document.removeEventListener('visibilitychange', this._onVisibility);
  }

  private _active(): boolean {
    return (
      !this._disposed &&
      this._watchers > 0 &&
      document.visibilityState !== 'hidden'
    );
  }

  private _start(): void {
    if (!this._active() || this._poll) {
      return;
    }
    const controller = new AbortController();
    this._poll = controller;
    void this._loop(controller.signal);
  }

  private _stop(): void {
    this._poll?.abort();
    this._poll = null;
  }

  private async _loop(signal: AbortSignal): Promise<void> {
    const target = this._target;
    await target.refresh();
    while (!signal.aborted) {
      try {
        const answer = await basketAPI.changes(target.version(), signal);
        // a refresh also clears an error left by a failed poll
        if ((answer.changed || target.failing()) && !signal.aborted) {
          await target.refresh();
          if (target.failing()) {
            // the snapshot keeps failing while the version moved: do not spin on the long poll
            await new Promise(resolve => window.setTimeout(resolve, RETRY_MS));
          }
        }
      } catch (error) {
        if (signal.aborted) {
          break;
        }
        // server restarting or gone: say so, and retry a little later rather than spinning
        target.failed(error as Error);
        await new Promise(resolve => window.setTimeout(resolve, RETRY_MS));
      }
    }
  }

  private _onVisibility = (): void => {
    if (this._active()) {
      this._start();
    } else {
      this._stop();
    }
  };

  private _watchers = 0;
  private _poll: AbortController | null = null;
  private _disposed = false;
}

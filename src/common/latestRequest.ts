/**
 * One request whose answer matters only while it is the latest: a new run aborts the one in flight, and an
 * answer or failure of an aborted run is dropped. State for models (data, error, busy); `onChange` tells the
 * model something moved.
 */
import { isAbort } from '../components/errors';

export class LatestRequest<T> {
  constructor(private _onChange: () => void) {}

  /** The last answer (kept while a newer request runs); null before one, or after run(null). */
  get data(): T | null {
    return this._data;
  }

  /** The last run's failure (not our own aborts); null while it runs or after it succeeds. */
  get error(): unknown {
    return this._error;
  }

  get busy(): boolean {
    return this._busy;
  }

  /** Ask with `fetch`, aborting the previous request; null: nothing to ask (clears data and error). */
  run(fetch: ((signal: AbortSignal) => Promise<T>) | null): void {
    this._controller?.abort();
    this._controller = null;
    this._fetch = fetch;
    if (!fetch) {
      this._data = null;
      this._error = null;
      this._busy = false;
      this._onChange();
      return;
    }
    const controller = new AbortController();
    this._controller = controller;
    this._busy = true;
    this._error = null;
    this._onChange();
    fetch(controller.signal)
      .then(
        value => {
          if (!controller.signal.aborted) {
            this._data = value;
          }
        },
        error => {
          if (!controller.signal.aborted && !isAbort(error)) {
            this._error = error;
          }
        }
      )
      .finally(() => {
        if (!controller.signal.aborted) {
          this._busy = false;
          this._onChange();
        }
      });
  }

  /** The same request again (Retry). */
  retry(): void {
    this.run(this._fetch);
  }

  abort(): void {
    this._controller?.abort();
  }

  /** The user stopped it: abort, not busy any more, the last answer kept. */
  cancel(): void {
    this.abort();
    if (this._busy) {
      this._busy = false;
      this._onChange();
    }
  }

  private _data: T | null = null;
  private _error: unknown = null;
  private _busy = false;
  private _fetch: ((signal: AbortSignal) => Promise<T>) | null = null;
  private _controller: AbortController | null = null;
}

/**
 * One value kept fresh by polling a route (a job list, one job, every pillar's jobs for Activity): polled while
 * a view of it is on screen and it still moves, with backoff (Poller); `changed` tells the views. The models
 * built on it (JobListModel, JobFollower, ActivityModel) say only what to fetch and what counts as a change.
 * State and signals only, no JSX.
 */
import { IDisposable } from '@lumino/disposable';
import { ISignal, Signal } from '@lumino/signaling';
import { IBackoffOptions, Poller } from './poller';

export interface IPolledOptions<T> extends IBackoffOptions {
  /** Ask for the value; a failure is kept in `error` and polling goes on, more slowly. */
  fetch: (signal: AbortSignal) => Promise<T>;
  /** What a poll can change, as a string: a different one resets the backoff. */
  fingerprint: (value: T) => string;
  /** Whether to keep polling after this value (false: none until reload()). */
  more: (value: T) => boolean;
}

export class Polled<T> implements IDisposable {
  constructor(options: IPolledOptions<T>) {
    const { fetch, fingerprint, more } = options;
    let last = '';
    this._poller = new Poller({
      min: options.min,
      max: options.max,
      factor: options.factor,
      poll: async signal => {
        try {
          const value = await fetch(signal);
          if (signal.aborted || this._disposed) {
            return { changed: false, more: false };
          }
          const fp = fingerprint(value);
          const changed = fp !== last;
          last = fp;
          this._value = value;
          this._error = null;
          this._changed.emit();
          return { changed, more: more(value) };
        } catch (error) {
          if (!signal.aborted && !this._disposed) {
            this._error = error;
            this._changed.emit();
          }
          throw error;
        }
      }
    });
  }

  /** The value as last fetched (or replaced); null before the first answer. */
  get value(): T | null {
    return this._value;
  }

  /** The last poll's failure (null once one succeeds). */
  get error(): unknown {
    return this._error;
  }

  get changed(): ISignal<this, void> {
    return this._changed;
  }

  get isDisposed(): boolean {
    return this._disposed;
  }

  /** Poll only while a view of the value is shown. */
  setOnScreen(onScreen: boolean): void {
    if (onScreen) {
      this._poller.start();
    } else {
      this._poller.stop();
    }
  }

  /** Ask again now (something was started or acted on); nothing while off screen. */
  reload(): void {
    this._poller.wake();
  }

  /** Show an action's answer at once, then ask again (a resumed job moves again). */
  replace(value: T): void {
    this._value = value;
    this._changed.emit();
    this.reload();
  }

  /** Tell the views: a subclass changed its own state (a filter). */
  protected emitChanged(): void {
    this._changed.emit();
  }

  dispose(): void {
    if (this._disposed) {
      return;
    }
    this._disposed = true;
    this._poller.dispose();
    Signal.clearData(this);
  }

  private _poller: Poller;
  private _value: T | null = null;
  private _error: unknown = null;
  private _disposed = false;
  private _changed = new Signal<this, void>(this);
}

/**
 * Following one job (a data-lake staging or upload, a Zooniverse upload...): the model behind a job card.
 * It polls the job's route only while the card is on screen and the job is active, with backoff (Poller),
 * and tells the card through `changed`. State and signals only, no JSX.
 */
import { IDisposable } from '@lumino/disposable';
import { ISignal, Signal } from '@lumino/signaling';
import { Poller } from './poller';

export interface IJobFollowerOptions<J> {
  /** GET the job by id. */
  fetch: (id: string, signal: AbortSignal) => Promise<J>;
  /** What a poll can change, as a string: a different one resets the backoff. */
  fingerprint: (job: J) => string;
  /** Whether the job still moves (false: one fetch, then no polling until something wakes it). */
  active: (job: J) => boolean;
  /** Shortest and longest interval between polls, ms. */
  min: number;
  max: number;
}

export class JobFollower<J> implements IDisposable {
  constructor(private _options: IJobFollowerOptions<J>) {}

  /** The job as last fetched (or replaced after an action); null before the first answer. */
  get job(): J | null {
    return this._job;
  }

  /** The last poll's failure (null once a poll succeeds again). */
  get error(): unknown {
    return this._error;
  }

  get id(): string | null {
    return this._id;
  }

  get changed(): ISignal<this, void> {
    return this._changed;
  }

  get isDisposed(): boolean {
    return this._disposed;
  }

  /** Follow another job (null: none). `initial` is shown until the first poll answers. */
  follow(id: string | null, initial: J | null = null): void {
    if (id === this._id) {
      return;
    }
    this._poller?.dispose();
    this._poller = null;
    this._id = id;
    this._job = initial;
    this._error = null;
    if (id) {
      this._poller = this._makePoller(id);
      if (this._onScreen) {
        this._poller.start(); // one fetch even for a finished job (files, log); none after that
      }
    }
    this._changed.emit();
  }

  /** The card is shown or hidden: poll only while it is shown. */
  setOnScreen(onScreen: boolean): void {
    this._onScreen = onScreen;
    if (onScreen) {
      this._poller?.start();
    } else {
      this._poller?.stop();
    }
  }

  /** Show an action's answer at once, then poll again (a resumed job is active again). */
  replace(job: J): void {
    this._job = job;
    this._changed.emit();
    this.wake();
  }

  /** Something outside changed the job (another view acted on it): poll now. */
  wake(): void {
    if (this._poller?.running) {
      this._poller.wake();
    } else if (this._onScreen) {
      this._poller?.start();
    }
  }

  dispose(): void {
    if (this._disposed) {
      return;
    }
    this._disposed = true;
    this._poller?.dispose();
    Signal.clearData(this);
  }

  private _makePoller(id: string): Poller {
    let last = '';
    const { fetch, fingerprint, active, min, max } = this._options;
    return new Poller({
      min,
      max,
      poll: async signal => {
        try {
          const job = await fetch(id, signal);
          if (id !== this._id) {
            return { changed: false, more: false };
          }
          const fp = fingerprint(job);
          const changed = fp !== last;
          last = fp;
          this._job = job;
          this._error = null;
          this._changed.emit();
          return { changed, more: active(job) };
        } catch (error) {
          if (!signal.aborted && id === this._id) {
            this._error = error;
            this._changed.emit();
          }
          throw error;
        }
      }
    });
  }

  private _id: string | null = null;
  private _job: J | null = null;
  private _error: unknown = null;
  private _onScreen = false;
  private _poller: Poller | null = null;
  private _disposed = false;
  private _changed = new Signal<this, void>(this);
}

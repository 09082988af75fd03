/**
 * A list of jobs from one route (data-lake staging, uploads, TAP jobs...): polled while someone looks at it
 * and some job in it is active, with backoff; `changed` tells the views. State and signals only, no JSX.
 */
import { IDisposable } from '@lumino/disposable';
import { ISignal, Signal } from '@lumino/signaling';
import { Poller } from './poller';

export interface IJobListOptions<J> {
  /** GET the list. */
  fetch: (signal: AbortSignal) => Promise<J[]>;
  /** What a poll can change in one job, as a string (a different list resets the backoff). */
  fingerprint: (job: J) => string;
  /** Whether a job still moves (none active: no polling until reload()). */
  active: (job: J) => boolean;
  /** Shortest and longest interval between polls, ms (default 1 s and 15 s). */
  min?: number;
  max?: number;
}

export class JobListModel<J extends { id: string }> implements IDisposable {
  constructor(options: IJobListOptions<J>) {
    let last = '';
    this._poller = new Poller({
      min: options.min ?? 1000,
      max: options.max ?? 15000,
      poll: async signal => {
        try {
          const jobs = await options.fetch(signal);
          const fp = jobs
            .map(j => `${j.id}:${options.fingerprint(j)}`)
            .join(',');
          const changed = fp !== last;
          last = fp;
          this._jobs = jobs;
          this._error = null;
          this._changed.emit();
          return { changed, more: jobs.some(options.active) };
        } catch (error) {
          if (!signal.aborted) {
            this._error = error;
            this._changed.emit();
          }
          throw error;
        }
      }
    });
  }

  /** The jobs as last listed; null before the first answer. */
  get jobs(): J[] | null {
    return this._jobs;
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

  /** Poll only while a view of the list is shown. */
  setOnScreen(onScreen: boolean): void {
    if (onScreen) {
      this._poller.start();
    } else {
      this._poller.stop();
    }
  }

  /** Ask again now (a job was started or acted on). */
  reload(): void {
    this._poller.wake();
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
  private _jobs: J[] | null = null;
  private _error: unknown = null;
  private _disposed = false;
  private _changed = new Signal<this, void>(this);
}

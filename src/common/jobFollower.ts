/**
 * Following one job (a data-lake staging or upload, a Zooniverse upload...): the model behind a job card.
 * It polls the job's route only while the card is on screen and the job is active, with backoff (Polled),
 * and tells the card through `changed`. State and signals only, no JSX.
 */
import { IDisposable } from '@lumino/disposable';
import { ISignal, Signal } from '@lumino/signaling';
import { Polled } from './polled';

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
    return this._polled?.value ?? this._initial;
  }

  /** The last poll's failure (null once a poll succeeds again). */
  get error(): unknown {
    return this._polled?.error ?? null;
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
    this._polled?.dispose();
    this._polled = null;
    this._id = id;
    this._initial = initial;
    if (id) {
      const { fetch, fingerprint, active, min, max } = this._options;
      this._polled = new Polled<J>({
        min,
        max,
        fetch: signal => fetch(id, signal),
        fingerprint,
        more: active
      });
      this._polled.changed.connect(() => this._changed.emit(), this);
      // one fetch even for a finished job (files, log); none after that
      this._polled.setOnScreen(this._onScreen);
    }
    this._changed.emit();
  }

  /** The card is shown or hidden: poll only while it is shown. */
  setOnScreen(onScreen: boolean): void {
    this._onScreen = onScreen;
    this._polled?.setOnScreen(onScreen);
  }

  /** Show an action's answer at once, then poll again (a resumed job is active again). */
  replace(job: J): void {
    this._polled?.replace(job);
  }

  /** Something outside changed the job (another view acted on it): poll now. */
  wake(): void {
    this._polled?.reload();
  }

  dispose(): void {
    if (this._disposed) {
      return;
    }
    this._disposed = true;
    this._polled?.dispose();
    Signal.clearData(this);
  }

  private _id: string | null = null;
  private _initial: J | null = null;
  private _onScreen = false;
  private _polled: Polled<J> | null = null;
  private _disposed = false;
  private _changed = new Signal<this, void>(this);
}

/**
 * Polling that costs nothing when nobody looks: a job view polls only while it is on screen and the browser
 * tab is visible, only while something is still moving, and backs off (fast at first, then slower) while
 * nothing changes. A change (new progress) brings the interval back to the minimum.
 *
 * rucio-jupyterlab polled every attached DID on a fixed timer whatever was shown; this is the opposite.
 */

export interface IBackoffOptions {
  /** First and minimum delay, ms. */
  min?: number;
  /** Largest delay, ms. */
  max?: number;
  /** Growth factor while nothing changes. */
  factor?: number;
}

/** The delay sequence, on its own so it can be tested without timers. */
export class Backoff {
  constructor(options: IBackoffOptions = {}) {
    this.min = options.min ?? 1000;
    this.max = options.max ?? 15000;
    this.factor = options.factor ?? 1.6;
    this._next = this.min;
  }

  /** The delay before the next poll, given whether the last poll saw a change. */
  next(changed: boolean): number {
    if (changed) {
      this._next = this.min;
    }
    const delay = this._next;
    this._next = Math.min(this.max, Math.round(this._next * this.factor));
    return delay;
  }

  reset(): void {
    this._next = this.min;
  }

  readonly min: number;
  readonly max: number;
  readonly factor: number;
  private _next: number;
}

export interface IPollerOptions extends IBackoffOptions {
  /**
   * One poll. Resolves to `{ changed, more }`: whether anything moved (resets the backoff) and whether there
   * is anything left to follow (false stops the poller until `wake()`).
   */
  poll: (signal: AbortSignal) => Promise<{ changed: boolean; more: boolean }>;
}

/**
 * Runs `poll` while started and the document is visible. `start()`/`stop()` follow the view's visibility
 * (onAfterShow/onAfterHide); `wake()` polls at once (after the user started or resumed a job).
 */
export class Poller {
  constructor(options: IPollerOptions) {
    this._poll = options.poll;
    this._backoff = new Backoff(options);
  }

  get running(): boolean {
    return this._started;
  }

  start(): void {
    if (this._started) {
      return;
    }
    this._started = true;
    document.addEventListener('visibilitychange', this._onVisibility);
    this.wake();
  }

  stop(): void {
    this._started = false;
    document.removeEventListener('visibilitychange', this._onVisibility);
    this._clear();
    this._inflight?.abort();
    this._inflight = null;
  }

  /** Poll now, with the fastest interval (something just changed on our side). */
  wake(): void {
    this._backoff.reset();
    this._idle = false;
    this._schedule(0);
  }

  dispose(): void {
    this.stop();
  }

  private _onVisibility = (): void => {
    if (document.visibilityState === 'visible' && !this._idle) {
      this._schedule(0);
    } else if (document.visibilityState !== 'visible') {
      this._clear();
    }
  };

  private _clear(): void {
    if (this._timer !== null) {
      window.clearTimeout(this._timer);
      this._timer = null;
    }
  }

  private _schedule(delay: number): void {
    this._clear();
    if (!this._started || document.visibilityState !== 'visible') {
      return;
    }
    this._timer = window.setTimeout(() => void this._run(), delay);
  }

  private async _run(): Promise<void> {
    this._timer = null;
    if (this._inflight) {
      return; // the running poll reschedules
    }
    const controller = new AbortController();
    this._inflight = controller;
    let outcome = { changed: false, more: true };
    try {
      outcome = await this._poll(controller.signal);
    } catch {
      // errors are shown by the view; keep polling, more slowly
      outcome = { changed: false, more: true };
    } finally {
      if (this._inflight === controller) {
        this._inflight = null;
      }
    }
    if (controller.signal.aborted) {
      return;
    }
    if (!outcome.more) {
      this._idle = true; // nothing active: no polling until wake()
      return;
    }
    this._schedule(this._backoff.next(outcome.changed));
  }

  private _poll: IPollerOptions['poll'];
  private _backoff: Backoff;
  private _started = false;
  private _idle = false;
  private _timer: number | null = null;
  private _inflight: AbortController | null = null;
}

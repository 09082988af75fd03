/**
 * Removals that wait for an undo: an item is hidden at once and deleted on the server after the undo window,
 * unless undone first, so every kind (even rows stored as parquet) can be brought back intact.
 */
export class PendingRemovals {
  constructor(
    private _options: {
      /** Milliseconds an undo stays possible. */
      window: number;
      /** Delete on the server (the window has passed). */
      commit: (id: string) => void;
      /** The set of hidden items changed. */
      changed: () => void;
    }
  ) {}

  has(id: string): boolean {
    return this._timers.has(id);
  }

  /** Hide the item now, commit its removal after the window. */
  schedule(id: string): void {
    if (this._timers.has(id)) {
      return;
    }
    const timer = window.setTimeout(
      () => this._options.commit(id),
      this._options.window
    );
    this._timers.set(id, timer);
    this._options.changed();
  }

  /** Bring back an item whose removal is still pending; false when it is too late. */
  undo(id: string): boolean {
    const timer = this._timers.get(id);
    if (timer === undefined) {
      return false;
    }
    window.clearTimeout(timer);
    this._timers.delete(id);
    this._options.changed();
    return true;
  }

  /** The removal is done (or nothing is left to delete): forget it. */
  forget(id: string): void {
    window.clearTimeout(this._timers.get(id));
    this._timers.delete(id);
  }

  /** The ids still waiting. */
  ids(): string[] {
    return [...this._timers.keys()];
  }

  /** Commit every waiting removal now through `remove` (the page goes away). */
  flush(remove: (id: string) => void): void {
    for (const [id, timer] of this._timers) {
      window.clearTimeout(timer);
      remove(id);
    }
    this._timers.clear();
  }

  private _timers = new Map<string, number>();
}

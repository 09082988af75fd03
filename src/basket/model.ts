/**
 * Client-side state of the basket: the last snapshot, kept fresh while somebody looks at it.
 *
 * Freshness: one long-poll request (`basket/changes?since=<version>`) is held open while a view is watching
 * and the browser tab is visible; when the server says the version moved, the snapshot is fetched again with
 * `If-None-Match` (a 304 costs nothing). Nothing runs while the panel is collapsed or the tab hidden.
 *
 * Removal is delayed: `remove()` hides the item at once and deletes it on the server after `undoWindow` ms
 * unless `undo()` is called first, so every kind (even rows stored as parquet) can be brought back intact.
 */
import { DisposableDelegate, IDisposable } from '@lumino/disposable';
import { ISignal, Signal } from '@lumino/signaling';
import { EscapeAPIError } from '../handler';
import { basketAPI, ISnapshot } from './api';
import {
  IBasketGroup,
  IBasketItem,
  IBasketNewItem,
  IEscapeBasket
} from './tokens';

const RETRY_MS = 5000;

export class BasketModel implements IEscapeBasket, IDisposable {
  constructor(options: { reveal: () => void; undoWindow?: number }) {
    this._reveal = options.reveal;
    this._undoWindow = options.undoWindow ?? 8000;
    document.addEventListener('visibilitychange', this._onVisibility);
    window.addEventListener('pagehide', this._flushRemovals);
  }

  get items(): ReadonlyArray<IBasketItem> {
    return this._items.filter(i => !this._pending.has(i.id));
  }

  get groups(): ReadonlyArray<IBasketGroup> {
    return this._groups;
  }

  get changed(): ISignal<this, void> {
    return this._changed;
  }

  /** The error of the last failed refresh (the last good snapshot is kept). */
  get error(): EscapeAPIError | Error | null {
    return this._error;
  }

  /** True once a snapshot arrived. */
  get loaded(): boolean {
    return this._snapshot !== null;
  }

  get isDisposed(): boolean {
    return this._disposed;
  }

  reveal(): void {
    this._reveal();
  }

  async refresh(): Promise<void> {
    try {
      const next = await basketAPI.snapshot(this._snapshot?.etag ?? null);
      this._error = null;
      if (next) {
        this._apply(next);
      } else {
        this._changed.emit();
      }
    } catch (error) {
      this._error = error as Error;
      this._changed.emit();
    }
  }

  async add(item: IBasketNewItem): Promise<IBasketItem> {
    const added = await basketAPI.add(item);
    void this.refresh();
    return added;
  }

  async update(
    id: string,
    changes: { title?: string; notes?: string; group?: string | null }
  ): Promise<IBasketItem> {
    const updated = await basketAPI.update(id, changes);
    void this.refresh();
    return updated;
  }

  /** Hide the item now, delete it on the server after the undo window. */
  remove(id: string): void {
    if (this._pending.has(id)) {
      return;
    }
    const timer = window.setTimeout(
      () => void this._commitRemoval(id),
      this._undoWindow
    );
    this._pending.set(id, timer);
    this._changed.emit();
  }

  /** Bring back an item whose removal is still pending; false when it is too late. */
  undo(id: string): boolean {
    const timer = this._pending.get(id);
    if (timer === undefined) {
      return false;
    }
    window.clearTimeout(timer);
    this._pending.delete(id);
    this._changed.emit();
    return true;
  }

  async addGroup(name: string): Promise<void> {
    await basketAPI.addGroup(name);
    await this.refresh();
  }

  async renameGroup(name: string, to: string): Promise<void> {
    await basketAPI.renameGroup(name, to);
    await this.refresh();
  }

  async removeGroup(name: string, removeItems: boolean): Promise<void> {
    await basketAPI.removeGroup(name, removeItems);
    await this.refresh();
  }

  /**
   * Declare that a view shows the basket: refreshes now and keeps it fresh until the result is disposed.
   */
  watch(): IDisposable {
    this._watchers += 1;
    this._startPolling();
    return new DisposableDelegate(() => {
      this._watchers -= 1;
      if (this._watchers <= 0) {
        this._watchers = 0;
        this._stopPolling();
      }
    });
  }

  dispose(): void {
    if (this._disposed) {
      return;
    }
    this._disposed = true;
    this._stopPolling();
    this._flushRemovals();
    document.removeEventListener('visibilitychange', this._onVisibility);
    window.removeEventListener('pagehide', this._flushRemovals);
    Signal.clearData(this);
  }

  private _apply(snapshot: ISnapshot): void {
    this._snapshot = snapshot;
    this._items = snapshot.items;
    this._groups = snapshot.groups;
    // an item removed elsewhere while its removal was pending here: nothing left to delete
    for (const id of [...this._pending.keys()]) {
      if (!snapshot.items.some(i => i.id === id)) {
        window.clearTimeout(this._pending.get(id));
        this._pending.delete(id);
      }
    }
    this._changed.emit();
  }

  private async _commitRemoval(id: string): Promise<void> {
    if (!this._pending.has(id)) {
      return;
    }
    try {
      await basketAPI.remove(id);
    } catch (error) {
      if ((error as EscapeAPIError).status !== 404) {
        this._error = error as Error;
      }
    }
    this._pending.delete(id);
    await this.refresh();
  }

  private _flushRemovals = (): void => {
    for (const [id, timer] of this._pending) {
      window.clearTimeout(timer);
      void basketAPI.remove(id).catch(() => undefined);
    }
    this._pending.clear();
  };

  private _active(): boolean {
    return (
      !this._disposed &&
      this._watchers > 0 &&
      document.visibilityState !== 'hidden'
    );
  }

  private _startPolling(): void {
    if (!this._active() || this._poll) {
      return;
    }
    const controller = new AbortController();
    this._poll = controller;
    void this._loop(controller.signal);
  }

  private _stopPolling(): void {
    this._poll?.abort();
    this._poll = null;
  }

  private async _loop(signal: AbortSignal): Promise<void> {
    await this.refresh();
    while (!signal.aborted) {
      try {
        const since = this._snapshot?.version ?? -1;
        const answer = await basketAPI.changes(since, signal);
        // a refresh also clears an error left by a failed poll
        if ((answer.changed || this._error) && !signal.aborted) {
          await this.refresh();
          if (this._error) {
            // the snapshot keeps failing while the version moved: do not spin on the long poll
            await new Promise(resolve => window.setTimeout(resolve, RETRY_MS));
          }
        }
      } catch (error) {
        if (signal.aborted) {
          break;
        }
        // server restarting or gone: say so, and retry a little later rather than spinning
        this._error = error as Error;
        this._changed.emit();
        await new Promise(resolve => window.setTimeout(resolve, RETRY_MS));
      }
    }
  }

  private _onVisibility = (): void => {
    if (this._active()) {
      this._startPolling();
    } else {
      this._stopPolling();
    }
  };

  private _snapshot: ISnapshot | null = null;
  private _items: IBasketItem[] = [];
  private _groups: IBasketGroup[] = [];
  private _error: Error | null = null;
  private _pending = new Map<string, number>();
  private _watchers = 0;
  private _poll: AbortController | null = null;
  private _disposed = false;
  private _reveal: () => void;
  private _undoWindow: number;
  private _changed = new Signal<this, void>(this);
}

/**
 * Client-side state of the basket: the last snapshot, kept fresh while somebody looks at it.
 *
 * Freshness: one long-poll request (`basket/changes?since=<version>`) is held open while a view is watching
 * and the browser tab is visible (changesWatch.ts); when the server says the version moved, the snapshot is
 * fetched again with `If-None-Match` (a 304 costs nothing). Nothing runs while the panel is collapsed or the
 * tab hidden.
 *
 * Removal is delayed: `remove()` hides the item at once and deletes it on the server after `undoWindow` ms
 * unless `undo()` is called first (removals.ts), so every kind (even rows stored as parquet) can be brought
 * back intact.
 */
import { IDisposable } from '@lumino/disposable';
import { ISignal, Signal } from '@lumino/signaling';
import { EscapeAPIError } from '../handler';
import { basketAPI, ISnapshot } from './api';
import { ChangesWatch } from './changesWatch';
import { PendingRemovals } from './removals';
import {
  IBasketGroup,
  IBasketItem,
  IBasketNewItem,
  IEscapeBasket
} from './tokens';

export class BasketModel implements IEscapeBasket, IDisposable {
  constructor(options: { reveal: () => void; undoWindow?: number }) {
    this._reveal = options.reveal;
    this._removals = new PendingRemovals({
      window: options.undoWindow ?? 8000,
      commit: id => void this._commitRemoval(id),
      changed: () => this._changed.emit()
    });
    this._watch = new ChangesWatch({
      refresh: () => this.refresh(),
      version: () => this._snapshot?.version ?? -1,
      failing: () => this._error !== null,
      failed: error => {
        this._error = error;
        this._changed.emit();
      }
    });
    window.addEventListener('pagehide', this._flushRemovals);
  }

  get items(): ReadonlyArray<IBasketItem> {
    return this._items.filter(i => !this._removals.has(i.id));
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
    this._removals.schedule(id);
  }

  /** Bring back an item whose removal is still pending; false when it is too late. */
  undo(id: string): boolean {
    return this._removals.undo(id);
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
    return this._watch.watch();
  }

  dispose(): void {
    if (this._disposed) {
      return;
    }
    this._disposed = true;
    this._watch.dispose();
    this._flushRemovals();
    window.removeEventListener('pagehide', this._flushRemovals);
    Signal.clearData(this);
  }

  private _apply(snapshot: ISnapshot): void {
    this._snapshot = snapshot;
    this._items = snapshot.items;
    this._groups = snapshot.groups;
    // an item removed elsewhere while its removal was pending here: nothing left to delete
    for (const id of this._removals.ids()) {
      if (!snapshot.items.some(i => i.id === id)) {
        this._removals.forget(id);
      }
    }
    this._changed.emit();
  }

  private async _commitRemoval(id: string): Promise<void> {
    if (!this._removals.has(id)) {
      return;
    }
    try {
      await basketAPI.remove(id);
    } catch (error) {
      if ((error as EscapeAPIError).status !== 404) {
        this._error = error as Error;
      }
    }
    this._removals.forget(id);
    await this.refresh();
  }

  private _flushRemovals = (): void => {
    this._removals.flush(
      id => void basketAPI.remove(id).catch(() => undefined)
    );
  };

  private _snapshot: ISnapshot | null = null;
  private _items: IBasketItem[] = [];
  private _groups: IBasketGroup[] = [];
  private _error: Error | null = null;
  private _removals: PendingRemovals;
  private _watch: ChangesWatch;
  private _disposed = false;
  private _reveal: () => void;
  private _changed = new Signal<this, void>(this);
}

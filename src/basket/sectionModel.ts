/**
 * What the basket section shows besides the basket itself: which item is expanded, and the action under way
 * (its label while it runs, its error after it failed). The basket's contents are the BasketModel's.
 */
import { ISignal, Signal } from '@lumino/signaling';

export class BasketSectionModel {
  /** The expanded item's id. */
  expanded: string | null = null;
  /** What runs now ("Moving", "Saving the notes"...). */
  busy: string | null = null;
  /** The last action's failure, until dismissed or the next action. */
  error: unknown = null;

  get changed(): ISignal<this, void> {
    return this._changed;
  }

  toggle(id: string): void {
    this.expanded = this.expanded === id ? null : id;
    this._changed.emit();
  }

  /** Run `work` with `label` shown as busy; its failure is kept in `error`. */
  run = async (label: string, work: () => Promise<void>): Promise<void> => {
    this.busy = label;
    this.error = null;
    this._changed.emit();
    try {
      await work();
    } catch (error) {
      this.error = error;
    } finally {
      this.busy = null;
      this._changed.emit();
    }
  };

  clearError(): void {
    this.error = null;
    this._changed.emit();
  }

  dispose(): void {
    Signal.clearData(this);
  }

  private _changed = new Signal<this, void>(this);
}

/** How views start an action: the section's `run`. */
export type RunAction = BasketSectionModel['run'];

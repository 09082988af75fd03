/**
 * The action a view runs now: its label while it runs (a toolbar shows "Saving…"), its failure after it failed
 * (shown until dismissed or the next action). State + a `changed` signal; the views render it.
 */
import { ISignal, Signal } from '@lumino/signaling';

export class ActionModel {
  /** What runs now ("Moving", "Sending to the sky"...). */
  busy: string | null = null;
  /** The last action's failure, until dismissed or the next action. */
  error: unknown = null;

  get changed(): ISignal<this, void> {
    return this._changed;
  }

  /** Run `work` with `label` shown as busy; its failure is kept in `error`. */
  run = async (label: string, work: () => Promise<void>): Promise<void> => {
    this.busy = label;
    this.error = null;
    this.emitChanged();
    try {
      await work();
    } catch (error) {
      this.error = error;
    } finally {
      this.busy = null;
      this.emitChanged();
    }
  };

  /** Show an error that did not come from an action (e.g. a failed query); null clears it. */
  setError(error: unknown): void {
    this.error = error;
    this.emitChanged();
  }

  clearError(): void {
    this.setError(null);
  }

  dispose(): void {
    Signal.clearData(this);
  }

  protected emitChanged(): void {
    this._changed.emit();
  }

  private _changed = new Signal<this, void>(this);
}

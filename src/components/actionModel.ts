/**
 * The action a view runs now: its label while it runs (a toolbar shows "Saving…"), its failure after it failed
 * (shown until dismissed or the next action). State + the `changed` signal of every model (SignalModel); the
 * views render it.
 */
import { SignalModel } from '../common/signalModel';

export class ActionModel extends SignalModel {
  /** What runs now ("Moving", "Sending to the sky"...). */
  busy: string | null = null;
  /** The last action's failure, until dismissed or the next action. */
  error: unknown = null;

  /** Run `work` with `label` shown as busy; its failure is kept in `error`. */
  run = async (label: string, work: () => Promise<void>): Promise<void> => {
    this.busy = label;
    this.error = null;
    this.emit();
    try {
      await work();
    } catch (error) {
      this.error = error;
    } finally {
      this.busy = null;
      this.emit();
    }
  };

  /** Show an error that did not come from an action (e.g. a failed query); null clears it. */
  setError(error: unknown): void {
    this.error = error;
    this.emit();
  }

  clearError(): void {
    this.setError(null);
  }
}

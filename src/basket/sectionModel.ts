/**
 * What the basket section shows besides the basket itself: which item is expanded, and the action under way
 * (its label while it runs, its error after it failed: the shared ActionModel). The basket's contents are the
 * BasketModel's.
 */
import { ActionModel } from '../components/actionModel';

export class BasketSectionModel extends ActionModel {
  /** The expanded item's id. */
  expanded: string | null = null;

  toggle(id: string): void {
    this.expanded = this.expanded === id ? null : id;
    this.emit();
  }
}

/** How views start an action: the section's `run`. */
export type RunAction = BasketSectionModel['run'];

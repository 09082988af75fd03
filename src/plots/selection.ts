/**
 * The one row selection shared by the result grid, the plots and the sky (and SAMP's table.select.rowList):
 * a model, not view state. Each table (a "plot source") has one `RowSelection`; every view writes to it with
 * its own origin and follows its `changed` signal, ignoring the changes it made itself. Row ids are positions in
 * the source table, the same numbering the grid, the sky layer and the server's `__row` column use.
 *
 * This module is small and has no heavy imports: the plot code (plotly) loads only when a plot is opened.
 */
import { ReadonlyPartialJSONObject, Token } from '@lumino/coreutils';
import { ISignal, Signal } from '@lumino/signaling';
import { markStep } from '../components/timing';
import { EXTENSION_ID } from '../tokens';

/** A table the plots can read on the server (jupyter_escape/plots/sources.py). */
export interface IPlotSource {
  kind: 'vo-result' | 'basket' | 'workspace' | 'sql' | 'file';
  id?: string;
  item?: string;
  table?: string;
  sql?: string;
  path?: string;
}

export type SelectionOrigin = 'grid' | 'plot' | 'sky' | 'api' | 'samp';

export interface ISelectionChange {
  rows: Int32Array;
  origin: SelectionOrigin;
  /** How the selection was made (e.g. the brushed box and the plot's axes), kept as provenance. */
  provenance?: Record<string, unknown>;
}

/** A plot source as command arguments (JSON), e.g. for `escape:plot-open`. */
export function plotSourceArgs(source: IPlotSource): ReadonlyPartialJSONObject {
  const args: { [key: string]: string } = {};
  for (const [key, value] of Object.entries(source)) {
    if (typeof value === 'string') {
      args[key] = value;
    }
  }
  return args;
}

export function sourceKey(source: IPlotSource): string {
  const { kind, id, item, table, sql, path } = source;
  return JSON.stringify([kind, id ?? item ?? table ?? sql ?? path ?? '']);
}

/** The selected rows of one table. */
export class RowSelection {
  constructor(
    readonly source: IPlotSource,
    public title: string
  ) {}

  get key(): string {
    return sourceKey(this.source);
  }

  /** Selected row ids, ascending. */
  get rows(): Int32Array {
    return this._rows;
  }

  get origin(): SelectionOrigin | null {
    return this._origin;
  }

  get provenance(): Record<string, unknown> | undefined {
    return this._provenance;
  }

  get changed(): ISignal<this, ISelectionChange> {
    return this._changed;
  }

  /** True when row `id` is selected (a Set is built once per selection, on first use). */
  has(id: number): boolean {
    if (!this._set) {
      this._set = new Set(this._rows);
    }
    return this._set.has(id);
  }

  set(
    rows: ArrayLike<number>,
    origin: SelectionOrigin,
    provenance?: Record<string, unknown>
  ): void {
    const next = Int32Array.from(rows).sort();
    if (sameRows(next, this._rows) && origin === this._origin) {
      return;
    }
    this._rows = next;
    this._origin = origin;
    this._provenance = provenance;
    this._set = null;
    markStep('selection-set');
    this._changed.emit({ rows: next, origin, provenance });
    markStep('selection-followed'); // every view's synchronous part
  }

  clear(origin: SelectionOrigin): void {
    this.set([], origin);
  }

  private _rows = new Int32Array(0);
  private _origin: SelectionOrigin | null = null;
  private _provenance: Record<string, unknown> | undefined;
  private _set: Set<number> | null = null;
  private _changed = new Signal<this, ISelectionChange>(this);
}

function sameRows(a: Int32Array, b: Int32Array): boolean {
  if (a.length !== b.length) {
    return false;
  }
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) {
      return false;
    }
  }
  return true;
}

/** All tables' selections, one model per source; `changed` relays every model's changes. */
export class SelectionRegistry {
  /** The selection of `source`, created on first use. */
  get(source: IPlotSource, title?: string): RowSelection {
    const key = sourceKey(source);
    let model = this._models.get(key);
    if (!model) {
      model = new RowSelection(source, title ?? key);
      model.changed.connect((m, change) => {
        this._last = m;
        this._changed.emit({ selection: m, change });
      });
      this._models.set(key, model);
    } else if (title) {
      model.title = title;
    }
    return model;
  }

  find(key: string): RowSelection | undefined {
    return this._models.get(key);
  }

  /** The selection changed most recently (what `jupyter_escape.plot.selection()` reads). */
  get last(): RowSelection | null {
    return this._last;
  }

  get changed(): ISignal<
    this,
    { selection: RowSelection; change: ISelectionChange }
  > {
    return this._changed;
  }

  private _models = new Map<string, RowSelection>();
  private _last: RowSelection | null = null;
  private _changed = new Signal<
    this,
    { selection: RowSelection; change: ISelectionChange }
  >(this);
}

/** The page's registry; the token hands the same object to other plugins (SAMP's table.select.rowList). */
export const linkedSelections = new SelectionRegistry();

export const ILinkedSelections = new Token<SelectionRegistry>(
  `${EXTENSION_ID}:ILinkedSelections`,
  'The row selections shared by the grid, the plots and the sky: one RowSelection per table.'
);

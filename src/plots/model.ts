/**
 * One plot's state: its source, what is plotted, the last aggregate from the server, and the link to the
 * table's shared RowSelection. Views (PlotPanel) only render this and forward user input.
 */
import { ISignal, Signal } from '@lumino/signaling';
import { markStep } from '../components/timing';
import {
  askPlotData,
  decode,
  hasAxes,
  IPendingPlotData,
  IPlotColumn,
  IPlotData,
  plotsAPI,
  requestSpec
} from './api';
import { pointsInBrowser, rowsInBox, selectedPoints } from './brush';
import { ISelectionChange, RowSelection } from './selection';
import { IPlotSpec } from './tokens';

export type PlotStatus = 'idle' | 'loading' | 'ready' | 'error';

/** Two numeric columns to start with: RA/Dec-like names last, so a first plot says something about the data. */
export function defaultSpec(columns: IPlotColumn[]): IPlotSpec {
  // identifiers are numbers but plotting them says nothing
  const numeric = columns
    .filter(
      c =>
        c.numeric && !/(^|_)id$/i.test(c.name) && !/meta\.id/.test(c.ucd ?? '')
    )
    .map(c => c.name);
  const positional = /^(s_)?(ra|dec|de|raj2000|dej2000)(_icrs)?$/i;
  const ordered = [
    ...numeric.filter(n => !positional.test(n)),
    ...numeric.filter(n => positional.test(n))
  ];
  return { kind: 'scatter', x: ordered[0] ?? '', y: ordered[1] ?? ordered[0] };
}

export class PlotModel {
  constructor(
    readonly selection: RowSelection,
    spec?: IPlotSpec
  ) {
    this._spec = spec ?? { kind: 'scatter', x: '' };
    selection.changed.connect(this._onSelection, this);
  }

  get source() {
    return this.selection.source;
  }
  get spec(): IPlotSpec {
    return this._spec;
  }
  get columns(): IPlotColumn[] {
    return this._columns;
  }
  get data(): IPlotData | null {
    return this._data;
  }
  get status(): PlotStatus {
    return this._status;
  }
  get error(): string | null {
    return this._error;
  }
  get changed(): ISignal<this, void> {
    return this._changed;
  }

  /**
   * Read the columns, choose axes if none were given, draw. With the axes given (a plot from the notebook), one
   * request brings the bins and the columns together; `first` is that request when the plots plugin has already
   * sent it (as the command arrived, while this code was loading).
   */
  async init(first?: IPendingPlotData): Promise<void> {
    if (hasAxes(this._spec)) {
      await this.refresh(
        first ?? askPlotData(this.source, this._spec, this.selection.rows, true)
      );
      if (this._status === 'error' && !this._columns.length) {
        // the controls still offer the columns to fix an axis with
        if (await this._describe()) {
          this._changed.emit();
        }
      }
      return;
    }
    first?.controller.abort();
    if (await this._describe()) {
      if (!this._spec.x) {
        this._spec = { ...defaultSpec(this._columns), kind: this._spec.kind };
      }
      await this.refresh();
    }
  }

  setSpec(patch: Partial<IPlotSpec>): Promise<void> {
    this._spec = { ...this._spec, ...patch };
    return this.refresh();
  }

  /** Ask the server for the bins or points (or take `pending`, already asked); a request still running is cancelled. */
  async refresh(pending?: IPendingPlotData): Promise<void> {
    this._controller?.abort();
    const { answer, controller } =
      pending ?? askPlotData(this.source, this._spec, this.selection.rows);
    this._controller = controller;
    this._status = 'loading';
    this._changed.emit();
    try {
      const data = await answer;
      if (controller.signal.aborted) {
        return;
      }
      if (data.columns) {
        this._columns = data.columns;
      }
      this._data = data;
      this._status = 'ready';
      this._error = null;
      this._changed.emit();
    } catch (error) {
      if (!controller.signal.aborted) {
        this._fail(error);
      }
    }
  }

  /** The table's columns (for the controls); false, with the error shown, if they could not be read. */
  private async _describe(): Promise<boolean> {
    try {
      this._columns = (await plotsAPI.describe(this.source)).columns;
      return true;
    } catch (error) {
      this._fail(error);
      return false;
    }
  }

  /** A box brushed in the plot (data units; null for an axis not brushed) selects rows everywhere. */
  async brush(
    xrange: number[] | null,
    yrange: number[] | null
  ): Promise<number> {
    const spec = requestSpec(this._spec);
    let rows: Int32Array;
    if (this._status === 'ready' && pointsInBrowser(this._data)) {
      rows = rowsInBox(this._data!, xrange, yrange); // every point is here: no round trip
    } else {
      const answer = await plotsAPI.select(this.source, spec, xrange, yrange);
      rows = decode(answer.rows) as Int32Array;
    }
    this.selection.set(rows, 'plot', { plot: spec, xrange, yrange });
    return rows.length;
  }

  /** The selected rows into the basket as a "selected rows" item, with where they came from. */
  toBasket(title: string) {
    return plotsAPI.subset(this.source, this.selection.rows, title, {
      made_in: this.selection.origin,
      ...(this.selection.provenance ?? {})
    });
  }

  code(view: string): Promise<string> {
    return plotsAPI
      .code(this.source, requestSpec(this._spec), view)
      .then(answer => answer.code);
  }

  dispose(): void {
    this._controller?.abort();
    this.selection.changed.disconnect(this._onSelection, this);
  }

  private _onSelection(_: RowSelection, change: ISelectionChange): void {
    // the highlighted bins or points follow every view's selection, this one's too
    if (this._status === 'ready' && pointsInBrowser(this._data)) {
      // every point is here: highlight without asking the server (nor redrawing the unchanged points)
      const selection = this.selection;
      this._data = {
        ...this._data!,
        n_selected: selection.rows.length,
        selected_points: selectedPoints(this._data!, id => selection.has(id))
      };
      // two frames later: the grid and the sky (which draws in its own animation frame) show the selection
      // first; redrawing 100,000 WebGL points in the same task held their frames back by seconds on a
      // software-rendered canvas
      requestAnimationFrame(() =>
        requestAnimationFrame(() =>
          setTimeout(() => {
            markStep('plot-highlight');
            this._changed.emit();
          }, 0)
        )
      );
      return;
    }
    void this.refresh();
  }

  private _fail(error: unknown): void {
    this._status = 'error';
    this._error = (error as Error).message ?? String(error);
    this._changed.emit();
  }

  private _spec: IPlotSpec;
  private _columns: IPlotColumn[] = [];
  private _data: IPlotData | null = null;
  private _status: PlotStatus = 'idle';
  private _error: string | null = null;
  private _controller: AbortController | null = null;
  private _changed = new Signal<this, void>(this);
}

/**
 * A results grid: a Lumino DataGrid over an Arrow table with a filter/sort bar, a column-information table
 * (the accessible twin of the header tooltips), and multi-row selection reported in source-row indices.
 *
 * Loaded lazily (see ./index.ts `createResultGrid`): it pulls in apache-arrow and @lumino/datagrid.
 */
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { BasicSelectionModel, DataGrid } from '@lumino/datagrid';
import { Message } from '@lumino/messaging';
import { ISignal, Signal } from '@lumino/signaling';
import { Panel, Widget } from '@lumino/widgets';
import type { Table } from 'apache-arrow';
import { markStep } from '../components/timing';
import { ArrowModel, IFilter, ISort } from './arrowModel';
import { columnInfoTable, columnTooltip } from './dom';
import { GridBar, summaryText } from './gridBar';
import { createCanvas, selectedSourceRows, selectSourceRows } from './canvas';
import { applyGridTheme, followTheme } from './theme';

export { columnTooltip } from './dom';

export class ResultGrid extends Panel {
  constructor(options: ResultGrid.IOptions) {
    super();
    this.addClass('jp-escape-Grid');
    const trans = (options.translator ?? nullTranslator).load('jupyter_escape');
    this._trans = trans;
    this.model = new ArrowModel(options.table);

    this._gridBar = new GridBar({
      model: this.model,
      trans,
      setView: (filters, sort) => this.setView(filters, sort),
      toggleInfo: () => {
        const open = this._info.isHidden;
        open ? this._info.show() : this._info.hide();
        return open;
      }
    });
    this._bar = new Widget({ node: this._gridBar.node });
    this._bar.addClass('jp-escape-Grid-bar');
    this._info = new Widget({
      node: columnInfoTable(this.model.columns, trans)
    });
    this._info.addClass('jp-escape-Grid-info');
    this._info.hide();

    this.grid = createCanvas(
      this.model,
      options.label ??
        trans.__('Result table: arrow keys move, shift extends the selection'),
      c => this.toggleSort(c)
    );
    this.grid.selectionModel!.changed.connect(this._onSelection, this);
    this.grid.node.addEventListener('mousemove', this._onHover);
    applyGridTheme(this.grid);

    this.addWidget(this._bar);
    this.addWidget(this._info);
    this.addWidget(this.grid);
    this._updateSummary();
  }

  readonly model: ArrowModel;
  readonly grid: DataGrid;

  get table(): Table {
    return this.model.table;
  }

  /** Emitted with the selected source rows whenever the user's selection changes. */
  get selectionChanged(): ISignal<this, number[]> {
    return this._selectionChanged;
  }

  /** Selected rows as source-row indices (0-based, in the order shown). */
  get selectedRows(): number[] {
    return selectedSourceRows(this.grid.selectionModel, this.model);
  }

  /** Select source rows (e.g. picked on a sky view); rows hidden by a filter are skipped. */
  selectRows(rows: number[], scroll = true): void {
    const selection = this.grid.selectionModel as BasicSelectionModel;
    let view: number[];
    this._quiet = true;
    try {
      view = selectSourceRows(selection, this.model, rows);
    } finally {
      this._quiet = false;
    }
    this._updateSummary(); // "N selected" follows selections made elsewhere (sky, plots) too
    markStep('grid-selected');
    if (scroll && view.length) {
      this.grid.scrollToRow(view[0]);
    }
  }

  /** Sort by a column: ascending, then descending, then unsorted. */
  toggleSort(column: number): void {
    const current = this.model.sort;
    let next: ISort | null = { column, descending: false };
    if (current?.column === column) {
      next = current.descending ? null : { column, descending: true };
    }
    this.setView(this.model.filters as IFilter[], next);
  }

  /** Apply filters and sort, keeping the selected rows selected. */
  setView(filters: IFilter[], sort: ISort | null): void {
    const selected = this.selectedRows;
    this.model.setView(filters, sort);
    if (selected.length) {
      this.selectRows(selected, false);
    }
    this._gridBar.showView(this.model.filters, sort);
    this._updateSummary();
  }

  protected onAfterAttach(msg: Message): void {
    super.onAfterAttach(msg);
    // the canvas needs the theme's colours: repaint when the user switches theme
    this._themeObserver = followTheme(this.grid);
  }

  protected onBeforeDetach(msg: Message): void {
    this._themeObserver?.disconnect();
    this._themeObserver = null;
    super.onBeforeDetach(msg);
  }

  dispose(): void {
    this._themeObserver?.disconnect();
    this.grid.node.removeEventListener('mousemove', this._onHover);
    super.dispose();
  }

  private _onSelection(): void {
    if (this._quiet) {
      return;
    }
    this._updateSummary();
    this._selectionChanged.emit(this.selectedRows);
  }

  private _onHover = (event: MouseEvent): void => {
    const hit = this.grid.hitTest(event.clientX, event.clientY);
    const title =
      hit.region === 'column-header'
        ? columnTooltip(this.model.columns[hit.column]) +
          '\n\n' +
          this._trans.__('Click to sort')
        : '';
    if (this.grid.node.title !== title) {
      this.grid.node.title = title;
    }
  };

  private _updateSummary(): void {
    const selected = this.grid.selectionModel?.isEmpty
      ? 0
      : this.selectedRows.length;
    this._gridBar.summary = summaryText(this._trans, this.model, selected);
  }

  private _trans: ReturnType<ITranslator['load']>;
  private _bar: Widget;
  private _info: Widget;
  private _gridBar: GridBar;
  private _quiet = false;
  private _themeObserver: MutationObserver | null = null;
  private _selectionChanged = new Signal<this, number[]>(this);
}

export namespace ResultGrid {
  export interface IOptions {
    table: Table;
    translator?: ITranslator;
    /** Accessible name of the grid. */
    label?: string;
  }
}

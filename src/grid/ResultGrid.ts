/**
 * A results grid: a Lumino DataGrid over an Arrow table with a filter/sort bar, a column-information table
 * (the accessible twin of the header tooltips), and multi-row selection reported in source-row indices.
 *
 * Loaded lazily (see ./index.ts `createResultGrid`): it pulls in apache-arrow and @lumino/datagrid.
 */
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import {
  BasicKeyHandler,
  BasicMouseHandler,
  BasicSelectionModel,
  DataGrid,
  RendererMap
} from '@lumino/datagrid';
import { Message } from '@lumino/messaging';
import { ISignal, Signal } from '@lumino/signaling';
import { Panel, Widget } from '@lumino/widgets';
import type { Table } from 'apache-arrow';
import { ArrowModel, IFilter, ISort } from './arrowModel';
import { columnInfoTable, columnTooltip } from './dom';
import { GridBar } from './gridBar';
import { gridTheme } from './theme';

export { columnTooltip } from './dom';

/** Header clicks sort (away from the resize edges); everything else behaves as usual. */
class SortingMouseHandler extends BasicMouseHandler {
  constructor(private _onSort: (column: number) => void) {
    super();
  }

  onMouseDown(grid: DataGrid, event: MouseEvent): void {
    const hit = grid.hitTest(event.clientX, event.clientY);
    if (
      hit.region === 'column-header' &&
      event.button === 0 &&
      !event.shiftKey &&
      hit.x > 6 &&
      hit.x < hit.width - 6
    ) {
      this._onSort(hit.column);
      return;
    }
    super.onMouseDown(grid, event);
  }
}

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

    this.grid = new DataGrid({
      defaultSizes: {
        rowHeight: 22,
        columnWidth: 120,
        rowHeaderWidth: 64,
        columnHeaderHeight: 26
      },
      headerVisibility: 'all'
    });
    this.grid.addClass('jp-escape-Grid-canvas');
    this.grid.dataModel = this.model;
    this.grid.keyHandler = new BasicKeyHandler();
    this.grid.mouseHandler = new SortingMouseHandler(c => this.toggleSort(c));
    this.grid.selectionModel = new BasicSelectionModel({
      dataModel: this.model,
      selectionMode: 'row'
    });
    this.grid.selectionModel.changed.connect(this._onSelection, this);
    this.grid.node.setAttribute('role', 'grid');
    this.grid.node.setAttribute(
      'aria-label',
      options.label ??
        trans.__('Result table: arrow keys move, shift extends the selection')
    );
    this.grid.node.tabIndex = 0;
    this.grid.node.addEventListener('mousemove', this._onHover);
    this._applyTheme();

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
    const model = this.grid.selectionModel;
    if (!model) {
      return [];
    }
    const out: number[] = [];
    const seen = new Set<number>();
    for (const s of model.selections()) {
      const lo = Math.max(0, Math.min(s.r1, s.r2));
      const hi = Math.min(this.model.viewRowCount - 1, Math.max(s.r1, s.r2));
      for (let r = lo; r <= hi; r++) {
        const src = this.model.sourceRow(r);
        if (!seen.has(src)) {
          seen.add(src);
          out.push(src);
        }
      }
    }
    return out;
  }

  /** Select source rows (e.g. picked on a sky view); rows hidden by a filter are skipped. */
  selectRows(rows: number[], scroll = true): void {
    const selection = this.grid.selectionModel as BasicSelectionModel;
    const view = rows
      .map(r => this.model.viewRow(r))
      .filter(r => r >= 0)
      .sort((a, b) => a - b);
    this._quiet = true;
    try {
      selection.clear();
      const last = this.model.columnCount('body') - 1;
      let i = 0;
      while (i < view.length) {
        let j = i;
        while (j + 1 < view.length && view[j + 1] === view[j] + 1) {
          j++;
        }
        selection.select({
          r1: view[i],
          c1: 0,
          r2: view[j],
          c2: last,
          cursorRow: view[i],
          cursorColumn: 0,
          clear: 'none'
        });
        i = j + 1;
      }
    } finally {
      this._quiet = false;
    }
    this._updateSummary(); // "N selected" follows selections made elsewhere (sky, plots) too
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
    this._themeObserver = new MutationObserver(() => this._applyTheme());
    this._themeObserver.observe(document.body, {
      attributes: true,
      attributeFilter: ['data-jp-theme-name', 'data-jp-theme-light']
    });
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

  private _applyTheme(): void {
    const theme = gridTheme();
    this.grid.style = theme.style;
    this.grid.cellRenderers = new RendererMap({
      body: theme.body,
      'column-header': theme.header,
      'row-header': theme.header,
      'corner-header': theme.header
    });
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
    const trans = this._trans;
    const shown = this.model.viewRowCount;
    const total = this.model.sourceRowCount;
    const selected = this.grid.selectionModel?.isEmpty
      ? 0
      : this.selectedRows.length;
    const count = (n: number, one: string, many: string) =>
      trans.__(n === 1 ? one : many, n.toLocaleString());
    let text =
      shown === total
        ? count(total, '%1 row', '%1 rows')
        : trans.__(
            '%1 of %2 rows',
            shown.toLocaleString(),
            total.toLocaleString()
          );
    text += ` \u00D7 ${count(this.model.columns.length, '%1 column', '%1 columns')}`;
    if (selected) {
      text += ` \u00B7 ${trans.__('%1 selected', selected.toLocaleString())}`;
    }
    this._gridBar.summary = text;
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

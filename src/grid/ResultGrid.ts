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
import { ArrowModel, IColumnMeta, IFilter, ISort } from './arrowModel';
import { parsePredicate } from './predicates';
import { gridTheme } from './theme';

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

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  text?: string
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    node.setAttribute(k, v);
  }
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}

/** The tooltip text of a column: name, type, unit, UCD, description. */
export function columnTooltip(meta: IColumnMeta): string {
  return [
    meta.name,
    `type: ${meta.type}`,
    meta.unit ? `unit: ${meta.unit}` : '',
    meta.ucd ? `UCD: ${meta.ucd}` : '',
    meta.utype ? `utype: ${meta.utype}` : '',
    meta.description ?? '',
    meta.warnings
      ? `${meta.warnings} cell(s) were not a valid value and are shown empty`
      : ''
  ]
    .filter(Boolean)
    .join('\n');
}

export class ResultGrid extends Panel {
  constructor(options: ResultGrid.IOptions) {
    super();
    this.addClass('jp-escape-Grid');
    const trans = (options.translator ?? nullTranslator).load('jupyter_escape');
    this._trans = trans;
    this.model = new ArrowModel(options.table);

    this._bar = new Widget({ node: this._buildBar() });
    this._bar.addClass('jp-escape-Grid-bar');
    this._info = new Widget({ node: this._buildInfo() });
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
    this._sortColumn.value = sort ? String(sort.column) : '';
    this._sortOrder.value = sort?.descending ? 'desc' : 'asc';
    this._renderChips();
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
    this._summary.textContent = text;
  }

  private _buildBar(): HTMLElement {
    const trans = this._trans;
    const bar = el('div', {
      role: 'toolbar',
      'aria-label': trans.__('Table tools')
    });
    this._summary = el('span', {
      class: 'jp-escape-Grid-summary',
      'aria-live': 'polite'
    });
    const columnOptions = (select: HTMLSelectElement) => {
      for (const c of this.model.columns) {
        select.appendChild(el('option', { value: String(c.index) }, c.name));
      }
    };

    const form = el('form', { class: 'jp-escape-Grid-filter' });
    const filterColumn = el('select', {
      'aria-label': trans.__('Column to filter')
    });
    columnOptions(filterColumn);
    const predicate = el('input', {
      type: 'text',
      'aria-label': trans.__('Filter predicate'),
      placeholder: trans.__('> 10, 1..5, ~text, null')
    });
    predicate.classList.add('jp-mod-styled');
    filterColumn.classList.add('jp-mod-styled');
    const add = el(
      'button',
      { type: 'submit', class: 'jp-mod-styled' },
      trans.__('Filter')
    );
    form.append(filterColumn, predicate, add);
    form.addEventListener('submit', event => {
      event.preventDefault();
      const column = Number(filterColumn.value);
      const meta = this.model.columns[column];
      try {
        const filter: IFilter = {
          column,
          text: predicate.value.trim(),
          predicate: parsePredicate(predicate.value, meta.numeric)
        };
        this._error.textContent = '';
        if (!filter.text) {
          return;
        }
        const rest = this.model.filters.filter(f => f.column !== column);
        this.setView([...rest, filter], this.model.sort);
        predicate.value = '';
      } catch (error) {
        this._error.textContent = `${meta.name}: ${(error as Error).message}`;
      }
    });

    const sortBox = el('span', { class: 'jp-escape-Grid-sort' });
    this._sortColumn = el('select', {
      'aria-label': trans.__('Sort by column')
    });
    this._sortColumn.classList.add('jp-mod-styled');
    this._sortColumn.appendChild(
      el('option', { value: '' }, trans.__('(unsorted)'))
    );
    columnOptions(this._sortColumn);
    this._sortOrder = el('select', { 'aria-label': trans.__('Sort order') });
    this._sortOrder.classList.add('jp-mod-styled');
    this._sortOrder.append(
      el('option', { value: 'asc' }, trans.__('ascending')),
      el('option', { value: 'desc' }, trans.__('descending'))
    );
    const onSort = () => {
      const col = this._sortColumn.value;
      this.setView(
        this.model.filters as IFilter[],
        col === ''
          ? null
          : {
              column: Number(col),
              descending: this._sortOrder.value === 'desc'
            }
      );
    };
    this._sortColumn.addEventListener('change', onSort);
    this._sortOrder.addEventListener('change', onSort);
    sortBox.append(this._sortColumn, this._sortOrder);

    const infoButton = el(
      'button',
      { type: 'button', class: 'jp-mod-styled', 'aria-expanded': 'false' },
      trans.__('Columns')
    );
    infoButton.addEventListener('click', () => {
      const open = this._info.isHidden;
      open ? this._info.show() : this._info.hide();
      infoButton.setAttribute('aria-expanded', String(open));
    });

    this._chips = el('ul', {
      class: 'jp-escape-Grid-chips',
      'aria-label': trans.__('Active filters')
    });
    this._error = el('div', { class: 'jp-escape-Grid-error', role: 'alert' });
    const row = el('div', { class: 'jp-escape-Grid-row' });
    row.append(this._summary, form, sortBox, infoButton);
    bar.append(row, this._chips, this._error);
    return bar;
  }

  private _renderChips(): void {
    const trans = this._trans;
    this._chips.textContent = '';
    for (const f of this.model.filters) {
      const name = this.model.columns[f.column].name;
      const li = el(
        'li',
        { class: 'jp-escape-Grid-chip' },
        `${name} ${f.text} `
      );
      const remove = el(
        'button',
        {
          type: 'button',
          'aria-label': trans.__('Remove filter on %1', name),
          title: trans.__('Remove filter on %1', name)
        },
        '\u00D7'
      );
      remove.addEventListener('click', () =>
        this.setView(
          this.model.filters.filter(x => x !== f),
          this.model.sort
        )
      );
      li.appendChild(remove);
      this._chips.appendChild(li);
    }
  }

  private _buildInfo(): HTMLElement {
    const trans = this._trans;
    const table = el('table', { class: 'jp-escape-ColumnTable' });
    const caption = el('caption', {}, trans.__('Columns of this result'));
    const head = el('tr');
    for (const h of [
      trans.__('Name'),
      trans.__('Type'),
      trans.__('Unit'),
      trans.__('UCD'),
      trans.__('Description')
    ]) {
      head.appendChild(el('th', { scope: 'col' }, h));
    }
    const thead = el('thead');
    thead.appendChild(head);
    const tbody = el('tbody');
    for (const c of this.model.columns) {
      const tr = el('tr');
      tr.append(
        el('th', { scope: 'row' }, c.name),
        el('td', {}, c.type),
        el('td', {}, c.unit ?? ''),
        el('td', {}, c.ucd ?? ''),
        el('td', {}, c.description ?? '')
      );
      tbody.appendChild(tr);
    }
    table.append(caption, thead, tbody);
    return table;
  }

  private _trans: ReturnType<ITranslator['load']>;
  private _bar: Widget;
  private _info: Widget;
  private _summary!: HTMLSpanElement;
  private _chips!: HTMLUListElement;
  private _error!: HTMLDivElement;
  private _sortColumn!: HTMLSelectElement;
  private _sortOrder!: HTMLSelectElement;
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

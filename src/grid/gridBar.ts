/**
 * The results grid's toolbar: the row count, a filter (column + predicate), sort column and order, the
 * "Columns" toggle, the active filters as removable chips, and the filter error line.
 */
import { TranslationBundle } from '@jupyterlab/translation';
import { ArrowModel, IFilter, ISort } from './arrowModel';
import { el } from './dom';
import { parsePredicate } from './predicates';

export interface IGridBarOptions {
  model: ArrowModel;
  trans: TranslationBundle;
  /** Show these filters and sort (the grid keeps its selection). */
  setView: (filters: IFilter[], sort: ISort | null) => void;
  /** Show or hide the columns' table; returns whether it is now shown. */
  toggleInfo: () => boolean;
}

export class GridBar {
  constructor(private _options: IGridBarOptions) {
    const trans = _options.trans;
    this.node = el('div', {
      role: 'toolbar',
      'aria-label': trans.__('Table tools')
    });
    this._summary = el('span', {
      class: 'jp-escape-Grid-summary',
      'aria-live': 'polite'
    });
    this._sortColumn = el('select', {
      'aria-label': trans.__('Sort by column')
    });
    this._sortOrder = el('select', { 'aria-label': trans.__('Sort order') });
    this._chips = el('ul', {
      class: 'jp-escape-Grid-chips',
      'aria-label': trans.__('Active filters')
    });
    this._error = el('div', { class: 'jp-escape-Grid-error', role: 'alert' });
    const row = el('div', { class: 'jp-escape-Grid-row' });
    row.append(
      this._summary,
      this._filterForm(),
      this._sortBox(),
      this._infoButton()
    );
    this.node.append(row, this._chips, this._error);
  }

  readonly node: HTMLDivElement;

  set summary(text: string) {
    this._summary.textContent = text;
  }

  /** Show the view's sort in the selects and its filters as chips. */
  showView(filters: readonly IFilter[], sort: ISort | null): void {
    this._sortColumn.value = sort ? String(sort.column) : '';
    this._sortOrder.value = sort?.descending ? 'desc' : 'asc';
    const { model, trans } = this._options;
    this._chips.textContent = '';
    for (const f of filters) {
      const name = model.columns[f.column].name;
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
        this._options.setView(
          model.filters.filter(x => x !== f),
          model.sort
        )
      );
      li.appendChild(remove);
      this._chips.appendChild(li);
    }
  }

  private _columnOptions(select: HTMLSelectElement): void {
    for (const c of this._options.model.columns) {
      select.appendChild(el('option', { value: String(c.index) }, c.name));
    }
  }

  private _filterForm(): HTMLFormElement {
    const { model, trans } = this._options;
    const form = el('form', { class: 'jp-escape-Grid-filter' });
    const filterColumn = el('select', {
      'aria-label': trans.__('Column to filter')
    });
    this._columnOptions(filterColumn);
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
      const meta = model.columns[column];
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
        const rest = model.filters.filter(f => f.column !== column);
        this._options.setView([...rest, filter], model.sort);
        predicate.value = '';
      } catch (error) {
        this._error.textContent = `${meta.name}: ${(error as Error).message}`;
      }
    });
    return form;
  }

  private _sortBox(): HTMLSpanElement {
    const { model, trans } = this._options;
    const sortBox = el('span', { class: 'jp-escape-Grid-sort' });
    this._sortColumn.classList.add('jp-mod-styled');
    this._sortColumn.appendChild(
      el('option', { value: '' }, trans.__('(unsorted)'))
    );
    this._columnOptions(this._sortColumn);
    this._sortOrder.classList.add('jp-mod-styled');
    this._sortOrder.append(
      el('option', { value: 'asc' }, trans.__('ascending')),
      el('option', { value: 'desc' }, trans.__('descending'))
    );
    const onSort = () => {
      const col = this._sortColumn.value;
      this._options.setView(
        model.filters as IFilter[],
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
    return sortBox;
  }

  private _infoButton(): HTMLButtonElement {
    const infoButton = el(
      'button',
      { type: 'button', class: 'jp-mod-styled', 'aria-expanded': 'false' },
      this._options.trans.__('Columns')
    );
    infoButton.addEventListener('click', () => {
      const open = this._options.toggleInfo();
      infoButton.setAttribute('aria-expanded', String(open));
    });
    return infoButton;
  }

  private _summary: HTMLSpanElement;
  private _sortColumn: HTMLSelectElement;
  private _sortOrder: HTMLSelectElement;
  private _chips: HTMLUListElement;
  private _error: HTMLDivElement;
}

/** "1,234 rows × 5 columns · 3 selected" (or "10 of 1,234 rows" under a filter). */
export function summaryText(
  trans: TranslationBundle,
  model: ArrowModel,
  selected: number
): string {
  const shown = model.viewRowCount;
  const total = model.sourceRowCount;
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
  text += ` \u00D7 ${count(model.columns.length, '%1 column', '%1 columns')}`;
  if (selected) {
    text += ` \u00B7 ${trans.__('%1 selected', selected.toLocaleString())}`;
  }
  return text;
}

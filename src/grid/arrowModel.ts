/**
 * A Lumino DataGrid model over an Apache Arrow table. Cells are read on demand (only the visible ones are
 * ever formatted), so a million-row table costs nothing until scrolled; sorting and filtering build an
 * Int32Array of source-row indices (the "view"). What a column holds and how a cell reads is ./cells.ts.
 */
import { DataModel } from '@lumino/datagrid';
import { DataType, Table, Vector } from 'apache-arrow';
import { fieldMeta, formatValue, IColumnMeta, reader } from './cells';
import {
  alignOnPoint,
  columnNumberFormat,
  fractionDigits,
  INumberFormat
} from './numberFormat';
import { filterRows, identity, Predicate, sortRows } from './predicates';

export { formatValue } from './cells';
export type { IColumnMeta } from './cells';

export interface IFilter {
  column: number;
  text: string;
  predicate: Predicate;
}

export interface ISort {
  column: number;
  descending: boolean;
}

export class ArrowModel extends DataModel {
  constructor(table: Table) {
    super();
    this._table = table;
    this._columns = table.schema.fields.map((_, i) => fieldMeta(table, i));
    this._vectors = table.schema.fields.map((_, i) => table.getChildAt(i)!);
    this._readers = new Array(this._vectors.length);
    this._formats = table.schema.fields.map(field => {
      const type = field.type;
      return DataType.isFloat(type) || DataType.isDecimal(type)
        ? columnNumberFormat(field.metadata ?? new Map(), type.precision === 1)
        : undefined;
    });
  }

  get table(): Table {
    return this._table;
  }

  get columns(): readonly IColumnMeta[] {
    return this._columns;
  }

  /** Rows in the source table. */
  get sourceRowCount(): number {
    return this._table.numRows;
  }

  /** Rows shown (after filtering). */
  get viewRowCount(): number {
    return this._view ? this._view.length : this._table.numRows;
  }

  get filters(): readonly IFilter[] {
    return this._filters;
  }

  get sort(): ISort | null {
    return this._sort;
  }

  /** Value of column `column` at source row `row`. */
  value(column: number, row: number): unknown {
    return this._reader(column)(row);
  }

  sourceRow(viewRow: number): number {
    return this._view ? this._view[viewRow] : viewRow;
  }

  /** Where a source row is shown, or -1 when filtered out. */
  viewRow(sourceRow: number): number {
    if (!this._view) {
      return sourceRow < this._table.numRows ? sourceRow : -1;
    }
    if (!this._inverse) {
      this._inverse = new Int32Array(this._table.numRows).fill(-1);
      for (let i = 0; i < this._view.length; i++) {
        this._inverse[this._view[i]] = i;
      }
    }
    return this._inverse[sourceRow] ?? -1;
  }

  /** Filter and sort; the grid is told to redraw. */
  setView(filters: IFilter[], sort: ISort | null): void {
    this._filters = filters;
    this._sort = sort;
    let view: Int32Array | null = null;
    if (filters.length) {
      view = filterRows(this._table.numRows, filters, (c, r) =>
        this.value(c, r)
      );
    }
    if (sort) {
      const base = view ?? identity(this._table.numRows);
      const read = this._reader(sort.column);
      view = sortRows(
        base,
        this._columns[sort.column].numeric,
        read,
        sort.descending
      );
    }
    this._view = view;
    this._inverse = null;
    this.emitChanged({ type: 'model-reset' });
  }

  rowCount(region: DataModel.RowRegion): number {
    return region === 'body' ? this.viewRowCount : 1;
  }

  columnCount(region: DataModel.ColumnRegion): number {
    return region === 'body' ? this._columns.length : 1;
  }

  data(region: DataModel.CellRegion, row: number, column: number): unknown {
    switch (region) {
      case 'body': {
        const text = this._format(column, this.sourceRow(row));
        const fraction = this._fraction(column);
        return fraction ? alignOnPoint(text, fraction) : text;
      }
      case 'column-header': {
        const meta = this._columns[column];
        const arrow =
          this._sort?.column === column
            ? this._sort.descending
              ? ' \u25BC'
              : ' \u25B2'
            : '';
        const warn = meta.warnings ? ` \u26A0${meta.warnings}` : '';
        return `${meta.name}${meta.unit ? ` [${meta.unit}]` : ''}${warn}${arrow}`;
      }
      case 'row-header':
        return String(this.sourceRow(row) + 1);
      default:
        return '#';
    }
  }

  metadata(
    region: DataModel.CellRegion,
    row: number,
    column: number
  ): DataModel.Metadata {
    if (region === 'body' || region === 'column-header') {
      return { numeric: this._columns[column].numeric };
    }
    return {};
  }

  private _format(column: number, sourceRow: number): string {
    return formatValue(
      this.value(column, sourceRow),
      this._vectors[column].type,
      this._formats[column]
    );
  }

  /**
   * The digits after the point a float column's cells are padded to: the most among up to 1000 cells spread
   * over the table (the grid draws only the visible cells, so the whole column is never formatted). A later
   * cell with more digits is shown as it is, a little out of line.
   */
  private _fraction(column: number): number {
    let fraction = this._fractions[column];
    if (fraction === undefined) {
      fraction = 0;
      if (this._formats[column]) {
        const n = this._table.numRows;
        const step = Math.max(1, Math.ceil(n / 1000));
        for (let row = 0; row < n; row += step) {
          fraction = Math.max(
            fraction,
            fractionDigits(this._format(column, row)) ?? 0
          );
        }
      }
      this._fractions[column] = fraction;
    }
    return fraction;
  }

  private _reader(column: number): (row: number) => unknown {
    let read = this._readers[column];
    if (!read) {
      read = this._readers[column] = reader(this._vectors[column]);
    }
    return read;
  }

  private _table: Table;
  private _columns: IColumnMeta[];
  private _vectors: Vector[];
  private _readers: ((row: number) => unknown)[];
  private _formats: (INumberFormat | undefined)[];
  private _fractions: (number | undefined)[] = [];
  private _view: Int32Array | null = null;
  private _inverse: Int32Array | null = null;
  private _filters: IFilter[] = [];
  private _sort: ISort | null = null;
}

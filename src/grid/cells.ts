/**
 * One column of an Arrow table as the grid sees it: what it holds (its VOTable metadata), a fast reader of its
 * values, and the text of a cell.
 */
import { DataType, Table, Vector } from 'apache-arrow';
import { formatNumber, INumberFormat } from './numberFormat';

/** What a column holds, from the Arrow field and its VOTable metadata. */
export interface IColumnMeta {
  index: number;
  name: string;
  /** Arrow type, e.g. `Float64`, `Utf8`. */
  type: string;
  numeric: boolean;
  unit: string | null;
  ucd: string | null;
  utype: string | null;
  description: string | null;
  /** The VOTable's `datatype`, `precision` and `width` of the column, when it came from one. */
  datatype: string | null;
  precision: string | null;
  width: string | null;
  /** Cells that were not a valid value of the column and were read as empty (Arrow metadata `warnings`). */
  warnings: number;
}

export function fieldMeta(table: Table, index: number): IColumnMeta {
  const field = table.schema.fields[index];
  const meta = field.metadata ?? new Map<string, string>();
  const type = field.type;
  const numeric =
    DataType.isInt(type) || DataType.isFloat(type) || DataType.isDecimal(type);
  return {
    index,
    name: field.name,
    type: String(type),
    numeric,
    unit: meta.get('unit') || null,
    ucd: meta.get('ucd') || null,
    utype: meta.get('utype') || null,
    description: meta.get('description') || null,
    datatype: meta.get('datatype') || null,
    precision: meta.get('precision') || null,
    width: meta.get('width') || null,
    warnings: Number(meta.get('warnings') || 0)
  };
}

/** A fast value reader for one column: typed arrays for fixed-width numbers, `get` otherwise. */
export function reader(vector: Vector): (row: number) => unknown {
  const type = vector.type;
  if (
    (DataType.isFloat(type) || DataType.isInt(type)) &&
    vector.numChildren === 0
  ) {
    const data = vector.toArray() as ArrayLike<number | bigint>;
    if (vector.nullCount === 0) {
      return row => data[row];
    }
    return row => (vector.isValid(row) ? data[row] : null);
  }
  return row => vector.get(row);
}

const ELLIPSIS = '\u2026';

/** The text of one cell; `format` is the column's float format (its VOTable precision, or by meaning). */
export function formatValue(
  value: unknown,
  type?: DataType,
  format?: INumberFormat
): string {
  if (value === null || value === undefined) {
    return '';
  }
  switch (typeof value) {
    case 'number':
      if (Number.isNaN(value)) {
        return 'NaN';
      }
      if (format && !(type && DataType.isInt(type))) {
        return formatNumber(value, format);
      }
      if (Number.isInteger(value)) {
        return String(value);
      }
      // float32 values carry float64 noise (1.2000000476837158): show the digits float32 has
      return String(
        Number(
          value.toPrecision(
            type && DataType.isFloat(type) && type.precision === 1 ? 7 : 15
          )
        )
      );
    case 'bigint':
    case 'boolean':
    case 'string':
      return String(value);
  }
  if (value instanceof Date) {
    return value.toISOString();
  }
  if (value instanceof Uint8Array) {
    return `<${value.length} bytes>`;
  }
  if (value instanceof Vector || ArrayBuffer.isView(value)) {
    const items = Array.from(
      (value instanceof Vector ? value.toArray() : value) as ArrayLike<unknown>
    );
    const shown = items.slice(0, 8).map(v => formatValue(v));
    return `[${shown.join(', ')}${items.length > 8 ? `, ${ELLIPSIS}` : ''}]`;
  }
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') {
    return JSON.stringify(toJSON.call(value));
  }
  return String(value);
}

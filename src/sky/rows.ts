/**
 * A table as the sky view reads it, whichever way it came: records (a small table inline, a grid's rows) or
 * columns (a spooled table: typed arrays straight from Arrow). A large catalogue reads its columns only and
 * builds the record of a row when that row is selected or shown, so a million rows never become a million
 * objects; a small one (Aladin Lite sources) asks for the records.
 */
import { SkyRows } from './tokens';

export class SkyTable {
  /** The table of `rows`, given as records or as columns. */
  static of(rows: SkyRows): SkyTable {
    return Array.isArray(rows)
      ? new SkyTable(null, rows)
      : new SkyTable(rows, null);
  }

  private constructor(
    private _columns: Record<string, ArrayLike<unknown>> | null,
    private _records: Record<string, unknown>[] | null
  ) {
    if (_columns) {
      this.names = Object.keys(_columns);
      this.length = this.names.length ? _columns[this.names[0]].length : 0;
    } else {
      this.names = _records!.length ? Object.keys(_records![0]) : [];
      this.length = _records!.length;
    }
  }

  /** Column names (of the first record, for records). */
  readonly names: string[];
  readonly length: number;

  has(name: string): boolean {
    return this.names.includes(name);
  }

  /** The values of column `name`, by row (gathered once from the records when given as records). */
  column(name: string): ArrayLike<unknown> {
    if (this._columns) {
      return this._columns[name] ?? new Array(this.length).fill(undefined);
    }
    let values = this._gathered.get(name);
    if (!values) {
      values = this._records!.map(r => r[name]);
      this._gathered.set(name, values);
    }
    return values;
  }

  /** One cell. */
  value(name: string, index: number): unknown {
    return this._records
      ? this._records[index][name]
      : this._columns![name]?.[index];
  }

  /** Row `index` as a record (a new object for columns). */
  row(index: number): Record<string, unknown> {
    if (this._records) {
      return this._records[index];
    }
    const record: Record<string, unknown> = {};
    for (const name of this.names) {
      record[name] = this._columns![name][index];
    }
    return record;
  }

  /** Every row as a record: what Aladin Lite's sources hold (small catalogues only). */
  records(): Record<string, unknown>[] {
    if (!this._records) {
      const out: Record<string, unknown>[] = new Array(this.length);
      for (let i = 0; i < this.length; i++) {
        out[i] = this.row(i);
      }
      this._records = out;
    }
    return this._records;
  }

  private _gathered = new Map<string, unknown[]>();
}

/** A cell as a coordinate: numbers and numeric strings; NaN for anything else (null and '' too, which
 * `Number()` would read as 0 and put at RA 0, Dec 0). */
export function coordinate(value: unknown): number {
  if (typeof value === 'number') {
    return value;
  }
  return typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
}

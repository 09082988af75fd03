/**
 * Rows of a grid (an Arrow table on screen) as a basket `vo_rows` payload, and the RA/Dec columns of a
 * table for the sky. Pure: works on any `{ columns, value(column, row) }` model.
 */
import { IBasketColumn } from './tokens';

export interface IRowSource {
  readonly columns: readonly {
    name: string;
    type: string;
    numeric: boolean;
    unit: string | null;
    ucd: string | null;
    description: string | null;
    datatype?: string | null;
    precision?: string | null;
    width?: string | null;
  }[];
  value(column: number, row: number): unknown;
}

/** Rows sent inline at most; the server moves more than 2000 to parquet itself, the payload stays < 1 MB. */
export const MAX_INLINE_ROWS = 5000;

/** A JSON-safe cell: BigInt to number (or string beyond 2^53), dates to ISO, binary dropped. */
export function jsonValue(value: unknown): unknown {
  if (value === null || value === undefined) {
    return null;
  }
  if (typeof value === 'bigint') {
    return value <= BigInt(Number.MAX_SAFE_INTEGER) &&
      value >= BigInt(-Number.MAX_SAFE_INTEGER)
      ? Number(value)
      : value.toString();
  }
  if (typeof value === 'number') {
    return Number.isFinite(value) ? value : null;
  }
  if (value instanceof Date) {
    return value.toISOString();
  }
  if (value instanceof Uint8Array) {
    return null;
  }
  const json = (value as { toJSON?: unknown } | null)?.toJSON;
  if (typeof value === 'object' && typeof json === 'function') {
    return json.call(value);
  }
  return value;
}

/** The `vo_rows` payload of some rows (source-row indices) of a table. */
export function rowsPayload(
  source: IRowSource,
  rows: number[],
  origin: Record<string, unknown>
): {
  columns: IBasketColumn[];
  rows: unknown[][];
  origin: Record<string, unknown>;
} {
  if (rows.length > MAX_INLINE_ROWS) {
    throw new Error(
      `${rows.length} rows selected: at most ${MAX_INLINE_ROWS} can be added at once (add the whole query instead)`
    );
  }
  const columns: IBasketColumn[] = source.columns.map(c => {
    // JSON has one kind of number: the type tells the server to keep a float32 a float32 (21.971, not the
    // double 21.971001), and precision/width keep the digits the VO grid showed.
    const datatype = c.datatype || (c.type === 'Float32' ? 'float' : null);
    return {
      name: c.name,
      ...(c.unit ? { unit: c.unit } : {}),
      ...(c.ucd ? { ucd: c.ucd } : {}),
      ...(c.description ? { description: c.description } : {}),
      ...(datatype ? { datatype } : {}),
      ...(c.precision ? { precision: c.precision } : {}),
      ...(c.width ? { width: c.width } : {})
    };
  });
  const out = rows.map(r =>
    source.columns.map((_, c) => jsonValue(source.value(c, r)))
  );
  return { columns, rows: out, origin: { ...origin, selection: rows } };
}

const RA = /^(ra|s_ra|raj2000|ra_icrs|radeg|ra_deg|alpha)(_[12])?$/i;
const DEC =
  /^(dec|de|s_dec|dej2000|decj2000|dec_icrs|dedeg|dec_deg|delta)(_[12])?$/i;

/**
 * The position columns of a table: by UCD (`pos.eq.ra`, preferring `meta.main`), else by the usual names,
 * also with the `_1`/`_2` suffixes a cross-match gives. `side` picks the left (1) or right (2) input's.
 */
export function skyColumns(
  columns: IRowSource['columns'],
  side: 1 | 2 = 1
): { ra: string; dec: string } | null {
  const numeric = columns.filter(c => c.numeric);
  const suffix = `_${side}`;
  const hasUcd = (c: (typeof numeric)[number], ucd: string) =>
    (c.ucd ?? '').toLowerCase().split(';').includes(ucd);
  const main = (c: (typeof numeric)[number]) =>
    (c.ucd ?? '').includes('meta.main');
  // this side's columns first (by UCD, then by name), then any column (a table that is not a cross-match)
  const pick = (ucd: string, names: RegExp) => {
    const sided = numeric.filter(c => c.name.endsWith(suffix));
    const byUcd = (list: typeof numeric) => {
      const hits = list.filter(c => hasUcd(c, ucd));
      return hits.find(main) ?? hits[0];
    };
    return (
      byUcd(sided) ??
      sided.find(c => names.test(c.name)) ??
      byUcd(numeric) ??
      numeric.find(c => names.test(c.name))
    );
  };
  const ra = pick('pos.eq.ra', RA);
  const dec = pick('pos.eq.dec', DEC);
  return ra && dec ? { ra: ra.name, dec: dec.name } : null;
}

/**
 * Simple per-column filter predicates typed by the user, e.g. `> 10`, `<= 3.5`, `10 .. 20`, `!= M31`,
 * `~ nebula` (contains, case-insensitive), `null`, `not null`. Plain text means "equals" for numeric
 * columns and "contains" for text columns. Pure functions: unit-tested in src/__tests__/predicates.spec.ts.
 */

export type Predicate = (value: unknown) => boolean;

/** A predicate that failed to parse; `message` says what was expected. */
export class PredicateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PredicateError';
  }
}

const isNull = (v: unknown): boolean =>
  v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v));

function toNumber(v: unknown): number {
  if (typeof v === 'number') {
    return v;
  }
  if (typeof v === 'bigint') {
    return Number(v);
  }
  if (typeof v === 'boolean') {
    return v ? 1 : 0;
  }
  if (v instanceof Date) {
    return v.getTime();
  }
  return Number(v);
}

function parseNumber(text: string, what: string): number {
  const n = Number(text.trim());
  if (text.trim() === '' || Number.isNaN(n)) {
    throw new PredicateError(`${what}: "${text.trim()}" is not a number`);
  }
  return n;
}

const NUM = '[-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?';
/** `1 .. 5`, `1..5`, `1 to 5`, `between 1 and 5` */
const RANGE = new RegExp(
  `^(?:between\\s+)?(${NUM})\\s*(?:\\.\\.|\\s+to\\s+|\\s+and\\s+)\\s*(${NUM})$`,
  'i'
);

/** Text of a cell value for text comparisons. */
export function valueText(v: unknown): string {
  if (isNull(v)) {
    return '';
  }
  if (typeof v === 'string') {
    return v;
  }
  return String(v);
}

/**
 * Parse `text` into a predicate over cell values.
 *
 * @param numeric whether the column holds numbers (comparisons are numeric, plain text means equality).
 * @throws PredicateError naming what was wrong.
 */
export function parsePredicate(text: string, numeric: boolean): Predicate {
  const t = text.trim();
  if (t === '') {
    return () => true;
  }
  const lower = t.toLowerCase();
  if (lower === 'null' || lower === 'is null') {
    return isNull;
  }
  if (lower === 'not null' || lower === '!null' || lower === 'is not null') {
    return v => !isNull(v);
  }
  const range = RANGE.exec(t);
  if (numeric && range) {
    const lo = parseNumber(range[1], 'range start');
    const hi = parseNumber(range[2], 'range end');
    return v => !isNull(v) && toNumber(v) >= lo && toNumber(v) <= hi;
  }
  const op = /^(>=|<=|!=|==|=|>|<|~|!~)\s*(.*)$/.exec(t);
  if (op) {
    const [, symbol, rest] = op;
    if (symbol === '~' || symbol === '!~') {
      const needle = rest.trim().toLowerCase();
      const contains: Predicate = v =>
        valueText(v).toLowerCase().includes(needle);
      return symbol === '~' ? contains : v => !contains(v);
    }
    if (numeric) {
      const n = parseNumber(rest, `"${symbol}"`);
      switch (symbol) {
        case '>':
          return v => !isNull(v) && toNumber(v) > n;
        case '>=':
          return v => !isNull(v) && toNumber(v) >= n;
        case '<':
          return v => !isNull(v) && toNumber(v) < n;
        case '<=':
          return v => !isNull(v) && toNumber(v) <= n;
        case '!=':
          return v => isNull(v) || toNumber(v) !== n;
        default:
          return v => !isNull(v) && toNumber(v) === n;
      }
    }
    const s = rest.trim();
    switch (symbol) {
      case '>':
        return v => !isNull(v) && valueText(v) > s;
      case '>=':
        return v => !isNull(v) && valueText(v) >= s;
      case '<':
        return v => !isNull(v) && valueText(v) < s;
      case '<=':
        return v => !isNull(v) && valueText(v) <= s;
      case '!=':
        return v => valueText(v) !== s;
      default:
        return v => valueText(v) === s;
    }
  }
  if (numeric) {
    const n = parseNumber(t, 'value');
    return v => !isNull(v) && toNumber(v) === n;
  }
  const needle = lower;
  return v => valueText(v).toLowerCase().includes(needle);
}

/**
 * Row indices (into the source) kept by all `filters`, in source order.
 *
 * @param get value of column `col` at source row `row`.
 */
export function filterRows(
  rowCount: number,
  filters: { column: number; predicate: Predicate }[],
  get: (col: number, row: number) => unknown
): Int32Array {
  if (!filters.length) {
    return identity(rowCount);
  }
  const out = new Int32Array(rowCount);
  let n = 0;
  outer: for (let r = 0; r < rowCount; r++) {
    for (const f of filters) {
      if (!f.predicate(get(f.column, r))) {
        continue outer;
      }
    }
    out[n++] = r;
  }
  return out.slice(0, n);
}

export function identity(n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    out[i] = i;
  }
  return out;
}

/**
 * Sort `rows` (source indices) by a column's values; nulls last in both directions. Numbers compare as
 * numbers (keys precomputed into a Float64Array), anything else as text.
 */
export function sortRows(
  rows: Int32Array,
  numeric: boolean,
  get: (row: number) => unknown,
  descending: boolean
): Int32Array {
  const sign = descending ? -1 : 1;
  const out = rows.slice();
  if (numeric) {
    // keys indexed by position in `rows`, then sorted through a position permutation
    const keys = new Float64Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const v = get(rows[i]);
      keys[i] = isNull(v) ? NaN : toNumber(v);
    }
    const order = identity(rows.length);
    order.sort((a, b) => {
      const x = keys[a];
      const y = keys[b];
      const xn = Number.isNaN(x);
      const yn = Number.isNaN(y);
      if (xn || yn) {
        return xn === yn ? a - b : xn ? 1 : -1;
      }
      return x === y ? a - b : (x < y ? -1 : 1) * sign;
    });
    for (let i = 0; i < order.length; i++) {
      out[i] = rows[order[i]];
    }
    return out;
  }
  const keys: (string | null)[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const v = get(rows[i]);
    keys[i] = isNull(v) ? null : valueText(v);
  }
  const order = identity(rows.length);
  order.sort((a, b) => {
    const x = keys[a];
    const y = keys[b];
    if (x === null || y === null) {
      return x === y ? a - b : x === null ? 1 : -1;
    }
    return x === y ? a - b : (x < y ? -1 : 1) * sign;
  });
  for (let i = 0; i < order.length; i++) {
    out[i] = rows[order[i]];
  }
  return out;
}

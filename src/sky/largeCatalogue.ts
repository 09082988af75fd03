/**
 * A catalogue too large for one Aladin Lite object per source (LARGE_CATALOGUE rows and more): its positions,
 * colours and sizes as typed arrays for the source canvas (sourceCanvas.ts), and the way back from a source
 * index to its row and id for selections. The table stays in columns (a spooled table's typed arrays are used
 * as they are): a row becomes a record only when it is selected or shown.
 */
import { coordinate, SkyTable } from './rows';
import { ICanvasLayer } from './sourceCanvas';
import { cssColour, packColour } from './stamps';
import { rgbAt, sizeAt, valueScale } from './styleBy';
import { ISkyLayerStyle, ISkyTableColumns } from './tokens';

/** From this many rows a catalogue is drawn on the source canvas instead of as Aladin Lite sources. */
export const LARGE_CATALOGUE = 20_000;

export class LargeCatalogue {
  constructor(
    columns: ISkyTableColumns,
    readonly table: SkyTable,
    style: ISkyLayerStyle
  ) {
    const { ra, dec, rowOf } = positions(
      table.column(columns.ra),
      table.column(columns.dec)
    );
    this._ids = columns.id ? table.column(columns.id) : null;
    this.rowOf = rowOf;
    this.drawn = {
      ra,
      dec,
      colours: this._colours(style),
      sizes: this._sizes(style),
      visible: true
    };
  }

  /** What the canvas draws. */
  readonly drawn: ICanvasLayer;
  /** Row index of each source (rows without a numeric position have no source). */
  readonly rowOf: Int32Array;

  get count(): number {
    return this.rowOf.length;
  }

  /** The id of source `index` as given: the id column's value, or the row index without one. */
  idOf(index: number): string | number {
    const row = this.rowOf[index];
    return this._ids ? (this._ids[row] as string | number) : row;
  }

  /** The row of source `index`, as a record. */
  rowOfSource(index: number): Record<string, unknown> {
    return this.table.row(this.rowOf[index]);
  }

  /** Source indices of `ids` (ids not in the layer are left out). */
  indicesOf(ids: ArrayLike<string | number>): number[] {
    const find = this.prepareIds();
    const out: number[] = [];
    for (let k = 0; k < ids.length; k++) {
      const i = find(ids[k]);
      if (i !== undefined) {
        out.push(i);
      }
    }
    return out;
  }

  /**
   * How to find a source by id, made once: on the first selection by id, or before it (the sky view asks
   * when the browser is idle after adding the layer, so a first brush does not wait for it).
   */
  prepareIds(): (id: string | number) => number | undefined {
    return (this._find ??= this._idIndex());
  }

  /**
   * Without an id column the ids are row numbers, and `rowOf` is increasing: a binary search. Numeric ids in
   * increasing order (a source_id column as most catalogues sort it) need no index either. Other ids go into a
   * map, keyed by number when they are numbers (a million strings as keys took seconds).
   */
  private _idIndex(): (id: string | number) => number | undefined {
    const n = this.rowOf.length;
    const rowOf = this.rowOf;
    if (!this._ids) {
      return id => searchIncreasing(i => rowOf[i], n, Number(id));
    }
    const numeric = (i: number) => {
      const id = this.idOf(i);
      return typeof id === 'number' ? id : NaN;
    };
    let increasing = true;
    let allNumbers = true;
    for (let i = 0; i < n && allNumbers; i++) {
      const id = numeric(i);
      allNumbers = Number.isFinite(id);
      increasing = increasing && (i === 0 || id > numeric(i - 1));
    }
    if (allNumbers && increasing) {
      return id => searchIncreasing(numeric, n, Number(id));
    }
    if (allNumbers) {
      const byNumber = new Map<number, number>();
      for (let i = 0; i < n; i++) {
        byNumber.set(numeric(i), i);
      }
      return id => byNumber.get(Number(id));
    }
    const byText = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      byText.set(String(this.idOf(i)), i);
    }
    return id => byText.get(String(id));
  }

  /** Colours and sizes by a new style, in place: the canvas keeps this layer (and its selection). */
  restyle(style: ISkyLayerStyle): void {
    this.drawn.colours = this._colours(style);
    this.drawn.sizes = this._sizes(style);
  }

  /** Per-source colours by the style's column, or the layer's one colour. */
  private _colours(style: ISkyLayerStyle): Uint32Array | number {
    const fallback = cssColour(style.color);
    const column = style.colorBy;
    if (!column || !this.table.has(column)) {
      return fallback;
    }
    const values = this.table.column(column);
    const scale = valueScale(values);
    const out = new Uint32Array(this.rowOf.length);
    const palette = scalePalette();
    for (let i = 0; i < out.length; i++) {
      const t = scale(values[this.rowOf[i]]);
      out[i] =
        t === null
          ? fallback
          : palette[Math.round(Math.min(1, Math.max(0, t)) * 255)];
    }
    return out;
  }

  /** Per-source sizes by the style's column, or the layer's one size. */
  private _sizes(style: ISkyLayerStyle): Uint8Array | number {
    const base = style.size ?? 8;
    const column = style.sizeBy;
    if (!column || !this.table.has(column)) {
      return base;
    }
    const values = this.table.column(column);
    const scale = valueScale(values);
    const out = new Uint8Array(this.rowOf.length);
    for (let i = 0; i < out.length; i++) {
      const t = scale(values[this.rowOf[i]]);
      out[i] = Math.min(255, t === null ? base : sizeAt(t, base));
    }
    return out;
  }

  private _ids: ArrayLike<unknown> | null;
  private _find: ((id: string | number) => number | undefined) | null = null;
}

/** The index i < n where `at(i)` is `wanted`, for `at` increasing; undefined if there is none. */
function searchIncreasing(
  at: (i: number) => number,
  n: number,
  wanted: number
): number | undefined {
  let lo = 0;
  let hi = n - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const value = at(mid);
    if (value === wanted) {
      return mid;
    }
    if (value < wanted) {
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return undefined;
}

let palette: Uint32Array | null = null;

/** The colour scale in 256 packed steps: a million sources are coloured by look-up, not one rgb() each. */
function scalePalette(): Uint32Array {
  if (!palette) {
    palette = new Uint32Array(256);
    for (let k = 0; k < 256; k++) {
      palette[k] = packColour(...rgbAt(k / 255));
    }
  }
  return palette;
}

/**
 * The numeric positions of the rows and the row of each. Float64 columns with every position finite (a spooled
 * table, usually) are used as they are; otherwise the rows with numeric positions are copied out.
 */
function positions(
  raValues: ArrayLike<unknown>,
  decValues: ArrayLike<unknown>
): { ra: Float64Array; dec: Float64Array; rowOf: Int32Array } {
  const n = raValues.length;
  if (raValues instanceof Float64Array && decValues instanceof Float64Array) {
    let finite = true;
    for (let i = 0; i < n && finite; i++) {
      finite = Number.isFinite(raValues[i]) && Number.isFinite(decValues[i]);
    }
    if (finite) {
      const rowOf = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        rowOf[i] = i;
      }
      return { ra: raValues, dec: decValues, rowOf };
    }
  }
  const ra = new Float64Array(n);
  const dec = new Float64Array(n);
  const rowOf = new Int32Array(n);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const r = coordinate(raValues[i]);
    const d = coordinate(decValues[i]);
    if (Number.isFinite(r) && Number.isFinite(d)) {
      ra[count] = r;
      dec[count] = d;
      rowOf[count] = i;
      count++;
    }
  }
  return {
    ra: ra.subarray(0, count),
    dec: dec.subarray(0, count),
    rowOf: rowOf.subarray(0, count)
  };
}

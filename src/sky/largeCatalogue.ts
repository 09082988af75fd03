/**
 * A catalogue too large for one Aladin Lite object per source (LARGE_CATALOGUE rows and more): its positions,
 * colours and sizes as typed arrays for the source canvas (sourceCanvas.ts), and the way back from a source
 * index to its row and id for selections.
 */
import { ICanvasLayer } from './sourceCanvas';
import { cssColour, packColour } from './stamps';
import { rgbAt, scaleOf, sizeAt } from './styleBy';
import { ISkyLayerStyle, ISkyTableColumns } from './tokens';

/** From this many rows a catalogue is drawn on the source canvas instead of as Aladin Lite sources. */
export const LARGE_CATALOGUE = 20_000;

export class LargeCatalogue {
  constructor(
    columns: ISkyTableColumns,
    readonly rows: Record<string, unknown>[],
    style: ISkyLayerStyle
  ) {
    const n = rows.length;
    const ra = new Float64Array(n);
    const dec = new Float64Array(n);
    const rowOf = new Int32Array(n);
    let count = 0;
    for (let i = 0; i < n; i++) {
      const row = rows[i];
      const r = Number(row[columns.ra]);
      const d = Number(row[columns.dec]);
      if (Number.isFinite(r) && Number.isFinite(d)) {
        ra[count] = r;
        dec[count] = d;
        rowOf[count] = i;
        count++;
      }
    }
    this._idColumn = columns.id;
    this.rowOf = rowOf.subarray(0, count);
    this.drawn = {
      ra: ra.subarray(0, count),
      dec: dec.subarray(0, count),
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
    return this._idColumn
      ? (this.rows[row][this._idColumn] as string | number)
      : row;
  }

  /** Source indices of `ids` (ids not in the layer are left out). */
  indicesOf(ids: Array<string | number>): number[] {
    if (!this._byId) {
      this._byId = new Map();
      for (let i = 0; i < this.rowOf.length; i++) {
        this._byId.set(String(this.idOf(i)), i);
      }
    }
    return ids
      .map(id => this._byId!.get(String(id)))
      .filter((i): i is number => i !== undefined);
  }

  /** Per-source colours by the style's column, or the layer's one colour. */
  private _colours(style: ISkyLayerStyle): Uint32Array | number {
    const fallback = cssColour(style.color);
    const column = style.colorBy;
    if (!column || !this.rows.length || !(column in this.rows[0])) {
      return fallback;
    }
    const scale = scaleOf(this.rows, column);
    const out = new Uint32Array(this.rowOf.length);
    for (let i = 0; i < out.length; i++) {
      const t = scale(this.rows[this.rowOf[i]][column]);
      out[i] = t === null ? fallback : packColour(...rgbAt(t));
    }
    return out;
  }

  /** Per-source sizes by the style's column, or the layer's one size. */
  private _sizes(style: ISkyLayerStyle): Uint8Array | number {
    const base = style.size ?? 8;
    const column = style.sizeBy;
    if (!column || !this.rows.length || !(column in this.rows[0])) {
      return base;
    }
    const scale = scaleOf(this.rows, column);
    const out = new Uint8Array(this.rowOf.length);
    for (let i = 0; i < out.length; i++) {
      const t = scale(this.rows[this.rowOf[i]][column]);
      out[i] = Math.min(255, t === null ? base : sizeAt(t, base));
    }
    return out;
  }

  private _idColumn?: string;
  private _byId: Map<string, number> | null = null;
}

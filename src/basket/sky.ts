/** Sending a basket table (an Arrow table on screen) to a sky view: one layer per position pair. */
import type { Table } from 'apache-arrow';
import type { ResultGrid } from '../grid';
import type { ISkyViewer } from '../sky/tokens';
import { skyColumns } from './rows';

/** Sources sent to the sky at most (Aladin Lite stays responsive up to about this many). */
export const SKY_ROW_LIMIT = 200000;

function floats(table: Table, name: string, n: number): Float64Array {
  const column = table.getChild(name);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = column?.get(i);
    out[i] = v === null || v === undefined ? NaN : Number(v);
  }
  return out;
}

/** Centre (mean direction) and a field of view covering the sources, in degrees; null without positions. */
export function fieldOf(
  ra: Float64Array,
  dec: Float64Array
): { ra: number; dec: number; fov: number } | null {
  let x = 0;
  let y = 0;
  let z = 0;
  let count = 0;
  const rad = Math.PI / 180;
  for (let i = 0; i < ra.length; i++) {
    if (Number.isFinite(ra[i]) && Number.isFinite(dec[i])) {
      const c = Math.cos(dec[i] * rad);
      x += c * Math.cos(ra[i] * rad);
      y += c * Math.sin(ra[i] * rad);
      z += Math.sin(dec[i] * rad);
      count++;
    }
  }
  if (count === 0) {
    return null;
  }
  const norm = Math.hypot(x, y, z) || 1;
  const cra = (Math.atan2(y, x) / rad + 360) % 360;
  const cdec = Math.asin(z / norm) / rad;
  // the largest distance from the centre sets the field (at least 1 arcmin, at most the whole sky)
  let widest = 0;
  for (let i = 0; i < ra.length; i++) {
    if (Number.isFinite(ra[i]) && Number.isFinite(dec[i])) {
      const cos =
        Math.sin(cdec * rad) * Math.sin(dec[i] * rad) +
        Math.cos(cdec * rad) *
          Math.cos(dec[i] * rad) *
          Math.cos((ra[i] - cra) * rad);
      widest = Math.max(
        widest,
        Math.acos(Math.min(1, Math.max(-1, cos))) / rad
      );
    }
  }
  return {
    ra: cra,
    dec: cdec,
    fov: Math.min(180, Math.max(1 / 60, widest * 2.4))
  };
}

/**
 * Show the grid's table on the sky. A cross-match result (columns with `_1`/`_2` suffixes) becomes two
 * layers, left and right positions. Resolves to the number of rows and layer ids.
 */
export async function showOnSky(
  sky: ISkyViewer,
  grid: ResultGrid,
  name: string
): Promise<{ rows: number; layers: string[] }> {
  const columns = grid.model.columns;
  const left = skyColumns(columns, 1);
  if (!left) {
    throw new Error(
      'This table has no RA/Dec columns (UCD pos.eq.ra/pos.eq.dec, or names like ra/dec)'
    );
  }
  const right = skyColumns(columns, 2);
  const n = Math.min(grid.table.numRows, SKY_ROW_LIMIT);
  const layers: string[] = [];
  const send = async (
    cols: { ra: string; dec: string },
    label: string,
    color: string
  ) => {
    const rows = {
      [cols.ra]: floats(grid.table, cols.ra, n),
      [cols.dec]: floats(grid.table, cols.dec, n)
    };
    layers.push(await sky.showTable(label, cols, rows, { color, size: 8 }));
  };
  const twoSided = right && right.ra !== left.ra;
  await send(left, twoSided ? `${name} (left)` : name, '#ff7f0e');
  if (twoSided) {
    await send(right!, `${name} (right)`, '#17becf');
  }
  const field = fieldOf(
    floats(grid.table, left.ra, n),
    floats(grid.table, left.dec, n)
  );
  if (field) {
    await sky.goTo({ ra: field.ra, dec: field.dec }, field.fov);
  }
  return { rows: n, layers };
}

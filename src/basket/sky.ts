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
  return { rows: n, layers };
}

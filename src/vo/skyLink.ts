/**
 * Sending a result to a sky view (ISkyViewer, optional) and keeping the selection in step both ways:
 * rows picked in the grid or brushed in a plot are selected on the sky, sources picked on the sky are selected
 * in the grid and the plots: all through the table's RowSelection.
 */
import { IDisposable } from '@lumino/disposable';
import type { IColumnMeta, ResultGrid } from '../grid';
import type { ISkyViewer } from '../sky/tokens';
import { linkSky } from '../plots/links';
import type { RowSelection } from '../plots/selection';

/** Rows sent to the sky at most (Aladin Lite stays responsive up to about this many sources). */
export const SKY_ROW_LIMIT = 200000;

const RA_NAMES = ['ra', 's_ra', 'raj2000', 'ra_icrs', 'ra2000', 'alpha'];
const DEC_NAMES = [
  'dec',
  's_dec',
  'dej2000',
  'dec_icrs',
  'de2000',
  'decj2000',
  'delta'
];

/** The RA/Dec (and s_region) columns of a result: by UCD first, then by usual names. */
export function positionColumns(
  columns: readonly Pick<IColumnMeta, 'name' | 'ucd' | 'numeric'>[]
): { ra: string; dec: string; region?: string } | null {
  const byUcd = (ucd: string) => {
    const hits = columns.filter(
      c => c.numeric && (c.ucd ?? '').toLowerCase().split(';').includes(ucd)
    );
    return (
      hits.find(c => (c.ucd ?? '').toLowerCase().includes('meta.main')) ??
      hits[0]
    );
  };
  const byName = (names: string[]) =>
    columns.find(c => c.numeric && names.includes(c.name.toLowerCase()));
  const ra = byUcd('pos.eq.ra') ?? byName(RA_NAMES);
  const dec = byUcd('pos.eq.dec') ?? byName(DEC_NAMES);
  if (!ra || !dec) {
    return null;
  }
  const region = columns.find(c => c.name.toLowerCase() === 's_region');
  return { ra: ra.name, dec: dec.name, region: region?.name };
}

function floats(grid: ResultGrid, index: number, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = grid.model.value(index, i);
    out[i] = v === null || v === undefined ? NaN : Number(v);
  }
  return out;
}

const EXTRA_NUMERIC_COLUMNS = 12;

/** A column whose first non-empty value (among the first 20 rows) is a number. */
function isNumeric(grid: ResultGrid, index: number, n: number): boolean {
  for (let i = 0; i < Math.min(n, 20); i++) {
    const v = grid.model.value(index, i);
    if (v !== null && v !== undefined && v !== '') {
      return typeof v === 'number' || typeof v === 'bigint';
    }
  }
  return false;
}

/** Show the grid's table on the sky; returns a disposable that stops the selection sync. */
export async function sendToSky(
  sky: ISkyViewer,
  grid: ResultGrid,
  name: string,
  selection: RowSelection
): Promise<IDisposable & { layer: string; rows: number }> {
  const cols = positionColumns(grid.model.columns);
  if (!cols) {
    throw new Error(
      'This result has no RA/Dec columns (UCD pos.eq.ra/pos.eq.dec)'
    );
  }
  const n = Math.min(grid.model.sourceRowCount, SKY_ROW_LIMIT);
  const index = (col: string) =>
    grid.model.columns.findIndex(c => c.name === col);
  const rows: Record<string, ArrayLike<unknown>> = {
    [cols.ra]: floats(grid, index(cols.ra), n),
    [cols.dec]: floats(grid, index(cols.dec), n)
  };
  // Numeric columns too (a few), so the layer list can colour and size the sources by them.
  const numeric = grid.model.columns
    .map((c, i) => ({ name: c.name, i }))
    .filter(({ name, i }) => !(name in rows) && isNumeric(grid, i, n))
    .slice(0, EXTRA_NUMERIC_COLUMNS);
  for (const { name, i } of numeric) {
    rows[name] = floats(grid, i, n);
  }
  if (cols.region) {
    const r = index(cols.region);
    rows[cols.region] = Array.from({ length: n }, (_, i) =>
      grid.model.value(r, i)
    );
  }
  const layer = await sky.showTable(name, cols, rows);
  // Grid, plots and sky follow one selection model (src/plots/selection.ts), not each other.
  const link = linkSky(selection, sky, layer, n);
  return {
    layer,
    rows: n,
    get isDisposed() {
      return link.isDisposed;
    },
    dispose: () => link.dispose()
  };
}

/**
 * A box brushed on a scatter plot whose points are all in the browser, selected here: the row ids of the points
 * inside, as the server's plots/select would answer (closed ranges in data units, ids ascending) without the
 * round trip. Larger tables are binned on the server and brushed there.
 */
import { decode, IPlotData, IPoints } from './api';

/** True when `data` holds every plotted point (a scatter plot, not binned for size). */
export function pointsInBrowser(data: IPlotData | null): boolean {
  return (
    !!data && data.kind === 'scatter' && !!data.x && !!data.y && !!data.row
  );
}

/** Row ids of the points inside the box (null range: that axis is not brushed), ascending. */
export function rowsInBox(
  data: IPlotData,
  xrange: number[] | null,
  yrange: number[] | null
): Int32Array {
  const x = decode(data.x!);
  const y = decode(data.y!);
  const row = decode(data.row!);
  const [xlo, xhi] = xrange ?? [-Infinity, Infinity];
  const [ylo, yhi] = yrange ?? [-Infinity, Infinity];
  const out = new Int32Array(row.length);
  let n = 0;
  for (let i = 0; i < row.length; i++) {
    if (x[i] >= xlo && x[i] <= xhi && y[i] >= ylo && y[i] <= yhi) {
      out[n++] = row[i];
    }
  }
  return out.subarray(0, n).sort();
}

/** Points highlighted at most (as the server's MAX_SELECTED_POINTS). */
const MAX_HIGHLIGHTED = 50_000;

/** The selected rows' points, taken from the points in the browser (undefined when none is selected). */
export function selectedPoints(
  data: IPlotData,
  isSelected: (row: number) => boolean
): IPoints | undefined {
  const x = decode(data.x!);
  const y = decode(data.y!);
  const row = decode(data.row!);
  const picked: number[] = [];
  for (let i = 0; i < row.length && picked.length < MAX_HIGHLIGHTED; i++) {
    if (isSelected(row[i])) {
      picked.push(i);
    }
  }
  if (!picked.length) {
    return undefined;
  }
  return {
    x: Float64Array.from(picked, i => x[i]),
    y: Float64Array.from(picked, i => y[i]),
    row: Int32Array.from(picked, i => row[i])
  };
}

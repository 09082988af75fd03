/**
 * Connecting views to a RowSelection: each view writes its own changes with its origin and follows the
 * others'. The views never talk to each other directly, so a plot, a grid and a sky layer of the same table
 * stay in step however many there are.
 */
import { IDisposable } from '@lumino/disposable';
import type { ResultGrid } from '../grid';
import type { ISkyViewer } from '../sky/tokens';
import { ISelectionChange, RowSelection } from './selection';

function disposable(stop: () => void): IDisposable {
  let disposed = false;
  return {
    get isDisposed() {
      return disposed;
    },
    dispose() {
      if (!disposed) {
        disposed = true;
        stop();
      }
    }
  };
}

/** Grid <-> selection. */
export function linkGrid(
  selection: RowSelection,
  grid: ResultGrid
): IDisposable {
  // The row ids, on the node: what browser tests compare across views (the first 2,000).
  const mark = (rows: ArrayLike<number>) =>
    (grid.node.dataset.selectedRows = Array.from(rows)
      .slice(0, 2000)
      .join(','));
  const fromGrid = (_: unknown, rows: number[]) => selection.set(rows, 'grid');
  const toGrid = (_: unknown, change: ISelectionChange) => {
    mark(change.rows);
    if (change.origin !== 'grid' && !grid.isDisposed) {
      grid.selectRows(Array.from(change.rows));
    }
  };
  grid.selectionChanged.connect(fromGrid);
  selection.changed.connect(toGrid);
  if (selection.rows.length) {
    grid.selectRows(Array.from(selection.rows), false);
  }
  return disposable(() => {
    grid.selectionChanged.disconnect(fromGrid);
    selection.changed.disconnect(toGrid);
  });
}

/** Sky catalogue layer <-> selection; rows at or past `n` (not sent to the sky) are left out there. */
export function linkSky(
  selection: RowSelection,
  sky: ISkyViewer,
  layer: string,
  n: number
): IDisposable {
  const toSky = (_: unknown, change: ISelectionChange) => {
    if (change.origin === 'sky') {
      return;
    }
    const ids = Array.from(change.rows.subarray(0, upperBound(change.rows, n)));
    void sky.select(layer, ids).catch(() => undefined);
  };
  selection.changed.connect(toSky);
  const fromSky = sky.onSelection(picked => {
    if (picked.layer === layer && picked.origin === 'view') {
      selection.set(picked.ids.map(Number), 'sky');
    }
  });
  return disposable(() => {
    selection.changed.disconnect(toSky);
    fromSky.dispose();
  });
}

/** Index of the first value >= n in an ascending array. */
function upperBound(rows: Int32Array, n: number): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (rows[mid] < n) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

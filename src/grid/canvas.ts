/**
 * The results grid's canvas (a Lumino DataGrid): how it is set up, header clicks that sort, and the rows
 * selected in it in source-row indices (the table's own order), whatever the view's filter and sort.
 * ResultGrid.ts builds it and reports and sets its selection through these.
 */
import {
  BasicKeyHandler,
  BasicMouseHandler,
  BasicSelectionModel,
  DataGrid,
  SelectionModel
} from '@lumino/datagrid';
import { ArrowModel } from './arrowModel';

/** Selected rows as source-row indices (0-based, in the order shown). */
export function selectedSourceRows(
  selection: SelectionModel | null,
  model: ArrowModel
): number[] {
  if (!selection) {
    return [];
  }
  const out: number[] = [];
  const seen = new Set<number>();
  for (const s of selection.selections()) {
    const lo = Math.max(0, Math.min(s.r1, s.r2));
    const hi = Math.min(model.viewRowCount - 1, Math.max(s.r1, s.r2));
    for (let r = lo; r <= hi; r++) {
      const src = model.sourceRow(r);
      if (!seen.has(src)) {
        seen.add(src);
        out.push(src);
      }
    }
  }
  return out;
}

/**
 * The parts of Lumino's BasicSelectionModel that selectSourceRows uses to add many runs at once. Its `select()`
 * compares each new row with every selection made before it (quadratic): 10,000 scattered rows brushed in a plot
 * took 0.3-0.8 s of the main thread before the grid could paint. Checked before use; the public API otherwise.
 */
interface ISelectionRuns {
  _selections: SelectionModel.Selection[];
  emitChanged(): void;
}

function runsOf(model: BasicSelectionModel): ISelectionRuns | null {
  const m = model as unknown as Partial<ISelectionRuns>;
  return Array.isArray(m._selections) && typeof m.emitChanged === 'function'
    ? (m as ISelectionRuns)
    : null;
}

/** Select source rows as runs of whole rows; rows hidden by a filter are skipped. The view rows selected. */
export function selectSourceRows(
  selection: BasicSelectionModel,
  model: ArrowModel,
  rows: number[]
): number[] {
  const view = rows
    .map(r => model.viewRow(r))
    .filter(r => r >= 0)
    .sort((a, b) => a - b);
  selection.clear();
  const last = model.columnCount('body') - 1;
  const runs: SelectionModel.Selection[] = [];
  let i = 0;
  while (i < view.length) {
    let j = i;
    while (j + 1 < view.length && view[j + 1] === view[j] + 1) {
      j++;
    }
    runs.push({ r1: view[i], c1: 0, r2: view[j], c2: last });
    i = j + 1;
  }
  const internals = runsOf(selection);
  for (const [k, run] of runs.entries()) {
    if (k > 0 && internals) {
      // the first run went through select() (cursor and all); the rest are distinct rows: appended at once
      internals._selections.push(...runs.slice(1));
      internals.emitChanged();
      break;
    }
    selection.select({
      ...run,
      cursorRow: run.r1,
      cursorColumn: 0,
      clear: 'none'
    });
  }
  return view;
}

/** Header clicks sort (away from the resize edges); everything else behaves as usual. */
export class SortingMouseHandler extends BasicMouseHandler {
  constructor(private _onSort: (column: number) => void) {
    super();
  }

  onMouseDown(grid: DataGrid, event: MouseEvent): void {
    const hit = grid.hitTest(event.clientX, event.clientY);
    if (
      hit.region === 'column-header' &&
      event.button === 0 &&
      !event.shiftKey &&
      hit.x > 6 &&
      hit.x < hit.width - 6
    ) {
      this._onSort(hit.column);
      return;
    }
    super.onMouseDown(grid, event);
  }
}

/** The DataGrid over `model`: row selection, keyboard moves, header clicks sort, an accessible name. */
export function createCanvas(
  model: ArrowModel,
  label: string,
  onSort: (column: number) => void
): DataGrid {
  const grid = new DataGrid({
    defaultSizes: {
      rowHeight: 22,
      columnWidth: 120,
      rowHeaderWidth: 64,
      columnHeaderHeight: 26
    },
    headerVisibility: 'all'
  });
  grid.addClass('jp-escape-Grid-canvas');
  grid.dataModel = model;
  grid.keyHandler = new BasicKeyHandler();
  grid.mouseHandler = new SortingMouseHandler(onSort);
  grid.selectionModel = new BasicSelectionModel({
    dataModel: model,
    selectionMode: 'row'
  });
  // Float cells are padded to line up on the point (arrowModel.ts): a copy takes the numbers without it.
  grid.copyConfig = {
    ...grid.copyConfig,
    format: args => DataGrid.copyFormatGeneric(args).trimEnd()
  };
  grid.node.setAttribute('role', 'grid');
  grid.node.setAttribute('aria-label', label);
  grid.node.tabIndex = 0;
  return grid;
}

/**
 * The shared results grid. Import from here: the grid itself (Lumino DataGrid + apache-arrow) is loaded
 * on first use, so nothing heavy lands in the eagerly loaded bundle.
 *
 *   const { table } = await requestArrow('vo/results/<id>/arrow');
 *   const grid = await createResultGrid({ table, translator });
 *   grid.selectionChanged.connect((_, rows) => ...);   // source-row indices
 *   grid.selectRows([3, 7]);
 */
import type { ResultGrid } from './ResultGrid';

export type { ResultGrid } from './ResultGrid';
export type { IColumnMeta, IFilter, ISort } from './arrowModel';
export { decodeArrow, isAbort, requestArrow } from './fetchArrow';
export type { IArrowRequest, IArrowResponse } from './fetchArrow';

/** A grid over an Arrow table (loads the grid code on first call). */
export async function createResultGrid(
  options: ResultGrid.IOptions
): Promise<ResultGrid> {
  const module = await import('./ResultGrid');
  return new module.ResultGrid(options);
}

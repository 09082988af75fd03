import { BasicSelectionModel, DataModel } from '@lumino/datagrid';
import type { ArrowModel } from '../grid/arrowModel';
import { selectedSourceRows, selectSourceRows } from '../grid/canvas';

/** A table of `rows` x 3 shown unsorted and unfiltered: view row = source row. */
class Table extends DataModel {
  constructor(private _rows: number) {
    super();
  }
  rowCount(region: DataModel.RowRegion): number {
    return region === 'body' ? this._rows : 1;
  }
  columnCount(region: DataModel.ColumnRegion): number {
    return region === 'body' ? 3 : 1;
  }
  data(): unknown {
    return 0;
  }
}

function setup(rows: number) {
  const table = new Table(rows);
  const model = Object.assign(table, {
    viewRow: (r: number) => r,
    sourceRow: (r: number) => r,
    viewRowCount: rows
  }) as unknown as ArrowModel;
  const selection = new BasicSelectionModel({
    dataModel: table,
    selectionMode: 'row'
  });
  return { model, selection };
}

describe('selecting rows picked elsewhere in the grid', () => {
  it('selects runs of whole rows and reads the same rows back', () => {
    const { model, selection } = setup(20);
    let changes = 0;
    selection.changed.connect(() => changes++);
    expect(selectSourceRows(selection, model, [7, 2, 3, 4, 9, 15])).toEqual([
      2, 3, 4, 7, 9, 15
    ]);
    expect(Array.from(selection.selections())).toEqual([
      { r1: 2, c1: 0, r2: 4, c2: 2 },
      { r1: 7, c1: 0, r2: 7, c2: 2 },
      { r1: 9, c1: 0, r2: 9, c2: 2 },
      { r1: 15, c1: 0, r2: 15, c2: 2 }
    ]);
    expect(selection.isRowSelected(9)).toBe(true);
    expect(selection.isRowSelected(10)).toBe(false);
    expect(selection.cursorRow).toBe(2);
    expect(selectedSourceRows(selection, model)).toEqual([2, 3, 4, 7, 9, 15]);
    expect(changes).toBeLessThanOrEqual(3); // clear, the first run, the rest at once
  });
  it('replaces the previous selection, and an empty list clears it', () => {
    const { model, selection } = setup(10);
    selectSourceRows(selection, model, [1, 5]);
    selectSourceRows(selection, model, [8]);
    expect(selectedSourceRows(selection, model)).toEqual([8]);
    selectSourceRows(selection, model, []);
    expect(selection.isEmpty).toBe(true);
  });
  it('selects 20,000 scattered rows of 100,000', () => {
    const { model, selection } = setup(100_000);
    const rows = Array.from({ length: 20_000 }, (_, i) => i * 5);
    selectSourceRows(selection, model, rows);
    expect(selectedSourceRows(selection, model)).toEqual(rows);
  });
});

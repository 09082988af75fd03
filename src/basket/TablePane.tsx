/**
 * A toolbar over the shared results grid: the piece every basket view uses to show a table (an item's rows,
 * a SQL result, a cross-match). The toolbar (TablePaneBar) renders a TablePaneModel and is re-rendered with
 * `update()` when the grid's selection changes.
 */
import { ReactWidget } from '@jupyterlab/apputils';
import { Panel } from '@lumino/widgets';
import * as React from 'react';
import type { ResultGrid } from '../grid';
import { TablePaneBar } from './TablePaneBar';
import { ITablePaneOptions, TablePaneModel } from './tablePaneModel';

export type { ITablePaneOptions } from './tablePaneModel';

/** A React toolbar drawn by a callback; `update()` re-renders it. */
export class RenderBar extends ReactWidget {
  constructor(private _render: () => JSX.Element) {
    super();
    this.addClass('jp-escape-TablePane-bar');
  }

  render(): JSX.Element {
    return this._render();
  }
}

export class TablePane extends Panel {
  constructor(options: ITablePaneOptions) {
    super();
    this.addClass('jp-escape-TablePane');
    this.model = new TablePaneModel(options);
    this._bar = new RenderBar(() => (
      <TablePaneBar model={this.model} grid={this._grid} />
    ));
    this.addWidget(this._bar);
  }

  readonly model: TablePaneModel;

  get grid(): ResultGrid | null {
    return this._grid;
  }

  setGrid(grid: ResultGrid | null): void {
    this._grid?.dispose();
    this._grid = grid;
    if (grid) {
      grid.selectionChanged.connect(() => this._bar.update());
      this.addWidget(grid);
    }
    this.model.error = null;
    this._bar.update();
  }

  setError(error: unknown): void {
    this.model.setError(error);
  }

  update(): void {
    super.update();
    this._bar.update();
  }

  dispose(): void {
    this._grid?.dispose();
    this.model.dispose();
    super.dispose();
  }

  private _bar: RenderBar;
  private _grid: ResultGrid | null = null;
}

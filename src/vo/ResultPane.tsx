/**
 * Where a query's result is shown: progress with Cancel while it runs, the server's error verbatim when it
 * fails, then the grid with its actions (result/ResultBar.tsx). The state is a ResultModel; the pane owns the
 * grid widget; its links to the sky, the plots and the basket are a ResultLinks (result/links.ts).
 */
import { ReactWidget } from '@jupyterlab/apputils';
import { Panel } from '@lumino/widgets';
import * as React from 'react';
import { createResultGrid, IArrowResponse, ResultGrid } from '../grid';
import { IResultInfo } from './api';
import { IVOContext } from './context';
import { IRunOptions, ResultModel, ResultState } from './model';
import { ResultBar } from './result/ResultBar';
import { ResultLinks } from './result/links';

export type { IRunOptions } from './model';

export class ResultPane extends Panel {
  constructor(
    readonly ctx: IVOContext,
    readonly emptyText?: string
  ) {
    super();
    this.addClass('jp-escape-ResultPane');
    this.model = new ResultModel(ctx.trans);
    this._shown = this.model.state;
    this.links = new ResultLinks(ctx, this.model, () => this._grid);
    this.model.changed.connect(this._onModelChanged, this);
    this._bar = new BarWidget(this);
    this.addWidget(this._bar);
  }

  readonly model: ResultModel;
  /** The result's selection shared with plots and the sky, its sky view, plot and basket actions. */
  readonly links: ResultLinks;

  get grid(): ResultGrid | null {
    return this._grid;
  }

  get info(): IResultInfo | null {
    const state = this.model.state;
    return state.kind === 'done' ? state.info : null;
  }

  /** Run a fetch and show its result; a previous run still going is cancelled. */
  run(options: IRunOptions): Promise<void> {
    return this.model.run(options, (response, info, signal) =>
      this._present(options.label, response, info, signal)
    );
  }

  cancel(): void {
    this.model.cancel();
  }

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this.model.dispose();
    super.dispose();
  }

  /** Build the grid of a fetched result; false when the run was cancelled meanwhile. */
  private async _present(
    label: string,
    response: IArrowResponse,
    info: IResultInfo,
    signal: AbortSignal
  ): Promise<boolean> {
    const grid = await createResultGrid({
      table: response.table,
      translator: this.ctx.translator,
      label
    });
    if (signal.aborted) {
      grid.dispose();
      return false;
    }
    this._grid?.dispose();
    this._grid = grid;
    grid.selectionChanged.connect(() => this._bar.update());
    this.addWidget(grid);
    this.links.linkGrid(grid, info, label);
    return true;
  }

  /** A new state drops the sky link; one without a result also drops the grid. */
  private _onModelChanged(): void {
    const state = this.model.state;
    if (state !== this._shown) {
      this._shown = state;
      this.links.drop(state.kind !== 'done');
      if (state.kind !== 'done') {
        this._grid?.dispose();
        this._grid = null;
      }
    }
    this._bar.update();
  }

  private _bar: BarWidget;
  private _grid: ResultGrid | null = null;
  private _shown: ResultState;
}

class BarWidget extends ReactWidget {
  constructor(private _pane: ResultPane) {
    super();
    this.addClass('jp-escape-ResultPane-bar');
  }

  render(): JSX.Element {
    return <ResultBar pane={this._pane} />;
  }
}

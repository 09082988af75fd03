/**
 * Where a query's result is shown: progress with Cancel while it runs, the server's error verbatim when it
 * fails, then the grid with its actions (result/ResultBar.tsx). The state is a ResultModel; the pane owns the
 * grid widget and its links to the sky, the plots and the basket.
 */
import { ReactWidget } from '@jupyterlab/apputils';
import { Panel } from '@lumino/widgets';
import * as React from 'react';
import { addResultToBasket, basketAvailable } from '../basket/voLink';
import { createResultGrid, IArrowResponse, ResultGrid } from '../grid';
import { linkGrid } from '../plots/links';
import {
  linkedSelections,
  plotSourceArgs,
  RowSelection
} from '../plots/selection';
import { PlotCommandIDs } from '../plots/tokens';
import { IResultInfo } from './api';
import { IVOContext } from './context';
import { IRunOptions, ResultModel, ResultState } from './model';
import { ResultBar } from './result/ResultBar';
import { sendToSky } from './skyLink';

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
    this.model.changed.connect(this._onModelChanged, this);
    this._bar = new BarWidget(this);
    this.addWidget(this._bar);
  }

  readonly model: ResultModel;

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

  /** Show the result on a sky view, with the selection kept in step both ways. */
  async showOnSky(): Promise<number> {
    const sky = this.ctx.sky;
    if (!sky || !this._grid) {
      throw new Error(this.ctx.trans.__('No sky view is available'));
    }
    const selection = this._keptSelection();
    this._skyLink?.dispose();
    const link = await sendToSky(sky, this._grid, this._label(), selection);
    this._skyLink = link;
    return link.rows;
  }

  /** Open a linked plot of this result (scatter of the first two numeric columns to start with). */
  async openPlot(): Promise<void> {
    await this.ctx.app.commands.execute(PlotCommandIDs.open, {
      source: plotSourceArgs(this._keptSelection().source),
      title: this._label()
    });
  }

  /** Add the selected rows (or, with none, the query and its result) to the basket; the item's title. */
  async addToBasket(): Promise<string> {
    const grid = this._grid;
    const options = this.model.options;
    if (!grid || !options) {
      throw new Error(this.ctx.trans.__('There is no result to add'));
    }
    const item = await addResultToBasket(
      this.ctx.app.commands,
      grid,
      options.provenance,
      options.label,
      grid.selectedRows
    );
    return item.title;
  }

  /** What the toolbar may offer besides the always-there actions. */
  get offers(): { sky: boolean; plot: boolean; basket: boolean } {
    const commands = this.ctx.app.commands;
    return {
      sky: !!this.ctx.sky,
      plot: !!this.model.selection && commands.hasCommand(PlotCommandIDs.open),
      basket: !!this._grid && basketAvailable(commands)
    };
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
    // The grid writes to and follows the result's shared selection (plots and the sky do the same).
    const selection = info.id
      ? linkedSelections.get({ kind: 'vo-result', id: info.id }, label)
      : null;
    this.model.selection = selection;
    this._gridLink?.dispose();
    this._gridLink = selection ? linkGrid(selection, grid) : null;
    return true;
  }

  /** A new state drops the sky link; one without a result also drops the grid. */
  private _onModelChanged(): void {
    const state = this.model.state;
    if (state !== this._shown) {
      this._shown = state;
      this._skyLink?.dispose();
      this._skyLink = null;
      if (state.kind !== 'done') {
        this._gridLink?.dispose();
        this._gridLink = null;
        this._grid?.dispose();
        this._grid = null;
      }
    }
    this._bar.update();
  }

  private _keptSelection(): RowSelection {
    const selection = this.model.selection;
    if (!selection) {
      throw new Error(
        this.ctx.trans.__('This result is not kept on the server')
      );
    }
    return selection;
  }

  private _label(): string {
    return this.model.options?.label ?? 'VO result';
  }

  private _bar: BarWidget;
  private _grid: ResultGrid | null = null;
  private _shown: ResultState;
  private _skyLink: { dispose(): void } | null = null;
  private _gridLink: { dispose(): void } | null = null;
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

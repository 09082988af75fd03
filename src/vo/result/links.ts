/**
 * What ties a shown VO result to the rest of the lab: the shared row selection (grid, plots, sky), the sky
 * view it was sent to, a linked plot, the research basket. The ResultPane owns one and drops its links when
 * the result goes.
 */
import { addResultToBasket, basketAvailable } from '../../basket/voLink';
import type { ResultGrid } from '../../grid';
import { linkGrid } from '../../plots/links';
import {
  linkedSelections,
  plotSourceArgs,
  RowSelection
} from '../../plots/selection';
import { PlotCommandIDs } from '../../plots/tokens';
import { IResultInfo } from '../api';
import { IVOContext } from '../context';
import { ResultModel } from '../model';
import { sendToSky } from '../skyLink';

export class ResultLinks {
  constructor(
    private _ctx: IVOContext,
    private _model: ResultModel,
    private _grid: () => ResultGrid | null
  ) {}

  /** The grid writes to and follows the result's shared selection (plots and the sky do the same). */
  linkGrid(grid: ResultGrid, info: IResultInfo, label: string): void {
    const selection = info.id
      ? linkedSelections.get({ kind: 'vo-result', id: info.id }, label)
      : null;
    this._model.selection = selection;
    this._gridLink?.dispose();
    this._gridLink = selection ? linkGrid(selection, grid) : null;
  }

  /** A new result drops the sky link; `grid` also drops the grid's link (the result is gone). */
  drop(grid: boolean): void {
    this._skyLink?.dispose();
    this._skyLink = null;
    if (grid) {
      this._gridLink?.dispose();
      this._gridLink = null;
    }
  }

  /** Show the result on a sky view, with the selection kept in step both ways; the rows shown. */
  async showOnSky(): Promise<number> {
    const sky = this._ctx.sky;
    const grid = this._grid();
    if (!sky || !grid) {
      throw new Error(this._ctx.trans.__('No sky view is available'));
    }
    const selection = this._keptSelection();
    this._skyLink?.dispose();
    const link = await sendToSky(sky, grid, this._label(), selection);
    this._skyLink = link;
    return link.rows;
  }

  /** Open a linked plot of this result (scatter of the first two numeric columns to start with). */
  async openPlot(): Promise<void> {
    await this._ctx.app.commands.execute(PlotCommandIDs.open, {
      source: plotSourceArgs(this._keptSelection().source),
      title: this._label()
    });
  }

  /** Add the selected rows (or, with none, the query and its result) to the basket; the item's title. */
  async addToBasket(): Promise<string> {
    const grid = this._grid();
    const options = this._model.options;
    if (!grid || !options) {
      throw new Error(this._ctx.trans.__('There is no result to add'));
    }
    const item = await addResultToBasket(
      this._ctx.app.commands,
      grid,
      options.provenance,
      options.label,
      grid.selectedRows
    );
    return item.title;
  }

  /** What the toolbar may offer besides the always-there actions. */
  get offers(): { sky: boolean; plot: boolean; basket: boolean } {
    const commands = this._ctx.app.commands;
    return {
      sky: !!this._ctx.sky,
      plot: !!this._model.selection && commands.hasCommand(PlotCommandIDs.open),
      basket: !!this._grid() && basketAvailable(commands)
    };
  }

  private _keptSelection(): RowSelection {
    const selection = this._model.selection;
    if (!selection) {
      throw new Error(
        this._ctx.trans.__('This result is not kept on the server')
      );
    }
    return selection;
  }

  private _label(): string {
    return this._model.options?.label ?? 'VO result';
  }

  private _skyLink: { dispose(): void } | null = null;
  private _gridLink: { dispose(): void } | null = null;
}

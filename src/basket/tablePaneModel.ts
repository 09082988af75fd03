/**
 * The state of a basket table pane's toolbar: the action under way and its failure (ActionModel), and the two
 * actions every basket table offers (the rows on the sky, the selection into the basket).
 */
import { Notification } from '@jupyterlab/apputils';
import { ActionModel } from '../components/actionModel';
import type { ResultGrid } from '../grid';
import { IBasketContext } from './context';
import { rowsPayload } from './rows';
import { showOnSky } from './sky';

export interface ITablePaneOptions {
  ctx: IBasketContext;
  /** Name of the table on the sky and in the basket. */
  label: () => string;
  /** Where the rows came from (recorded with rows added to the basket). */
  origin: () => Record<string, unknown>;
  /** Extra toolbar content (left of the shared buttons). */
  extra?: () => JSX.Element | null;
}

export class TablePaneModel extends ActionModel {
  constructor(readonly options: ITablePaneOptions) {
    super();
  }

  /** Every row of `grid` on the sky view. */
  showOnSky(grid: ResultGrid): Promise<void> {
    const { ctx, label } = this.options;
    const trans = ctx.trans;
    return this.run(trans.__('Sending to the sky'), async () => {
      const shown = await showOnSky(ctx.sky!, grid, label());
      Notification.info(
        trans.__(
          '%1 rows on the sky (%2 layers)',
          shown.rows.toLocaleString(),
          shown.layers.length
        ),
        { autoClose: 3000 }
      );
    });
  }

  /** The selected rows of `grid` as a new basket item. */
  addSelection(grid: ResultGrid, selected: number[]): Promise<void> {
    const { ctx, label, origin } = this.options;
    const trans = ctx.trans;
    return this.run(trans.__('Adding to the basket'), async () => {
      const payload = rowsPayload(grid.model, selected, origin());
      const item = await ctx.model.add({
        kind: 'vo_rows',
        payload,
        title: trans.__('%1 rows of %2', selected.length, label())
      });
      Notification.success(trans.__('Added "%1" to the basket', item.title), {
        autoClose: 3000
      });
    });
  }
}

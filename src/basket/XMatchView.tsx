/**
 * Cross-match two tables (basket items, workspace tables or files): the form, then the result in the grid
 * with "Show on sky" (left and right positions as two layers) and "Show me the code". State is the
 * XMatchModel's (xmatchModel.ts); the form is XMatchForm.
 */
import { Notification } from '@jupyterlab/apputils';
import { SplitPanel } from '@lumino/widgets';
import * as React from 'react';
import { createResultGrid, requestArrow } from '../grid';
import { IXMatchResult, XMatchRef } from './api';
import { IBasketContext } from './context';
import { RenderBar, TablePane } from './TablePane';
import { XMatchForm } from './XMatchForm';
import { XMatchModel } from './xmatchModel';

export class XMatchView extends SplitPanel {
  constructor(
    private _ctx: IBasketContext,
    left?: XMatchRef,
    right?: XMatchRef
  ) {
    super({ orientation: 'vertical' });
    this.addClass('jp-escape-XMatch');
    this.id = 'jp-escape-basket-xmatch';
    this.title.label = _ctx.trans.__('Cross-match');
    this.title.closable = true;
    this.model = new XMatchModel(_ctx, left, right);
    this._formBar = new RenderBar(() => (
      <XMatchForm
        ctx={_ctx}
        model={this.model}
        run={() => void this.model.run((t, r) => this._show(t, r))}
      />
    ));
    this._formBar.addClass('jp-escape-XMatch-form');
    this._result = new TablePane({
      ctx: _ctx,
      label: () => this.model.result?.saved?.table ?? 'cross-match',
      origin: () => ({
        source: 'cross-match',
        table: this.model.result?.saved?.table
      })
    });
    this.addWidget(this._formBar);
    this.addWidget(this._result);
    this.setRelativeSizes([1, 1]);
    this.model.changed.connect(() => this._formBar.update(), this);
    _ctx.model.changed.connect(() => this._formBar.update(), this);
    // the basket list may be stale while its section is collapsed
    void _ctx.model.refresh();
  }

  readonly model: XMatchModel;

  /** Choose inputs (e.g. from the basket's "Cross-match…" on an item). */
  setInputs(left?: XMatchRef, right?: XMatchRef): void {
    this.model.setInputs(left, right);
  }

  dispose(): void {
    this.model.dispose();
    super.dispose();
  }

  /** The result table in the grid, and a notification of how many matched. */
  private async _show(table: string, result: IXMatchResult): Promise<void> {
    const { trans, translator } = this._ctx;
    const response = await requestArrow('basket/sql', {
      method: 'POST',
      body: JSON.stringify({
        sql: `SELECT * FROM "${table}"`,
        format: 'arrow',
        limit: 100000
      })
    });
    const grid = await createResultGrid({
      table: response.table,
      translator,
      label: trans.__('Cross-match result %1', table)
    });
    this._result.setGrid(grid);
    Notification.success(
      trans.__(
        '%1 matches in table %2',
        result.n_matches.toLocaleString(),
        table
      ),
      { autoClose: 4000 }
    );
  }

  private _formBar: RenderBar;
  private _result: TablePane;
}

/**
 * A toolbar over the shared results grid: the piece every basket view uses to show a table (an item's rows,
 * a SQL result, a cross-match). The toolbar is React, re-rendered with `update()`.
 */
import { Notification, ReactWidget } from '@jupyterlab/apputils';
import { Panel } from '@lumino/widgets';
import * as React from 'react';
import type { ResultGrid } from '../grid';
import { BasketError } from './components';
import { IBasketContext } from './context';
import { MAX_INLINE_ROWS, rowsPayload } from './rows';
import { showOnSky } from './sky';

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

export interface ITablePaneOptions {
  ctx: IBasketContext;
  /** Name of the table on the sky and in the basket. */
  label: () => string;
  /** Where the rows came from (recorded with rows added to the basket). */
  origin: () => Record<string, unknown>;
  /** Extra toolbar content (left of the shared buttons). */
  extra?: () => JSX.Element | null;
}

export class TablePane extends Panel {
  constructor(private _options: ITablePaneOptions) {
    super();
    this.addClass('jp-escape-TablePane');
    this._bar = new RenderBar(() => this._renderBar());
    this.addWidget(this._bar);
  }

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
    this._error = null;
    this._bar.update();
  }

  setError(error: unknown): void {
    this._error = error;
    this._bar.update();
  }

  update(): void {
    super.update();
    this._bar.update();
  }

  private async _act(label: string, work: () => Promise<void>): Promise<void> {
    this._busy = label;
    this._error = null;
    this._bar.update();
    try {
      await work();
    } catch (error) {
      this._error = error;
    } finally {
      this._busy = null;
      this._bar.update();
    }
  }

  private _renderBar(): JSX.Element {
    const { ctx } = this._options;
    const trans = ctx.trans;
    const grid = this._grid;
    const selected = grid?.selectedRows ?? [];
    return (
      <div className="jp-escape-TablePane-tools">
        <div
          className="jp-escape-TablePane-actions"
          role="toolbar"
          aria-label={trans.__('Table actions')}
        >
          {this._options.extra?.()}
          {grid && ctx.sky && (
            <button
              type="button"
              className="jp-mod-styled jp-escape-Basket-sky"
              disabled={!!this._busy}
              onClick={() =>
                this._act(trans.__('Sending to the sky'), async () => {
                  const shown = await showOnSky(
                    ctx.sky!,
                    grid,
                    this._options.label()
                  );
                  Notification.info(
                    trans.__(
                      '%1 rows on the sky (%2 layers)',
                      shown.rows.toLocaleString(),
                      shown.layers.length
                    ),
                    { autoClose: 3000 }
                  );
                })
              }
            >
              {trans.__('Show on sky')}
            </button>
          )}
          {grid && (
            <button
              type="button"
              className="jp-mod-styled"
              disabled={
                !!this._busy ||
                selected.length === 0 ||
                selected.length > MAX_INLINE_ROWS
              }
              title={trans.__(
                'Add the selected rows to the basket (up to %1)',
                MAX_INLINE_ROWS
              )}
              onClick={() =>
                this._act(trans.__('Adding to the basket'), async () => {
                  const payload = rowsPayload(
                    grid.model,
                    selected,
                    this._options.origin()
                  );
                  const item = await ctx.model.add({
                    kind: 'vo_rows',
                    payload,
                    title: trans.__(
                      '%1 rows of %2',
                      selected.length,
                      this._options.label()
                    )
                  });
                  Notification.success(
                    trans.__('Added "%1" to the basket', item.title),
                    { autoClose: 3000 }
                  );
                })
              }
            >
              {trans.__('Add selection to basket (%1)', selected.length)}
            </button>
          )}
          {this._busy && <span role="status">{this._busy}…</span>}
        </div>
        {this._error !== null && (
          <BasketError
            error={this._error}
            trans={trans}
            onDismiss={() => this.setError(null)}
          />
        )}
      </div>
    );
  }

  dispose(): void {
    this._grid?.dispose();
    super.dispose();
  }

  private _bar: RenderBar;
  private _grid: ResultGrid | null = null;
  private _busy: string | null = null;
  private _error: unknown = null;
}

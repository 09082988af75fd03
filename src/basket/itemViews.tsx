/** A basket item's rows in the grid (its provenance is ProvenanceView). */
import * as React from 'react';
import { createResultGrid, requestArrow } from '../grid';
import { IBasketContext } from './context';
import { itemSnippet } from './kinds';
import { TablePane } from './TablePane';
import { IBasketItem } from './tokens';

/** Rows fetched into the grid at most (the server slices; the summary says when there are more). */
export const GRID_ROW_LIMIT = 200000;

export class ItemTableView extends TablePane {
  constructor(
    ctx: IBasketContext,
    private _item: IBasketItem
  ) {
    super({
      ctx,
      label: () => this._item.title,
      origin: () => ({ source: this._item.source, item: this._item.id }),
      extra: () => this._summary()
    });
    this._ctx = ctx;
    this.addClass('jp-escape-BasketTable');
    this.id = `jp-escape-basket-table-${_item.id}`;
    this.title.label = _item.title;
    this.title.caption = ctx.trans.__(
      'Basket item %1 (%2)',
      _item.title,
      _item.source
    );
    this.title.closable = true;
    void this.load(false);
  }

  async load(refresh: boolean): Promise<void> {
    this._state = this._ctx.trans.__('Loading…');
    this.update();
    try {
      const response = await requestArrow(
        `basket/items/${encodeURIComponent(this._item.id)}/data`,
        {
          params: { format: 'arrow', limit: GRID_ROW_LIMIT, refresh }
        }
      );
      const total = Number(
        response.headers.get('X-Escape-Total-Rows') ?? response.table.numRows
      );
      const grid = await createResultGrid({
        table: response.table,
        translator: this._ctx.translator,
        label: this._item.title
      });
      this._state =
        total > response.table.numRows
          ? this._ctx.trans.__(
              'first %1 of %2 rows',
              response.table.numRows.toLocaleString(),
              total.toLocaleString()
            )
          : this._ctx.trans.__('%1 rows', total.toLocaleString());
      this.setGrid(grid);
    } catch (error) {
      this._state = '';
      this.setError(error);
    }
  }

  private _summary(): JSX.Element {
    const trans = this._ctx.trans;
    return (
      <>
        <span className="jp-escape-TablePane-summary" role="status">
          {this._item.title}
          {this._state ? ` — ${this._state}` : ''}
        </span>
        {this._item.kind === 'vo_query' && (
          <button
            type="button"
            className="jp-mod-styled"
            title={trans.__('Run the query again on its service')}
            onClick={() => void this.load(true)}
          >
            {trans.__('Re-run query')}
          </button>
        )}
        <button
          type="button"
          className="jp-mod-styled"
          onClick={() => void this._ctx.insertCode(itemSnippet(this._item))}
        >
          {trans.__('Show me the code')}
        </button>
        {this._ctx.app.commands.hasCommand('escape:samp-send') && (
          <button
            type="button"
            className="jp-mod-styled jp-escape-Basket-samp"
            title={trans.__(
              'Send this table to desktop tools (TOPCAT, Aladin) over SAMP'
            )}
            onClick={() =>
              void this._ctx.app.commands.execute('escape:samp-send', {
                source: { kind: 'basket', item: this._item.id },
                name: this._item.title
              })
            }
          >
            {trans.__('Send via SAMP')}
          </button>
        )}
      </>
    );
  }

  private _ctx: IBasketContext;
  private _state = '';
}

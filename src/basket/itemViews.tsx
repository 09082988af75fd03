/** Main-area views of one basket item: its rows in the grid, and its provenance (PROV-JSON). */
import { ReactWidget } from '@jupyterlab/apputils';
import * as React from 'react';
import { createResultGrid, requestArrow } from '../grid';
import { basketAPI, IProvDocument } from './api';
import { BasketError } from './components';
import { IBasketContext } from './context';
import { itemSnippet, provenanceSnippet } from './kinds';
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

export class ProvenanceView extends ReactWidget {
  constructor(
    private _ctx: IBasketContext,
    private _item: IBasketItem
  ) {
    super();
    this.addClass('jp-escape-Provenance');
    this.id = `jp-escape-basket-prov-${_item.id}`;
    this.title.label = _ctx.trans.__('Provenance: %1', _item.title);
    this.title.closable = true;
  }

  render(): JSX.Element {
    return <Provenance ctx={this._ctx} item={this._item} />;
  }
}

/** Counts of the PROV-JSON sections, for the summary. */
function sections(doc: IProvDocument): [string, number][] {
  return [
    'entity',
    'activity',
    'agent',
    'used',
    'wasGeneratedBy',
    'wasDerivedFrom',
    'wasAssociatedWith'
  ]
    .map((k): [string, unknown] => [k, doc[k]])
    .filter(([, v]) => v && typeof v === 'object')
    .map(([k, v]) => [k, Object.keys(v as object).length]);
}

function Provenance(props: {
  ctx: IBasketContext;
  item: IBasketItem;
}): JSX.Element {
  const { ctx, item } = props;
  const trans = ctx.trans;
  const [doc, setDoc] = React.useState<IProvDocument | null>(null);
  const [error, setError] = React.useState<unknown>(null);
  React.useEffect(() => {
    basketAPI.provenance(item.id).then(setDoc, setError);
  }, [item.id]);
  const text = doc ? JSON.stringify(doc, null, 2) : '';
  const download = () => {
    const url = URL.createObjectURL(
      new Blob([text], { type: 'application/json' })
    );
    const a = document.createElement('a');
    a.href = url;
    a.download = `${String(item.extra?.table ?? item.id)}.prov.json`;
    document.body.appendChild(a);
    a.click();
    a.remove();
    window.setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  return (
    <div className="jp-escape-Provenance-body">
      <h2>{trans.__('Provenance of "%1"', item.title)}</h2>
      {error !== null && <BasketError error={error} trans={trans} />}
      {!doc && error === null && (
        <div role="status">{trans.__('Loading…')}</div>
      )}
      {doc && (
        <>
          <p>
            {trans.__('W3C PROV record (PROV-JSON):')}{' '}
            {sections(doc)
              .map(([k, n]) => `${k} ${n}`)
              .join(', ')}
          </p>
          <ActivityList doc={doc} />
          <div className="jp-escape-Basket-actions">
            <button
              type="button"
              className="jp-mod-styled jp-mod-accept"
              onClick={download}
            >
              {trans.__('Download PROV-JSON')}
            </button>
            <button
              type="button"
              className="jp-mod-styled"
              onClick={() => void ctx.insertCode(provenanceSnippet(item))}
            >
              {trans.__('Show me the code')}
            </button>
          </div>
          <pre
            className="jp-escape-Provenance-json"
            tabIndex={0}
            aria-label={trans.__('PROV-JSON document')}
          >
            {text}
          </pre>
        </>
      )}
    </div>
  );
}

/** The activities with their type and times: what was done, in order. */
function ActivityList(props: { doc: IProvDocument }): JSX.Element | null {
  const activities = Object.entries(props.doc.activity ?? {});
  if (activities.length === 0) {
    return null;
  }
  activities.sort((a, b) =>
    String(a[1]['prov:startTime'] ?? '').localeCompare(
      String(b[1]['prov:startTime'] ?? '')
    )
  );
  const type = (a: Record<string, unknown>) => {
    const t = a['prov:type'];
    return typeof t === 'object' && t
      ? String((t as { $?: unknown }).$ ?? JSON.stringify(t))
      : String(t ?? '');
  };
  return (
    <ol className="jp-escape-Provenance-activities">
      {activities.map(([id, a]) => (
        <li key={id}>
          <code>{type(a) || id}</code> {String(a['prov:startTime'] ?? '')}
        </li>
      ))}
    </ol>
  );
}

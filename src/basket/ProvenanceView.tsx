/** An item's provenance (W3C PROV-JSON): what was done in order, the document, download, show me the code. */
import { ReactWidget } from '@jupyterlab/apputils';
import * as React from 'react';
import { basketAPI, IProvDocument } from './api';
import { BasketError } from './components';
import { IBasketContext } from './context';
import { provenanceSnippet } from './kinds';
import { IBasketItem } from './tokens';

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

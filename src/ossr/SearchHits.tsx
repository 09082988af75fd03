/** The OSSR search hits (title, version, type, licence, compliance badge, authors) and the result pages. */
import * as React from 'react';
import { IHit, ISearchReply } from './api';
import { ComplianceBadge } from './compliance';
import { IOSSRContext } from './context';
import { SearchModel } from './searchModel';

export function SearchHits(props: {
  ctx: IOSSRContext;
  model: SearchModel;
  reply: ISearchReply;
}): JSX.Element {
  const { ctx, model, reply } = props;
  const trans = ctx.trans;
  return (
    <>
      <ul
        className="jp-escape-OSSR-hits"
        aria-busy={model.busy}
        aria-label={trans.__('Search results')}
      >
        {reply.hits.map(hit => (
          <Hit key={hit.id} ctx={ctx} model={model} hit={hit} />
        ))}
      </ul>
      {reply.total > reply.size && (
        <nav
          className="jp-escape-OSSR-pager"
          aria-label={trans.__('Result pages')}
        >
          <button
            type="button"
            className="jp-mod-styled"
            disabled={model.busy || reply.page <= 1}
            onClick={() => model.turnPage(-1)}
          >
            {trans.__('Previous')}
          </button>
          <button
            type="button"
            className="jp-mod-styled"
            disabled={model.busy || !reply.has_next}
            onClick={() => model.turnPage(1)}
          >
            {trans.__('Next')}
          </button>
        </nav>
      )}
    </>
  );
}

function Hit(props: {
  ctx: IOSSRContext;
  model: SearchModel;
  hit: IHit;
}): JSX.Element {
  const { ctx, model, hit } = props;
  const trans = ctx.trans;
  return (
    <li className="jp-escape-OSSR-hit">
      <button
        type="button"
        className="jp-escape-OSSR-linkButton jp-escape-OSSR-hitTitle"
        onClick={() => ctx.openRecord(hit.id, hit.title)}
        title={hit.summary}
      >
        {hit.title}
      </button>
      <div className="jp-escape-OSSR-hitMeta">
        {hit.version && <span>{hit.version}</span>}
        {hit.type && <span className="jp-escape-OSSR-pill">{hit.type}</span>}
        {hit.license && (
          <span className="jp-escape-OSSR-pill">{hit.license}</span>
        )}
        {!hit.is_latest && (
          <span className="jp-escape-OSSR-pill">
            {trans.__('older version')}
          </span>
        )}
        <ComplianceBadge state={model.compliance(hit)} trans={trans} />
      </div>
      <div className="jp-escape-OSSR-muted jp-escape-OSSR-authors">
        {authorsLine(hit.creators, trans.__('et al.'))}
        {hit.publication_date ? ` · ${hit.publication_date}` : ''}
      </div>
    </li>
  );
}

function authorsLine(creators: string[], etAl: string): string {
  return creators.length > 3
    ? `${creators.slice(0, 3).join('; ')} ${etAl}`
    : creators.join('; ');
}

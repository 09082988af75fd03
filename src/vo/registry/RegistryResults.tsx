/** One page of registry resources, with paging, the code of the search, and "search the picked services". */
import * as React from 'react';
import { IRegistryPage } from '../api';
import { IVOContext } from '../context';
import { REGISTRY_PAGE, RegistryModel, toQuery } from '../model';
import { pythonAPISnippet } from '../snippets';
import { ResourceItem } from './ResourceItem';

export function RegistryResults(props: {
  ctx: IVOContext;
  model: RegistryModel;
  page: IRegistryPage;
}): JSX.Element {
  const { ctx, model, page } = props;
  return (
    <div className="jp-escape-Registry-results">
      <RegistryPager ctx={ctx} model={model} page={page} />
      <ol className="jp-escape-Registry-list" start={page.offset + 1}>
        {page.resources.map(r => (
          <ResourceItem key={r.ivoid} ctx={ctx} model={model} resource={r} />
        ))}
      </ol>
    </div>
  );
}

/** Which results these are, previous/next, the code of the search, and "search the picked services". */
function RegistryPager(props: {
  ctx: IVOContext;
  model: RegistryModel;
  page: IRegistryPage;
}): JSX.Element {
  const { ctx, model, page } = props;
  const trans = ctx.trans;
  const pickedList = Object.values(model.picked);
  const apiCode = () => {
    const q = toQuery(model.form, page.offset);
    void ctx.insertCode(
      pythonAPISnippet({
        kind: 'registry',
        url: page.registry_url,
        params: { ...q, keywords: q.keywords?.split(/\s+/) }
      })
    );
  };
  return (
    <div
      className="jp-escape-Registry-pager"
      role="navigation"
      aria-label={trans.__('Result pages')}
    >
      <span role="status">
        {page.resources.length
          ? trans.__(
              'Results %1–%2%3',
              page.offset + 1,
              page.offset + page.resources.length,
              page.has_more ? '+' : ''
            )
          : trans.__('No resource matches.')}
      </span>
      <button
        type="button"
        className="jp-mod-styled"
        disabled={page.offset === 0 || model.running !== null}
        onClick={() =>
          void model.search(Math.max(0, page.offset - REGISTRY_PAGE))
        }
      >
        {trans.__('Previous')}
      </button>
      <button
        type="button"
        className="jp-mod-styled"
        disabled={!page.has_more || model.running !== null}
        onClick={() => void model.search(page.offset + REGISTRY_PAGE)}
      >
        {trans.__('Next')}
      </button>
      <button
        type="button"
        className="jp-mod-styled"
        onClick={() => void ctx.insertCode(page.code)}
      >
        {trans.__('Show me the code (pyvo)')}
      </button>
      <button type="button" className="jp-mod-styled" onClick={apiCode}>
        {trans.__('Python API code')}
      </button>
      {pickedList.length > 0 && (
        <button
          type="button"
          className="jp-mod-styled jp-mod-accept"
          onClick={() => ctx.openDal(pickedList)}
        >
          {trans.__('Search %1 services at once', pickedList.length)}
        </button>
      )}
    </div>
  );
}

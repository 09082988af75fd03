/** What Explore shows under the form (after the Crumbs): a collection's contents or the search results, paged. */
import * as React from 'react';
import { ErrorBox } from './components';
import { IDatalakeContext } from './context';
import { DIDList, typeLabel } from './DIDList';
import { ExploreModel } from './exploreModel';
import { Pager } from './Pager';

export function Contents(props: {
  ctx: IDatalakeContext;
  model: ExploreModel;
}): JSX.Element | null {
  const { ctx, model } = props;
  const trans = ctx.trans;
  const top = model.collections.top;
  const contents = model.collections.contents.data;
  if (!top) {
    return null;
  }
  const instance = model.instance;
  return (
    <div className="jp-escape-DL-contents">
      <div className="jp-escape-DL-row">
        <span className="jp-escape-DL-muted jp-escape-DL-grow">
          {typeLabel(top.type, trans)} <code>{top.did}</code>
        </span>
        <button
          type="button"
          className="jp-mod-styled jp-escape-DL-small"
          onClick={() => ctx.openDetails(instance, top.did)}
        >
          {trans.__('Details & stage')}
        </button>
      </div>
      {model.collections.contents.error !== null && (
        <ErrorBox
          error={model.collections.contents.error}
          trans={trans}
          onRetry={() => model.collections.contents.retry()}
        />
      )}
      {contents && contents.did === top.did && (
        <>
          <Pager
            ctx={ctx}
            offset={contents.offset}
            limit={contents.limit}
            shown={contents.items.length}
            total={contents.total}
            hasMore={contents.has_more}
            busy={model.collections.contents.busy}
            onOffset={offset => model.collections.setOffset(offset)}
          />
          <DIDList
            ctx={ctx}
            instance={instance}
            rows={contents.items}
            label={trans.__('Contents of %1', top.did)}
            onOpen={row =>
              model.collections.open(row, did => ctx.openDetails(instance, did))
            }
          />
        </>
      )}
    </div>
  );
}

export function SearchResults(props: {
  ctx: IDatalakeContext;
  model: ExploreModel;
}): JSX.Element {
  const { ctx, model } = props;
  const trans = ctx.trans;
  const results = model.results.data;
  const instance = model.instance;
  return (
    <div className="jp-escape-DL-results">
      {model.results.error !== null && (
        <ErrorBox
          error={model.results.error}
          trans={trans}
          onRetry={() => model.results.retry()}
        />
      )}
      {results && model.query && (
        <>
          <div className="jp-escape-DL-summary" aria-live="polite">
            {results.items.length === 0 && results.offset === 0
              ? trans.__('No match in %1.', results.scope)
              : trans.__(
                  'Matches in %1%2',
                  results.scope,
                  results.has_more
                    ? ''
                    : ` (${results.offset + results.items.length})`
                )}
          </div>
          <Pager
            ctx={ctx}
            offset={results.offset}
            limit={results.limit}
            shown={results.items.length}
            total={null}
            hasMore={results.has_more}
            busy={model.results.busy}
            onOffset={offset => model.setSearchOffset(offset)}
          />
          <DIDList
            ctx={ctx}
            instance={instance}
            rows={results.items}
            label={trans.__('Search results')}
            onOpen={row =>
              model.collections.open(row, did => ctx.openDetails(instance, did))
            }
          />
        </>
      )}
    </div>
  );
}

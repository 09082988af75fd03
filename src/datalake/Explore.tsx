/**
 * Explore an instance: scope, name wildcard, DID type and metadata filters (key, operator, value) -> one page
 * of DIDs at a time; open a container or dataset to page through its children (a page is read from Rucio's
 * stream and the stream closed, so a 100,000-file dataset pages as fast as a small one); details open in the
 * main area. The state lives in an ExploreModel; every request is aborted when a newer one replaces it or the
 * section goes away.
 */
import * as React from 'react';
import { useSignals } from '../components/useSignals';
import { ErrorBox } from './components';
import { IDatalakeContext } from './context';
import { ExploreForm } from './ExploreForm';
import { ExploreModel } from './exploreModel';
import { Crumbs } from './Crumbs';
import { Contents, SearchResults } from './ExploreResults';

export function Explore(props: {
  ctx: IDatalakeContext;
  instance: string;
}): JSX.Element {
  const { ctx, instance } = props;
  const trans = ctx.trans;
  const model = React.useMemo(() => new ExploreModel(instance), []);
  useSignals([model.changed]);
  React.useEffect(() => () => model.dispose(), [model]);
  React.useEffect(() => model.setInstance(instance), [instance]);

  // "Browse contents" from a details view lands here.
  React.useEffect(() => {
    const take = () => {
      const request = ctx.model.takeBrowse(instance);
      if (request) {
        model.collections.browse(request.did, request.type);
      }
    };
    take();
    ctx.model.browseRequested.connect(take);
    return () => {
      ctx.model.browseRequested.disconnect(take);
    };
  }, [instance]);

  return (
    <div className="jp-escape-DL-explore">
      <h3 className="jp-escape-DL-heading">{trans.__('Explore')}</h3>
      <ExploreForm ctx={ctx} model={model} />
      {model.scopes.error !== null && (
        <ErrorBox
          error={model.scopes.error}
          trans={trans}
          onRetry={() => model.scopes.retry()}
        />
      )}
      <Crumbs ctx={ctx} model={model} />
      {model.collections.top ? (
        <Contents ctx={ctx} model={model} />
      ) : (
        <SearchResults ctx={ctx} model={model} />
      )}
    </div>
  );
}

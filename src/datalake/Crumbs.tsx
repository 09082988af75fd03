/** Explore's path of opened collections: back to the results, then each level, the current one last. */
import * as React from 'react';
import { IDatalakeContext } from './context';
import { ExploreModel } from './exploreModel';

export function Crumbs(props: {
  ctx: IDatalakeContext;
  model: ExploreModel;
}): JSX.Element | null {
  const { ctx, model } = props;
  const trans = ctx.trans;
  const path = model.collections.path;
  if (path.length === 0) {
    return null;
  }
  return (
    <nav className="jp-escape-DL-crumbs" aria-label={trans.__('Location')}>
      <button
        type="button"
        className="jp-escape-DL-linkButton"
        onClick={() => model.collections.setPath([])}
      >
        {model.query ? trans.__('Search results') : trans.__('Back')}
      </button>
      {path.map((c, i) => (
        <React.Fragment key={c.did}>
          <span aria-hidden="true"> › </span>
          {i < path.length - 1 ? (
            <button
              type="button"
              className="jp-escape-DL-linkButton"
              onClick={() => model.collections.setPath(path.slice(0, i + 1))}
            >
              {c.name}
            </button>
          ) : (
            <span aria-current="location" className="jp-escape-DL-crumbHere">
              {c.name}
            </span>
          )}
        </React.Fragment>
      ))}
    </nav>
  );
}

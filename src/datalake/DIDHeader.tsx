/** The head of a DID's details: the DID, its instance and type, Browse contents, Refresh, Copy DID. */
import * as React from 'react';
import { IDatalakeContext } from './context';
import { DIDModel } from './didModel';
import { report } from './staged';

export function DIDHeader(props: {
  ctx: IDatalakeContext;
  model: DIDModel;
}): JSX.Element {
  const { ctx, model } = props;
  const { instance, did } = model;
  const trans = ctx.trans;
  const d = model.details;
  return (
    <header className="jp-escape-DL-viewHeader">
      <h2>
        <code>{did}</code>
      </h2>
      <div className="jp-escape-DL-muted">
        {ctx.model.label(instance)}
        {d ? ` · ${d.type.toLowerCase()}` : ''}
      </div>
      <div className="jp-escape-DL-actions">
        {d && d.type !== 'FILE' && (
          <button
            type="button"
            className="jp-mod-styled jp-escape-DL-small"
            onClick={() => ctx.browse(instance, did, d.type)}
          >
            {trans.__('Browse contents')}
          </button>
        )}
        <button
          type="button"
          className="jp-mod-styled jp-escape-DL-small"
          onClick={() => model.refresh()}
        >
          {trans.__('Refresh')}
        </button>
        <button
          type="button"
          className="jp-mod-styled jp-escape-DL-small"
          onClick={() =>
            void report(ctx, trans.__('Copy'), () =>
              navigator.clipboard.writeText(did)
            )
          }
        >
          {trans.__('Copy DID')}
        </button>
      </div>
    </header>
  );
}

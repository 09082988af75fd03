/**
 * The "Software (OSSR)" section of the ESCAPE sidebar: search the community (text, type, keywords, facility,
 * licence, language, sort, all versions), page through hits, open a record, start a publication.
 * State is the SearchModel's (searchModel.ts); filters and hits are in SearchFilters and SearchHits.
 */
import { ReactWidget } from '@jupyterlab/apputils';
import * as React from 'react';
import { useSignals } from '../components/useSignals';
import { Busy, ErrorBox, RateLimitNotice } from './components';
import { IOSSRContext } from './context';
import { SearchFilters } from './SearchFilters';
import { SearchHits } from './SearchHits';
import { SearchModel } from './searchModel';

export class OSSRSection extends ReactWidget {
  constructor(private _ctx: IOSSRContext) {
    super();
    this.addClass('jp-escape-OSSRSection');
    this.title.label = _ctx.trans.__('Software (OSSR)');
    this.model = new SearchModel(_ctx);
  }

  readonly model: SearchModel;

  dispose(): void {
    this.model.dispose();
    super.dispose();
  }

  render(): JSX.Element {
    return <Section ctx={this._ctx} model={this.model} />;
  }
}

function Section(props: {
  ctx: IOSSRContext;
  model: SearchModel;
}): JSX.Element {
  const { ctx, model } = props;
  const trans = ctx.trans;
  useSignals([model.changed]);
  const { config, reply, busy } = model;
  const liveId = React.useId();

  if (config && !config.configured) {
    return (
      <div className="jp-escape-OSSRSection-body">
        <p className="jp-escape-OSSR-muted">
          {trans.__(
            'No software repository is configured on the server (EscapeConfig.software_repository).'
          )}
        </p>
      </div>
    );
  }

  return (
    <div className="jp-escape-OSSRSection-body">
      <form
        className="jp-escape-OSSR-searchForm"
        role="search"
        aria-label={trans.__('Search the software repository')}
        onSubmit={e => {
          e.preventDefault();
          model.set({ q: model.text.trim() });
        }}
      >
        <input
          type="search"
          className="jp-mod-styled"
          aria-label={trans.__('Search text')}
          placeholder={
            config?.community
              ? trans.__('Search %1', config.community)
              : trans.__('Search the OSSR')
          }
          value={model.text}
          onChange={e => model.setText(e.target.value)}
        />
        <button type="submit" className="jp-mod-styled jp-mod-accept">
          {trans.__('Search')}
        </button>
      </form>
      <SearchFilters model={model} trans={trans} />
      <div id={liveId} className="jp-escape-OSSR-summary" aria-live="polite">
        {busy ? (
          <Busy label={trans.__('Searching…')} />
        ) : reply ? (
          trans._n('%1 record', '%1 records', reply.total) +
          (reply.total > 0
            ? ' · ' +
              trans.__(
                'page %1 of %2',
                reply.page,
                Math.max(1, Math.ceil(reply.total / reply.size))
              )
            : '')
        ) : null}
      </div>
      {model.error !== null && (
        <ErrorBox
          error={model.error}
          trans={trans}
          onRetry={() => model.retry()}
        />
      )}
      <RateLimitNotice events={reply?.rate_limited} trans={trans} />
      {reply && <SearchHits ctx={ctx} model={model} reply={reply} />}
      <div className="jp-escape-OSSR-sectionActions">
        <button
          type="button"
          className="jp-mod-styled"
          onClick={() => ctx.openPublish(ctx.currentFolder())}
          title={
            config && !config.can_publish
              ? trans.__(
                  'Publishing is not enabled on this server; you can still prepare codemeta.json'
                )
              : trans.__('Publish the folder shown in the file browser')
          }
        >
          {trans.__('Publish a folder…')}
        </button>
      </div>
    </div>
  );
}

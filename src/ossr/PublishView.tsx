/**
 * Publish a workspace folder to the software repository: load or generate codemeta.json, edit it (form or JSON,
 * checked against the OSSR rules as you type), create a deposition, upload with progress, keep a draft or publish,
 * resume a failed upload. The token stays on the server: the UI only knows whether publishing is enabled.
 * State is the PublishModel's (publishModel.ts); the parts are in PublishCodemeta, PublishDeposit, PublishOutcome.
 */
import { ReactWidget } from '@jupyterlab/apputils';
import * as React from 'react';
import { useSignals } from '../components/useSignals';
import { Busy, ErrorBox } from './components';
import { IOSSRContext } from './context';
import { PublishCodemeta } from './PublishCodemeta';
import { PublishDeposit } from './PublishDeposit';
import { PublishModel } from './publishModel';

let counter = 0;

export class PublishView extends ReactWidget {
  constructor(
    private _ctx: IOSSRContext,
    path: string
  ) {
    super();
    this.id = `jp-escape-ossr-publish-${++counter}`;
    this.addClass('jp-escape-OSSRPublish');
    this.title.label = _ctx.trans.__(
      'Publish %1',
      path.split('/').filter(Boolean).pop() ?? '/'
    );
    this.title.caption = _ctx.trans.__(
      'Publish the folder %1 to the software repository',
      path || '/'
    );
    this.title.closable = true;
    this.model = new PublishModel(_ctx, path);
  }

  readonly model: PublishModel;

  dispose(): void {
    this.model.dispose();
    super.dispose();
  }

  render(): JSX.Element {
    return <PublishPage ctx={this._ctx} model={this.model} />;
  }
}

function PublishPage(props: {
  ctx: IOSSRContext;
  model: PublishModel;
}): JSX.Element {
  const { ctx, model } = props;
  const trans = ctx.trans;
  useSignals([model.changed]);
  const { config, loading } = model;
  return (
    <div className="jp-escape-OSSRPublish-body">
      <h1>{trans.__('Publish to the software repository')}</h1>
      {config && !config.configured && (
        <div className="jp-escape-Banner jp-escape-Banner-error" role="alert">
          {trans.__('No software repository is configured on the server.')}
        </div>
      )}
      {config?.configured && !model.canPublish && (
        <div className="jp-escape-Banner jp-escape-Banner-warn" role="status">
          {trans.__(
            'Publishing is not enabled on this server: an administrator sets software_repository.token_file or token_env (the token stays on the server). You can still prepare and save codemeta.json.'
          )}
        </div>
      )}
      <form
        className="jp-escape-OSSR-row"
        onSubmit={e => {
          e.preventDefault();
          void model.load(model.path.trim());
        }}
      >
        <label className="jp-escape-OSSR-field jp-escape-OSSR-grow">
          {trans.__('Folder (relative to the server root)')}
          <input
            type="text"
            className="jp-mod-styled"
            value={model.path}
            onChange={e => model.setPath(e.target.value)}
          />
        </label>
        <button
          type="submit"
          className="jp-mod-styled"
          disabled={loading || model.busy}
        >
          {trans.__('Load')}
        </button>
        <button
          type="button"
          className="jp-mod-styled"
          disabled={loading || model.busy}
          onClick={() => void model.load(model.path.trim(), true)}
          title={trans.__(
            'Generate codemeta.json from pyproject.toml, setup.cfg, LICENSE, README and git'
          )}
        >
          {trans.__('Generate codemeta.json')}
        </button>
      </form>
      {loading && <Busy label={trans.__('Reading the folder…')} />}
      {model.loadError !== null && (
        <ErrorBox
          error={model.loadError}
          trans={trans}
          onRetry={() => void model.load(model.path.trim())}
        />
      )}
      {model.doc && model.loadedPath !== null && (
        <>
          <PublishCodemeta model={model} trans={trans} />
          <PublishDeposit ctx={ctx} model={model} />
        </>
      )}
    </div>
  );
}

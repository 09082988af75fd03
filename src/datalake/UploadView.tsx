/**
 * "Upload to data lake…" (main area): instance, RSE (writable ones, with the account's remaining quota),
 * scope, name, dataset to attach to, metadata key/values, lifetime; then the job's progress and the checksum
 * confirmation, followed here while on screen. The state lives in an UploadModel.
 */
import * as React from 'react';
import { useSignals } from '../components/useSignals';
import { ErrorBox } from './components';
import { IDatalakeContext } from './context';
import { DatalakeMainView, useOnScreen } from './mainView';
import { report } from './staged';
import { UploadCard } from './UploadCard';
import { UploadForm } from './UploadForm';
import { UploadModel } from './uploadModel';

export class UploadView extends DatalakeMainView {
  constructor(
    private _ctx: IDatalakeContext,
    path: string
  ) {
    super('upload');
    this.addClass('jp-escape-DLUploadView');
    this.title.label = path
      ? _ctx.trans.__('Upload %1', path.split('/').pop() ?? path)
      : _ctx.trans.__('Upload to data lake');
    const contents = _ctx.app.serviceManager.contents;
    this._model = new UploadModel(_ctx.model.current, path, async p => {
      const m = await contents.get(p, { content: false });
      return m.type !== 'directory' ? (m.size ?? null) : null;
    });
  }

  dispose(): void {
    this._model.dispose();
    super.dispose();
  }

  render(): JSX.Element {
    return <UploadBody ctx={this._ctx} model={this._model} view={this} />;
  }

  private _model: UploadModel;
}

function UploadBody(props: {
  ctx: IDatalakeContext;
  model: UploadModel;
  view: DatalakeMainView;
}): JSX.Element {
  const { ctx, model } = props;
  const trans = ctx.trans;
  useSignals([model.changed]);
  const onScreen = useOnScreen(props.view);
  const jobId = model.jobId;
  return (
    <div className="jp-escape-DL-viewBody">
      <header className="jp-escape-DL-viewHeader">
        <h2>{trans.__('Upload to data lake')}</h2>
      </header>
      <UploadForm ctx={ctx} model={model} idPrefix={props.view.id} />
      {model.offers.error !== null && (
        <ErrorBox
          error={model.offers.error}
          trans={trans}
          onRetry={() => model.reload()}
        />
      )}
      {model.submitError !== null && (
        <ErrorBox error={model.submitError} trans={trans} />
      )}
      {jobId && <UploadCard ctx={ctx} jobId={jobId} onScreen={onScreen} />}
      {jobId && (
        <p className="jp-escape-DL-muted">
          {trans.__(
            'You can close this tab: the upload goes on in the server.'
          )}{' '}
          <button
            type="button"
            className="jp-escape-DL-linkButton"
            onClick={() =>
              void report(ctx, trans.__('Open transfers'), async () =>
                ctx.openTransfers(jobId)
              )
            }
          >
            {trans.__('Follow it in Transfers')}
          </button>
        </p>
      )}
    </div>
  );
}

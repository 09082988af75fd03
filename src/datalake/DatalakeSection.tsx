/**
 * The "Data lake" section of the ESCAPE sidebar: the instance picker with its authentication state (and
 * exactly what is missing or expired), entry points (transfers, RSEs and quota, upload), and Explore.
 * Nothing here polls: the auth state is asked when the section is first shown, when the instance changes
 * and when the user presses Recheck.
 */
import { ReactWidget } from '@jupyterlab/apputils';
import { Message } from '@lumino/messaging';
import * as React from 'react';
import { useSignals } from '../components/useSignals';
import { ErrorBox } from './components';
import { IDatalakeContext } from './context';
import { InstanceBar } from './InstanceBar';

// Explore (search form, results, paging) loads when the section is first shown, not with JupyterLab.
const Explore = React.lazy(() =>
  import('./Explore').then(m => ({ default: m.Explore }))
);

export class DatalakeSection extends ReactWidget {
  constructor(private _ctx: IDatalakeContext) {
    super();
    this.id = 'jp-escape-datalake-section';
    this.addClass('jp-escape-DLSection');
    this.title.label = _ctx.trans.__('Data lake');
  }

  render(): JSX.Element {
    return <Section ctx={this._ctx} />;
  }

  protected onAfterShow(msg: Message): void {
    super.onAfterShow(msg);
    // First look: fetch the instance list (and the current instance's auth state) only now.
    if (!this._ctx.model.loaded) {
      void this._ctx.model.load();
    }
  }
}

function Section(props: { ctx: IDatalakeContext }): JSX.Element {
  const { ctx } = props;
  const { model, trans } = ctx;
  useSignals([model.changed]);

  if (model.loadError && model.instances.length === 0) {
    return (
      <div className="jp-escape-DLSection-body">
        <ErrorBox
          error={model.loadError}
          trans={trans}
          onRetry={() => void model.load()}
        />
      </div>
    );
  }
  if (!model.loaded) {
    return (
      <div className="jp-escape-DLSection-body jp-escape-DL-muted">
        {trans.__('Loading data lake instances…')}
      </div>
    );
  }
  if (model.instances.length === 0) {
    return (
      <div className="jp-escape-DLSection-body">
        <p className="jp-escape-DL-muted">
          {trans.__(
            'No Rucio instance is configured on the server (EscapeConfig.rucio_instances).'
          )}
        </p>
      </div>
    );
  }
  const current = model.current;
  return (
    <div className="jp-escape-DLSection-body">
      <InstanceBar ctx={ctx} />
      <div
        className="jp-escape-DL-actions"
        role="toolbar"
        aria-label={trans.__('Data lake views')}
      >
        <button
          type="button"
          className="jp-mod-styled jp-escape-DL-small"
          onClick={() => ctx.openTransfers()}
        >
          {trans.__('Transfers')}
        </button>
        <button
          type="button"
          className="jp-mod-styled jp-escape-DL-small"
          onClick={() => ctx.openStorage(current)}
        >
          {trans.__('RSEs & quota')}
        </button>
        <button
          type="button"
          className="jp-mod-styled jp-escape-DL-small"
          onClick={() => ctx.openUpload('')}
        >
          {trans.__('Upload…')}
        </button>
      </div>
      <React.Suspense
        fallback={
          <div className="jp-escape-DL-muted">{trans.__('Loading…')}</div>
        }
      >
        <Explore key={current} ctx={ctx} instance={current} />
      </React.Suspense>
    </div>
  );
}

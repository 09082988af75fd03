/** The Services panel's toolbar: Refresh, and when the status was checked and how it refreshes. */
import { TranslationBundle } from '@jupyterlab/translation';
import { refreshIcon } from '@jupyterlab/ui-components';
import * as React from 'react';
import { IEscapeModel } from '../tokens';

export function ServicesToolbar(props: {
  model: IEscapeModel;
  trans: TranslationBundle;
}): JSX.Element {
  const { model, trans } = props;
  const report = model.status;
  const refreshing = model.isRefreshing;
  const missing = model.handshake.kind === 'missing';
  const onRefresh = () => {
    if (!refreshing) {
      void model.refreshStatus();
    }
  };
  return (
    <div className="jp-escape-Services-toolbar">
      <button
        type="button"
        className="jp-Button jp-mod-styled jp-escape-RefreshButton"
        onClick={onRefresh}
        aria-disabled={refreshing}
        aria-label={trans.__('Refresh service status')}
        title={trans.__('Check every service again now')}
      >
        <refreshIcon.react
          tag="span"
          className={`jp-escape-RefreshButton-icon${
            refreshing ? ' jp-mod-spinning' : ''
          }`}
        />
        <span>{refreshing ? trans.__('Checking…') : trans.__('Refresh')}</span>
      </button>
      <span className="jp-escape-Services-checked">
        {report
          ? trans.__(
              'Checked %1',
              new Date(report.checked_at).toLocaleTimeString()
            )
          : ''}
        {report ? ' · ' : ''}
        {missing
          ? trans.__('auto-refresh paused')
          : model.refreshInterval > 0
            ? trans.__('auto every %1 s', model.refreshInterval)
            : trans.__('auto-refresh off')}
      </span>
    </div>
  );
}

/** The Activity view's header: how many jobs run, the kind filter, "running only", Refresh. */
import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
import { ActivityModel } from './model';
import { kindLabel } from './registry';

export function ActivityHeader(props: {
  model: ActivityModel;
  trans: TranslationBundle;
}): JSX.Element {
  const { model, trans } = props;
  return (
    <header className="jp-escape-Activity-header">
      <h2>{trans.__('Activity')}</h2>
      <span role="status" className="jp-escape-Activity-summary">
        {model.jobs === null
          ? trans.__('Asking every pillar…')
          : trans._n('%1 job running', '%1 jobs running', model.running)}
      </span>
      <label>
        {trans.__('Kind')}{' '}
        <select
          className="jp-mod-styled"
          value={model.kind}
          onChange={e => model.setKind(e.target.value)}
        >
          <option value="">{trans.__('all')}</option>
          {model.kinds.map(k => (
            <option key={k} value={k}>
              {kindLabel(k, trans)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <input
          type="checkbox"
          checked={model.runningOnly}
          onChange={e => model.setRunningOnly(e.target.checked)}
        />{' '}
        {trans.__('running only')}
      </label>
      <button
        type="button"
        className="jp-mod-styled"
        onClick={() => model.reload()}
      >
        {trans.__('Refresh')}
      </button>
    </header>
  );
}

/** "Install into a kernel": pick a kernel, prepare the pip command, confirm it, run it with the output streamed. */
import * as React from 'react';
import { useSignals } from '../components/useSignals';
import { Busy, ErrorBox } from './components';
import { IOSSRContext } from './context';
import { confirmInstall } from './installConfirm';
import { InstallJobView } from './InstallJobView';
import { InstallModel } from './installModel';

export function InstallPanel(props: {
  ctx: IOSSRContext;
  model: InstallModel;
}): JSX.Element {
  const { model } = props;
  const trans = props.ctx.trans;
  useSignals([model.changed]);
  const { kernels, candidates, error } = model;
  return (
    <section
      className="jp-escape-OSSR-panel"
      aria-label={trans.__('Install into a kernel')}
    >
      {kernels === null && error === null && (
        <Busy label={trans.__('Finding kernels…')} />
      )}
      {kernels && (
        <fieldset
          className="jp-escape-OSSR-fieldset"
          disabled={model.stage !== 'idle'}
        >
          <legend>{trans.__('Install into')}</legend>
          <label className="jp-escape-OSSR-field">
            {trans.__('Kernel')}
            <select
              className="jp-mod-styled"
              value={model.python}
              onChange={e => model.set({ python: e.target.value })}
            >
              {kernels.map(k => (
                <option key={k.name} value={k.python}>
                  {k.display_name} ({k.python})
                </option>
              ))}
            </select>
          </label>
          {candidates.length > 1 && (
            <label className="jp-escape-OSSR-field">
              {trans.__('File')}
              <select
                className="jp-mod-styled"
                value={model.file}
                onChange={e => model.set({ file: e.target.value })}
              >
                {candidates.map(f => (
                  <option key={f.key} value={f.key}>
                    {f.key}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label className="jp-escape-OSSR-field">
            {trans.__('Extra pip options (optional, separated by spaces)')}
            <input
              type="text"
              className="jp-mod-styled"
              value={model.pipOptions}
              placeholder="--no-deps"
              onChange={e => model.set({ pipOptions: e.target.value })}
            />
          </label>
          <button
            type="button"
            className="jp-mod-styled jp-mod-accept"
            disabled={!model.python}
            onClick={() =>
              void model.install(plan =>
                confirmInstall(
                  trans,
                  plan,
                  model.kernel?.display_name ?? model.python
                )
              )
            }
          >
            {trans.__('Prepare the install…')}
          </button>
        </fieldset>
      )}
      {model.stage === 'planning' && (
        <Busy label={trans.__('Downloading and verifying the release…')} />
      )}
      {error !== null && (
        <ErrorBox
          error={error}
          trans={trans}
          onRetry={kernels ? undefined : () => model.loadKernels()}
        />
      )}
      {model.job && <InstallJobView model={model} trans={trans} />}
    </section>
  );
}

/** The mode (local or remote), whether a hub is there and what went wrong; Refresh, Connect, Start a hub. */
import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
import { SampModel } from './model';

export function SampStatusLine(props: {
  model: SampModel;
  trans: TranslationBundle;
}): JSX.Element {
  const { model, trans } = props;
  const status = model.status;
  return (
    <div
      className="jp-escape-SampStatus"
      data-hub={status?.hub ? 'found' : 'none'}
      data-self-id={status?.self_id ?? ''}
    >
      <span
        className="jp-escape-SampMode"
        data-mode={status?.mode ?? 'unknown'}
      >
        {status?.mode === 'remote'
          ? trans.__(
              'Remote mode: this browser talks to the hub on your computer (Web Profile)'
            )
          : trans.__(
              'Local mode: the Jupyter server talks to the hub on this machine'
            )}
      </span>
      <span className="jp-escape-SampHub">
        {status?.hub ? trans.__('Hub found') : trans.__('No hub connected')}
      </span>
      {(status?.error || model.error) && (
        <span className="jp-escape-SampError" role="alert">
          {model.error ?? status?.error}
        </span>
      )}
    </div>
  );
}

/** Refresh, and connect to the desktop hub (remote) or start one here (local) when there is none. */
export function SampActions(props: {
  model: SampModel;
  trans: TranslationBundle;
}): JSX.Element {
  const { model, trans } = props;
  const [busy, setBusy] = React.useState(false);
  const status = model.status;
  const remote = status?.mode === 'remote';
  const act = (fn: () => Promise<void>) => async () => {
    setBusy(true);
    try {
      await fn();
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="jp-escape-SampActions">
      <button
        type="button"
        className="jp-mod-styled"
        disabled={busy}
        onClick={act(async () => void (await model.refresh()))}
      >
        {trans.__('Refresh')}
      </button>
      {remote && !status?.hub && (
        <button
          type="button"
          className="jp-mod-styled jp-mod-accept"
          disabled={busy}
          onClick={act(() => model.connect())}
        >
          {trans.__('Connect to the desktop hub')}
        </button>
      )}
      {!remote && status && !status.hub && (
        <button
          type="button"
          className="jp-mod-styled"
          disabled={busy}
          onClick={act(() => model.startHub())}
        >
          {trans.__('Start a hub here')}
        </button>
      )}
    </div>
  );
}

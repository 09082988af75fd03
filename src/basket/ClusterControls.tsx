/**
 * The cross-match view's Dask cluster controls: local / scheduler address / Dask Gateway; start or attach, stop,
 * workers, dashboard link, show me the code. State is the ClusterModel's (cluster.ts); the status line is
 * ClusterStatus, the progress of a running cross-match JobProgress.
 */
import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
import { useSignals } from '../components/useSignals';
import { ClusterModel } from './cluster';
import { ClusterKind, IClusterForm } from './clusterForm';
import { clusterSnippet } from './clusterSnippets';
import { ClusterStatus } from './ClusterStatus';
import { BasketError } from './components';

/** A text field of the cluster form, shown for some kinds of cluster. */
interface ITextField {
  name: Exclude<keyof IClusterForm, 'kind'>;
  id: string;
  label: string;
  kinds: ClusterKind[];
  placeholder?: string;
  number?: boolean;
}

export function ClusterControls(props: {
  model: ClusterModel;
  trans: TranslationBundle;
  insertCode: (code: string) => void;
}): JSX.Element {
  const { model, trans } = props;
  useSignals([model.changed]);
  React.useEffect(() => void model.refresh(), [model]);
  const { form } = model;
  const cluster = model.status?.cluster ?? null;
  const blocked = model.busy !== null || model.jobRunning;
  const [codeError, setCodeError] = React.useState<unknown>(null);
  const fields: ITextField[] = [
    {
      name: 'address',
      id: 'jp-escape-cluster-address',
      label: trans.__('Scheduler address'),
      kinds: ['address'],
      placeholder: 'tcp://10.0.0.5:8786'
    },
    {
      name: 'gateway',
      id: 'jp-escape-cluster-gateway',
      label: trans.__('Gateway URL'),
      kinds: ['gateway'],
      placeholder: 'http://127.0.0.1:8099'
    },
    {
      name: 'clusterName',
      id: 'jp-escape-cluster-name',
      label: trans.__('Attach to cluster (name, optional)'),
      kinds: ['gateway']
    },
    {
      name: 'workers',
      id: 'jp-escape-cluster-workers',
      label: trans.__('Workers'),
      kinds: ['local', 'gateway'],
      number: true,
      placeholder: String(
        form.kind === 'local' ? (model.status?.local_sizing.n_workers ?? '') : 2
      )
    }
  ];
  return (
    <fieldset className="jp-escape-Cluster">
      <legend>{trans.__('Dask cluster')}</legend>
      <ClusterStatus model={model} trans={trans} />
      <div className="jp-escape-XMatch-row">
        <div className="jp-escape-XMatch-field">
          <label htmlFor="jp-escape-cluster-kind">{trans.__('Where')}</label>
          <select
            id="jp-escape-cluster-kind"
            className="jp-mod-styled"
            value={form.kind}
            onChange={e =>
              model.setForm({ kind: e.target.value as ClusterKind })
            }
          >
            <option value="local">
              {trans.__('local cluster on this server')}
            </option>
            <option value="address">
              {trans.__('a running scheduler (address)')}
            </option>
            <option value="gateway">{trans.__('a Dask Gateway')}</option>
          </select>
        </div>
        {fields
          .filter(f => f.kinds.includes(form.kind))
          .map(f => (
            <div key={f.id} className="jp-escape-XMatch-field">
              <label htmlFor={f.id}>{f.label}</label>
              <input
                id={f.id}
                className="jp-mod-styled"
                {...(f.number
                  ? { type: 'number', min: '1', max: '64' }
                  : { type: 'text' })}
                placeholder={f.placeholder}
                value={form[f.name]}
                onKeyDown={e => {
                  if (e.key === 'Enter') {
                    e.preventDefault(); // not the cross-match form's submit
                    void model.start();
                  }
                }}
                onChange={e => model.setForm({ [f.name]: e.target.value })}
              />
            </div>
          ))}
      </div>
      <div className="jp-escape-Basket-actions">
        <button
          type="button"
          className="jp-mod-styled jp-escape-Cluster-start"
          disabled={blocked}
          onClick={() => void model.start()}
        >
          {model.busy === 'starting'
            ? trans.__('Starting…')
            : form.kind === 'address' ||
                (form.kind === 'gateway' && form.clusterName.trim())
              ? trans.__('Attach')
              : trans.__('Start cluster')}
        </button>
        <button
          type="button"
          className="jp-mod-styled jp-escape-Cluster-stop"
          disabled={blocked || !cluster}
          onClick={() => void model.stop()}
        >
          {model.busy === 'stopping'
            ? trans.__('Stopping…')
            : trans.__('Stop cluster')}
        </button>
        <button
          type="button"
          className="jp-mod-styled"
          onClick={() => {
            try {
              setCodeError(null);
              props.insertCode(clusterSnippet(form, cluster));
            } catch (error) {
              setCodeError(error);
            }
          }}
        >
          {trans.__('Show me the code')}
        </button>
      </div>
      {(model.error ?? codeError) !== null && (
        <BasketError error={model.error ?? codeError} trans={trans} />
      )}
    </fieldset>
  );
}

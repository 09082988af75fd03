/** The cluster form's fields: where it runs (local / scheduler address / Dask Gateway) and its settings. */
import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
import { ClusterModel } from './cluster';
import { ClusterKind, IClusterForm } from './clusterForm';

/** A text field of the cluster form, shown for some kinds of cluster. */
interface ITextField {
  name: Exclude<keyof IClusterForm, 'kind'>;
  id: string;
  label: string;
  kinds: ClusterKind[];
  placeholder?: string;
  number?: boolean;
}

export function ClusterFields(props: {
  model: ClusterModel;
  trans: TranslationBundle;
}): JSX.Element {
  const { model, trans } = props;
  const { form } = model;
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
    <div className="jp-escape-XMatch-row">
      <div className="jp-escape-XMatch-field">
        <label htmlFor="jp-escape-cluster-kind">{trans.__('Where')}</label>
        <select
          id="jp-escape-cluster-kind"
          className="jp-mod-styled"
          value={form.kind}
          onChange={e => model.setForm({ kind: e.target.value as ClusterKind })}
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
  );
}

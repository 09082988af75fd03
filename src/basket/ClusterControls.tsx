/**
 * The cross-match view's Dask cluster controls: local / scheduler address / Dask Gateway; start or attach, stop,
 * workers, dashboard link, show me the code; then the cluster's other actions: run a function, write HATS.
 * State is the ClusterModel's (cluster.ts); the fields are ClusterFields, the status line ClusterStatus.
 */
import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
import { useSignals } from '../components/useSignals';
import { ClusterModel } from './cluster';
import { ClusterFields } from './ClusterFields';
import { ClusterRunFunction } from './ClusterRunFunction';
import { clusterSnippet } from './clusterSnippets';
import { ClusterStatus } from './ClusterStatus';
import { ITableOption } from './ClusterTableInput';
import { ClusterWriteHats } from './ClusterWriteHats';
import { BasketError } from './components';

export function ClusterControls(props: {
  model: ClusterModel;
  trans: TranslationBundle;
  insertCode: (code: string) => void;
  /** What the function run and the HATS write can take as input. */
  tables: ITableOption[];
}): JSX.Element {
  const { model, trans } = props;
  useSignals([model.changed]);
  React.useEffect(() => void model.refresh(), [model]);
  const { form } = model;
  const cluster = model.status?.cluster ?? null;
  const blocked = model.busy !== null || model.jobRunning;
  const [codeError, setCodeError] = React.useState<unknown>(null);
  return (
    <fieldset className="jp-escape-Cluster">
      <legend>{trans.__('Dask cluster')}</legend>
      <ClusterStatus model={model} trans={trans} />
      <ClusterFields model={model} trans={trans} />
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
      <ClusterRunFunction
        model={model}
        tables={props.tables}
        trans={trans}
        insertCode={props.insertCode}
      />
      <ClusterWriteHats
        model={model}
        tables={props.tables}
        trans={trans}
        insertCode={props.insertCode}
      />
    </fieldset>
  );
}

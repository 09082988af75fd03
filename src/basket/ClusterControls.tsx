/**
 * The cross-match view's Dask pieces: the cluster controls (local / scheduler address / Dask Gateway; start or
 * attach, stop, workers, dashboard link, show me the code) and the progress of a cross-match running on the
 * cluster (partitions done / total, cancel). State is the ClusterModel's (cluster.ts).
 */
import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
import { useSignals } from '../components/useSignals';
import { ClusterModel, IClusterInfo } from './cluster';
import { ClusterKind } from './clusterForm';
import { clusterSnippet } from './clusterSnippets';
import { BasketError } from './components';

const GIB = 1024 ** 3;

function DashboardLink(props: {
  href: string | null | undefined;
  trans: TranslationBundle;
}): JSX.Element | null {
  if (!props.href) {
    return null;
  }
  return (
    <a
      className="jp-escape-Cluster-dashboard"
      href={props.href}
      target="_blank"
      rel="noopener noreferrer"
    >
      {props.trans.__('Dashboard')}
    </a>
  );
}

function ClusterStatus(props: {
  model: ClusterModel;
  trans: TranslationBundle;
}): JSX.Element {
  const { model, trans } = props;
  const cluster: IClusterInfo | null = model.status?.cluster ?? null;
  const kinds: Record<ClusterKind, string> = {
    local: trans.__('local'),
    address: trans.__('scheduler'),
    gateway: trans.__('Dask Gateway')
  };
  if (!cluster) {
    const sizing = model.status?.local_sizing;
    return (
      <div className="jp-escape-Cluster-status" role="status">
        {sizing
          ? trans.__(
              'No cluster yet: the LSDB engine starts a local one (%1 workers × %2 GiB) on first use.',
              sizing.n_workers,
              (sizing.memory_limit / GIB).toFixed(1)
            )
          : trans.__('No cluster yet.')}
      </div>
    );
  }
  const memory = cluster.memory_limit_per_worker?.filter(Boolean) ?? [];
  // a local cluster's name already gives its workers and memory
  const details =
    cluster.kind === 'local'
      ? []
      : [
          trans._n('%1 worker', '%1 workers', cluster.workers),
          ...(memory.length
            ? [
                trans.__(
                  '%1 GiB per worker',
                  memory.map(m => (m / GIB).toFixed(1)).join(' / ')
                )
              ]
            : [])
        ];
  return (
    <div className="jp-escape-Cluster-status" role="status">
      <strong>{cluster.name}</strong>
      {(cluster.kind === 'local'
        ? []
        : [kinds[cluster.kind] ?? cluster.kind, ...details]
      )
        .map(text => ` · ${text}`)
        .join('')}
      {cluster.lost ? ' · ' + trans.__('not answering: %1', cluster.lost) : ''}{' '}
      <DashboardLink href={cluster.dashboard_link} trans={trans} />
    </div>
  );
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
  const startOnEnter = (e: React.KeyboardEvent) => {
    if (e.key === 'Enter') {
      e.preventDefault(); // not the cross-match form's submit
      void model.start();
    }
  };
  const field = (
    id: string,
    label: string,
    input: JSX.Element
  ): JSX.Element => (
    <div className="jp-escape-XMatch-field">
      <label htmlFor={id}>{label}</label>
      {input}
    </div>
  );
  return (
    <fieldset className="jp-escape-Cluster">
      <legend>{trans.__('Dask cluster')}</legend>
      <ClusterStatus model={model} trans={trans} />
      <div className="jp-escape-XMatch-row">
        {field(
          'jp-escape-cluster-kind',
          trans.__('Where'),
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
        )}
        {form.kind === 'address' &&
          field(
            'jp-escape-cluster-address',
            trans.__('Scheduler address'),
            <input
              id="jp-escape-cluster-address"
              type="text"
              className="jp-mod-styled"
              placeholder="tcp://10.0.0.5:8786"
              value={form.address}
              onKeyDown={startOnEnter}
              onChange={e => model.setForm({ address: e.target.value })}
            />
          )}
        {form.kind === 'gateway' &&
          field(
            'jp-escape-cluster-gateway',
            trans.__('Gateway URL'),
            <input
              id="jp-escape-cluster-gateway"
              type="text"
              className="jp-mod-styled"
              placeholder="http://127.0.0.1:8099"
              value={form.gateway}
              onKeyDown={startOnEnter}
              onChange={e => model.setForm({ gateway: e.target.value })}
            />
          )}
        {form.kind === 'gateway' &&
          field(
            'jp-escape-cluster-name',
            trans.__('Attach to cluster (name, optional)'),
            <input
              id="jp-escape-cluster-name"
              type="text"
              className="jp-mod-styled"
              value={form.clusterName}
              onKeyDown={startOnEnter}
              onChange={e => model.setForm({ clusterName: e.target.value })}
            />
          )}
        {form.kind !== 'address' &&
          field(
            'jp-escape-cluster-workers',
            trans.__('Workers'),
            <input
              id="jp-escape-cluster-workers"
              type="number"
              min="1"
              max="64"
              className="jp-mod-styled"
              placeholder={String(
                form.kind === 'local'
                  ? (model.status?.local_sizing.n_workers ?? '')
                  : 2
              )}
              value={form.workers}
              onKeyDown={startOnEnter}
              onChange={e => model.setForm({ workers: e.target.value })}
            />
          )}
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

/** A cross-match on the cluster while it runs: partitions done / total, elapsed time, dashboard, cancel. */
export function JobProgress(props: {
  model: ClusterModel;
  trans: TranslationBundle;
}): JSX.Element | null {
  const { model, trans } = props;
  useSignals([model.changed]);
  const job = model.job;
  // the form may be scrolled: bring the progress (and its Cancel) into view when a job starts
  const reveal = React.useCallback(
    (node: HTMLDivElement | null) => node?.scrollIntoView({ block: 'nearest' }),
    [job?.id]
  );
  if (!job) {
    return null;
  }
  if (job.state === 'cancelled') {
    return (
      <div className="jp-escape-XMatch-progress" role="status">
        {trans.__('Cross-match %1 cancelled after %2 s', job.id, job.elapsed_s)}
      </div>
    );
  }
  if (!model.jobRunning) {
    return null;
  }
  const p = job.progress;
  return (
    <div className="jp-escape-XMatch-progress" role="status" ref={reveal}>
      <progress
        max={p?.total || 1}
        value={p?.done ?? 0}
        aria-label={trans.__('Partitions done')}
      />
      <span>
        {p
          ? trans.__(
              '%1 of %2 partitions on %3 · %4 s',
              p.done,
              p.total,
              p.cluster,
              p.elapsed_s.toFixed(0)
            )
          : trans.__('Preparing the inputs… %1 s', job.elapsed_s.toFixed(0))}
      </span>{' '}
      <DashboardLink href={p?.dashboard_link} trans={trans} />
      <button
        type="button"
        className="jp-mod-styled jp-mod-warn jp-escape-XMatch-cancel"
        onClick={() => void model.cancel()}
      >
        {trans.__('Cancel')}
      </button>
    </div>
  );
}

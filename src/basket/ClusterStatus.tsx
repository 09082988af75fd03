/** What the cluster is: none yet (and what the default would be), or its name, kind, workers, memory, dashboard. */
import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
import { ClusterModel, IClusterInfo } from './cluster';
import { ClusterKind } from './clusterForm';

export const GIB = 1024 ** 3;

export function DashboardLink(props: {
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

export function ClusterStatus(props: {
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

/** A cross-match on the cluster while it runs: partitions done / total, elapsed time, dashboard, cancel. */
import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
import { useSignals } from '../components/useSignals';
import { ClusterModel } from './cluster';
import { DashboardLink } from './ClusterStatus';

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

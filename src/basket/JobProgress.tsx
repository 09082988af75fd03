/**
 * A cross-match on the cluster as the shared job row, while it runs (partitions done / total, elapsed time,
 * dashboard, Cancel) and once cancelled. It lives in the server's memory only: no notebook re-attach.
 */
import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
import { JobRow } from '../components';
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
  const cancelled = job?.state === 'cancelled';
  if (!job || (!cancelled && !model.jobRunning)) {
    return null;
  }
  const p = job.progress;
  return (
    <div ref={cancelled ? undefined : reveal} role="status">
      <JobRow
        trans={trans}
        className="jp-escape-XMatch-progress"
        job={{
          id: job.id,
          state: job.state,
          active: model.jobRunning,
          progress: cancelled ? undefined : p?.total ? p.done / p.total : null,
          progressText: cancelled
            ? undefined
            : p
              ? trans.__(
                  '%1 of %2 partitions on %3 · %4 s',
                  p.done,
                  p.total,
                  p.cluster,
                  p.elapsed_s.toFixed(0)
                )
              : trans.__('Preparing the inputs… %1 s', job.elapsed_s.toFixed(0))
        }}
        title={
          cancelled
            ? trans.__(
                'Cross-match %1 cancelled after %2 s',
                job.id,
                job.elapsed_s
              )
            : trans.__('Cross-match %1', job.id)
        }
        onCancel={() => model.cancel()}
        actions={
          cancelled ? null : (
            <DashboardLink href={p?.dashboard_link} trans={trans} />
          )
        }
      />
    </div>
  );
}

/**
 * A function run or HATS write on the cluster as the shared job row: partitions or stages done, elapsed time,
 * dashboard and Cancel while it runs; what it made, or the worker's error as raised, once it ends.
 */
import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
import { JobRow } from '../components';
import { useSignals } from '../components/useSignals';
import { IClusterJob } from './clusterApi';
import { ClusterJobModel } from './clusterJob';
import { DashboardLink } from './ClusterStatus';
import { BasketError } from './components';

function progressText(job: IClusterJob, trans: TranslationBundle): string {
  const p = job.progress;
  if (!p) {
    return trans.__('Preparing the inputs… %1 s', job.elapsed_s.toFixed(0));
  }
  if (p.stage) {
    return trans.__(
      'Stage %1 of %2: %3 · on %4 · %5 s',
      p.done + 1,
      p.total,
      p.stage,
      p.cluster,
      p.elapsed_s.toFixed(0)
    );
  }
  return trans.__(
    '%1 of %2 partitions on %3 · %4 s',
    p.done,
    p.total,
    p.cluster,
    p.elapsed_s.toFixed(0)
  );
}

function outcome(job: IClusterJob, trans: TranslationBundle): string {
  const r = job.result ?? {};
  if (job.kind === 'hats') {
    return trans.__(
      'Wrote %1 rows in %2 partitions to %3 on %4; added to the basket.',
      String(r.rows),
      String(r.partitions),
      String(r.path),
      String(r.cluster)
    );
  }
  const saved = (r.saved ?? {}) as { table?: string };
  return trans.__(
    '%1 returned %2 rows over %3 partitions on %4: saved as workspace table %5.',
    String(r.function),
    String(r.rows),
    String(r.partitions),
    String(r.cluster),
    String(saved.table)
  );
}

export function ClusterJobRow(props: {
  model: ClusterJobModel;
  trans: TranslationBundle;
  title: string;
  className: string;
}): JSX.Element | null {
  const { model, trans } = props;
  useSignals([model.changed]);
  const job = model.job;
  const failure =
    model.error ??
    (job?.error
      ? new Error(
          job.error.service
            ? `${job.error.service}: ${job.error.error}`
            : job.error.error
        )
      : null);
  return (
    <div className={props.className} role="status">
      {job && (model.running || job.state === 'cancelled') && (
        <JobRow
          trans={trans}
          job={{
            id: job.id,
            state: job.state,
            active: model.running,
            progress: model.running
              ? job.progress?.total
                ? job.progress.done / job.progress.total
                : null
              : undefined,
            progressText: model.running ? progressText(job, trans) : undefined
          }}
          title={
            job.state === 'cancelled'
              ? trans.__(
                  '%1 %2 cancelled after %3 s',
                  props.title,
                  job.id,
                  job.elapsed_s
                )
              : trans.__('%1 %2', props.title, job.id)
          }
          onCancel={() => model.cancel()}
          actions={
            model.running ? (
              <DashboardLink
                href={job.progress?.dashboard_link}
                trans={trans}
              />
            ) : null
          }
        />
      )}
      {job?.state === 'done' && (
        <p className="jp-escape-Cluster-outcome">{outcome(job, trans)}</p>
      )}
      {failure !== null && job?.state !== 'cancelled' && (
        <BasketError error={failure} trans={trans} />
      )}
    </div>
  );
}

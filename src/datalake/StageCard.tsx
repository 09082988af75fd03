/**
 * One staging job as a card (TransferCard): below its row what only staging has (the interrupted banner, the
 * rule id, "use" actions once done, the per-file table, the log).
 */
import * as React from 'react';
import { FreshnessLine } from '../common/freshness';
import { formatTime } from '../components/format';
import { datalakeAPI, isActive, IStageJob } from './api';
import { ErrorBox } from './components';
import { IDatalakeContext } from './context';
import { FileTable } from './FileTable';
import { JobLog } from './JobLog';
import { folderOf, UseActions } from './staged';
import { ITransferAction, TransferCard } from './TransferCard';
import { STAGE_KIND } from './transferKinds';

/** Remove (forget the job), the one action staging has besides Resume. */
export function removeStage(
  ctx: IDatalakeContext,
  job: IStageJob
): ITransferAction<IStageJob> {
  return {
    label: ctx.trans.__('Remove'),
    title: ctx.trans.__('Forget this job (staged files stay on disk)'),
    run: async () => {
      await datalakeAPI.removeStage(job.id);
      return null;
    }
  };
}

/** Everything about one staging job. */
export function JobCard(props: {
  ctx: IDatalakeContext;
  job: IStageJob;
  error?: unknown;
  onChanged: (job: IStageJob | null) => void;
}): JSX.Element {
  const { ctx, job } = props;
  const trans = ctx.trans;
  const replica = job.mode === 'replica';
  return (
    <TransferCard
      ctx={ctx}
      kind={STAGE_KIND}
      job={job}
      label={trans.__('Job %1', job.did)}
      title={
        <strong>
          {replica ? trans.__('Replica of') : trans.__('Download of')}{' '}
          <code>{job.did}</code>
        </strong>
      }
      meta={[
        job.started_at
          ? trans.__('started %1', formatTime(job.started_at))
          : '',
        job.finished_at && !isActive(job)
          ? trans.__('ended %1', formatTime(job.finished_at))
          : ''
      ]
        .filter(Boolean)
        .join(' · ')}
      onChanged={props.onChanged}
      more={[removeStage(ctx, job)]}
    >
      {job.state === 'interrupted' && (
        <div className="jp-escape-Banner jp-escape-Banner-warn" role="status">
          {trans.__(
            'The Jupyter server stopped while this job ran. Resume continues where it stopped.'
          )}
        </div>
      )}
      <FreshnessLine freshness={job.freshness} trans={trans} />
      {props.error !== undefined && props.error !== null && (
        <ErrorBox error={props.error} trans={trans} />
      )}
      {replica && job.rule_id && (
        <div className="jp-escape-DL-muted">
          {trans.__('rule id')} <code>{job.rule_id}</code>
          {job.rule?.expires_at
            ? ` · ${trans.__('expires %1', job.rule.expires_at)}`
            : ''}
        </div>
      )}
      {job.state === 'done' && (
        <UseActions
          ctx={ctx}
          instance={job.instance}
          did={job.did}
          folder={folderOf(ctx, job)}
        />
      )}
      <FileTable ctx={ctx} job={job} />
      <JobLog ctx={ctx} log={job.log} />
    </TransferCard>
  );
}

/**
 * One staging job on the shared job row: progress, Cancel, Resume, Remove, the re-attach snippet, and below
 * it what only staging has (rule id, "use" actions once done, the per-file table, the log).
 */
import * as React from 'react';
import { FreshnessLine } from '../common/freshness';
import { formatTime } from '../components/format';
import { JobRow } from '../components/JobRow';
import { datalakeAPI, isActive, IStageJob } from './api';
import { ErrorBox } from './components';
import { IDatalakeContext } from './context';
import { JobLog } from './JobLog';
import { stageJobView } from './jobViews';
import { FileTable } from './FileTable';
import { folderOf, report, UseActions } from './staged';

/** Resume and Remove (Cancel is the job row's own), shared by the card and the Transfers list. */
export function StageActions(props: {
  ctx: IDatalakeContext;
  job: IStageJob;
  onChanged: (job: IStageJob | null) => void;
}): JSX.Element | null {
  const { ctx, job } = props;
  const trans = ctx.trans;
  const [busy, setBusy] = React.useState(false);
  const act = (what: string, fn: () => Promise<IStageJob | null>) => {
    setBusy(true);
    void report(ctx, what, async () => {
      props.onChanged(await fn());
      ctx.model.touchJobs(job.id);
    }).finally(() => setBusy(false));
  };
  if (isActive(job)) {
    return null;
  }
  const canResume =
    job.state !== 'done' && (job.resumable || job.state === 'interrupted');
  return (
    <>
      {canResume && (
        <button
          type="button"
          className="jp-mod-styled jp-mod-accept jp-escape-JobRow-button"
          disabled={busy}
          onClick={() =>
            act(trans.__('Resume'), () => datalakeAPI.resumeStage(job.id))
          }
          title={trans.__(
            'Continue where it stopped: verified files are kept, partial files resume'
          )}
        >
          {trans.__('Resume')}
        </button>
      )}
      <button
        type="button"
        className="jp-mod-styled jp-escape-JobRow-button"
        disabled={busy}
        onClick={() =>
          act(trans.__('Remove'), async () => {
            await datalakeAPI.removeStage(job.id);
            return null;
          })
        }
        title={trans.__('Forget this job (staged files stay on disk)')}
      >
        {trans.__('Remove')}
      </button>
    </>
  );
}

/** Cancel a staging job, show the answer, and let other views of it poll. */
export async function cancelStage(
  ctx: IDatalakeContext,
  job: IStageJob,
  onChanged: (job: IStageJob) => void
): Promise<void> {
  onChanged(await datalakeAPI.cancelStage(job.id));
  ctx.model.touchJobs(job.id);
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
    <JobRow
      as="section"
      className="jp-escape-DL-jobCard"
      trans={trans}
      job={stageJobView(job, trans, ctx.model.label(job.instance))}
      label={trans.__('Job %1', job.did)}
      title={
        <strong>
          {replica ? trans.__('Replica of') : trans.__('Download of')}{' '}
          <code>{job.did}</code>
        </strong>
      }
      onCancel={() => cancelStage(ctx, job, props.onChanged)}
      actions={<StageActions ctx={ctx} job={job} onChanged={props.onChanged} />}
      insertCode={code => ctx.insertCode(code)}
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
    </JobRow>
  );
}

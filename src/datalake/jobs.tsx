/**
 * Following staging jobs: a hook that polls one job only while its view is on screen and the job is active
 * (with backoff), and the job card (overall and per-file progress, cancel, resume, remove, log).
 */
import * as React from 'react';
import { FreshnessLine } from '../common/freshness';
import { datalakeAPI, IStageJob, isActive, jobFingerprint } from './api';
import { formatBytes, formatTime } from '../components';
import { ErrorBox, ProgressBar, StatePill } from './components';
import { IDatalakeContext } from './context';
import { IPollerOptions, Poller } from './poller';
import { FileTable, folderOf, report, UseActions } from './staged';

/**
 * A Poller's `poll` for one job (staging or upload): fetch it, show it or the error (unless the poll was
 * aborted), and tell whether it moved since `last` (drives the backoff) and is still active.
 */
export function pollJob<J extends Parameters<typeof jobFingerprint>[0]>(
  fetch: (signal: AbortSignal) => Promise<J>,
  setJob: (job: J) => void,
  setError: (error: unknown) => void,
  last: { current: string }
): IPollerOptions['poll'] {
  return async signal => {
    try {
      const view = await fetch(signal);
      const fp = jobFingerprint(view);
      const changed = fp !== last.current;
      last.current = fp;
      setJob(view);
      setError(null);
      return { changed, more: isActive(view) };
    } catch (e) {
      if (!signal.aborted) {
        setError(e);
      }
      throw e;
    }
  };
}

/** Follow one job (full view with files and log): polls while `onScreen` and the job is active. */
export function useJob(
  ctx: IDatalakeContext,
  jobId: string | null,
  onScreen: boolean,
  initial?: IStageJob | null
): [IStageJob | null, unknown, (job: IStageJob) => void] {
  const [job, setJob] = React.useState<IStageJob | null>(initial ?? null);
  const [error, setError] = React.useState<unknown>(null);
  const last = React.useRef('');
  const pollerRef = React.useRef<Poller | null>(null);

  React.useEffect(() => {
    setError(null);
    if (!jobId) {
      setJob(null);
      return;
    }
    last.current = '';
    const poller = new Poller({
      min: 700,
      max: 10000,
      poll: pollJob<IStageJob>(
        signal => datalakeAPI.stageJob(jobId, signal),
        setJob,
        setError,
        last
      )
    });
    pollerRef.current = poller;
    const touched = (_: unknown, id: string) => {
      if (id === jobId) {
        poller.wake();
      }
    };
    ctx.model.jobsTouched.connect(touched);
    return () => {
      ctx.model.jobsTouched.disconnect(touched);
      poller.dispose();
      pollerRef.current = null;
    };
  }, [jobId]);

  React.useEffect(() => {
    const poller = pollerRef.current;
    if (!poller) {
      return;
    }
    if (onScreen) {
      poller.start(); // one fetch even for finished jobs (files and log); none after that
    } else {
      poller.stop();
    }
  }, [onScreen, jobId]);

  const replace = (view: IStageJob) => {
    setJob(view);
    if (pollerRef.current?.running) {
      pollerRef.current.wake();
    }
  };
  return [job, error, replace];
}

export function JobActions(props: {
  ctx: IDatalakeContext;
  job: IStageJob;
  onChanged: (job: IStageJob | null) => void;
}): JSX.Element {
  const { ctx, job } = props;
  const trans = ctx.trans;
  const [busy, setBusy] = React.useState(false);
  const act = (what: string, fn: () => Promise<IStageJob | null>) => {
    setBusy(true);
    void report(ctx, what, async () => {
      const view = await fn();
      props.onChanged(view);
      ctx.model.touchJobs(job.id);
    }).finally(() => setBusy(false));
  };
  const canResume =
    !isActive(job) &&
    job.state !== 'done' &&
    (job.resumable || job.state === 'interrupted');
  return (
    <span className="jp-escape-DL-jobActions">
      {isActive(job) && (
        <button
          type="button"
          className="jp-mod-styled jp-mod-warn jp-escape-DL-small"
          disabled={busy}
          onClick={() =>
            act(trans.__('Cancel'), () => datalakeAPI.cancelStage(job.id))
          }
        >
          {trans.__('Cancel')}
        </button>
      )}
      {canResume && (
        <button
          type="button"
          className="jp-mod-styled jp-mod-accept jp-escape-DL-small"
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
      {!isActive(job) && (
        <button
          type="button"
          className="jp-mod-styled jp-escape-DL-small"
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
      )}
    </span>
  );
}

export function JobLog(props: {
  ctx: IDatalakeContext;
  log: { t: number; message: string }[] | undefined;
  open?: boolean;
}): JSX.Element | null {
  const log = props.log ?? [];
  if (log.length === 0) {
    return null;
  }
  return (
    <details className="jp-escape-DL-log" open={props.open}>
      <summary>
        {props.ctx.trans._n('Log (%1 line)', 'Log (%1 lines)', log.length)}
      </summary>
      <ol>
        {log.map((l, i) => (
          <li key={i}>
            <time className="jp-escape-DL-muted">
              {new Date(l.t * 1000).toLocaleTimeString()}
            </time>{' '}
            {l.message}
          </li>
        ))}
      </ol>
    </details>
  );
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
  const progressText = replica
    ? job.rule
      ? trans.__(
          'rule %1: %2 files OK, %3 replicating, %4 stuck',
          job.rule.state,
          job.rule.locks.ok,
          job.rule.locks.replicating,
          job.rule.locks.stuck
        )
      : trans.__('creating the rule…')
    : trans.__(
        '%1 of %2 files · %3 of %4',
        job.files_done,
        job.files_total,
        formatBytes(job.bytes_done),
        formatBytes(job.bytes_total)
      );
  return (
    <section
      className="jp-escape-DL-jobCard"
      data-job-id={job.id}
      data-state={job.state}
      aria-label={trans.__('Job %1', job.did)}
    >
      <div className="jp-escape-DL-row">
        <StatePill state={job.state} />
        <strong className="jp-escape-DL-grow">
          {replica ? trans.__('Replica of') : trans.__('Download of')}{' '}
          <code>{job.did}</code>
        </strong>
        <JobActions ctx={ctx} job={job} onChanged={props.onChanged} />
      </div>
      <ProgressBar
        value={
          isActive(job) && !job.bytes_total && !replica ? null : job.progress
        }
        label={trans.__('Progress of %1', job.did)}
        state={job.state}
      />
      <div className="jp-escape-DL-muted" aria-live="polite">
        {progressText}
        {job.started_at
          ? ` · ${trans.__('started %1', formatTime(job.started_at))}`
          : ''}
        {job.finished_at && !isActive(job)
          ? ` · ${trans.__('ended %1', formatTime(job.finished_at))}`
          : ''}
      </div>
      {job.state === 'interrupted' && (
        <div className="jp-escape-Banner jp-escape-Banner-warn" role="status">
          {trans.__(
            'The Jupyter server stopped while this job ran. Resume continues where it stopped.'
          )}
        </div>
      )}
      {job.error && (
        <div className="jp-escape-Banner jp-escape-Banner-error" role="alert">
          <strong>{trans.__('%1 says:', ctx.model.label(job.instance))}</strong>
          <pre className="jp-escape-DL-errorText">{job.error}</pre>
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
    </section>
  );
}

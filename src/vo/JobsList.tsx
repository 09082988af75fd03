/**
 * TAP async jobs (UWS), per service or across services, on the shared job row. The server persists the list,
 * so it survives a reload; unfinished jobs are polled (only while some are unfinished, by a JobListModel) and
 * every UWS phase is shown as is, HELD and SUSPENDED included.
 */
import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
import { tapJobView, tapSeconds } from '../activity/tap';
import { FreshnessLine } from '../common/freshness';
import { JobListModel } from '../common/jobListModel';
import { JobList } from '../components/JobList';
import { JobRow } from '../components/JobRow';
import { useSignals } from '../components/useSignals';
import { IJob, voAPI } from './api';
import { ErrorBox } from './components';
import { describeError, IErrorView } from './errors';

const POLL_MS = 3000;

/** Now, ticking every second while `ticking` (elapsed times of running jobs). */
function useNow(ticking: boolean): number {
  const [now, setNow] = React.useState(Date.now());
  React.useEffect(() => {
    if (!ticking) {
      return;
    }
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [ticking]);
  return now;
}

export function JobsList(props: {
  trans: TranslationBundle;
  serviceUrl?: string;
  /** Bumped by the parent after a submission, to reload at once. */
  reloadKey?: number;
  onShowResult?: (job: IJob) => void;
  onOpenService?: (url: string) => void;
  /** Offers "Re-attach in a notebook" on each job. */
  insertCode?: (code: string) => Promise<unknown>;
}): JSX.Element {
  const { trans, serviceUrl, onShowResult, onOpenService } = props;
  const model = React.useMemo(
    () =>
      new JobListModel<IJob>({
        fetch: async () => (await voAPI.jobs(serviceUrl)).jobs,
        fingerprint: job => `${job.phase}|${job.checked}`,
        active: job => !job.final,
        min: POLL_MS,
        max: POLL_MS
      }),
    [serviceUrl]
  );
  useSignals([model.changed]);
  const [actionError, setActionError] = React.useState<IErrorView | null>(null);
  const [pending, setPending] = React.useState<Record<string, string>>({});
  React.useEffect(() => {
    model.setOnScreen(true);
    return () => model.dispose();
  }, [model]);
  React.useEffect(() => model.reload(), [model, props.reloadKey]);
  const jobs = model.jobs;
  const unfinished = (jobs ?? []).some(j => !j.final);
  const now = useNow(unfinished);
  const error =
    actionError ?? (model.error ? describeError(model.error) : null);

  const action = async (
    job: IJob,
    label: string,
    work: () => Promise<unknown>
  ) => {
    setPending(p => ({ ...p, [job.id]: label }));
    try {
      await work();
      setActionError(null);
      model.reload();
    } catch (e) {
      setActionError(describeError(e));
    } finally {
      setPending(({ [job.id]: _done, ...rest }) => rest);
    }
  };

  const row = (job: IJob) => {
    const secs = tapSeconds(job, now);
    const busy = !!pending[job.id];
    return (
      <JobRow
        as="li"
        trans={trans}
        className="jp-escape-Job"
        stateClassName="jp-escape-Phase"
        job={tapJobView(job)}
        title={
          <span className="jp-escape-Job-label">
            {job.label || job.job_id || job.id}
          </span>
        }
        meta={secs !== null ? trans.__('%1 s', secs.toFixed(0)) : undefined}
        onCancel={() =>
          action(job, trans.__('cancelling'), () => voAPI.abortJob(job.id))
        }
        cancelLabel={trans.__('Cancel job')}
        insertCode={props.insertCode}
        actions={
          <>
            {job.phase === 'COMPLETED' && onShowResult && (
              <button
                type="button"
                className="jp-mod-styled jp-escape-JobRow-button"
                onClick={() => onShowResult(job)}
              >
                {trans.__('Show result')}
              </button>
            )}
            <button
              type="button"
              className="jp-mod-styled jp-escape-JobRow-button"
              disabled={busy}
              onClick={() =>
                action(job, trans.__('deleting'), () => voAPI.deleteJob(job.id))
              }
            >
              {trans.__('Delete')}
            </button>
            {busy && <span role="status">{pending[job.id]}…</span>}
          </>
        }
      >
        {!serviceUrl && (
          <div className="jp-escape-Job-service">
            {onOpenService ? (
              <button
                type="button"
                className="jp-escape-VO-linkButton"
                onClick={() => onOpenService(job.service_url)}
              >
                {job.service_url}
              </button>
            ) : (
              job.service_url
            )}
          </div>
        )}
        <pre className="jp-escape-Job-query">{job.query}</pre>
        <FreshnessLine freshness={job.freshness} trans={trans} />
      </JobRow>
    );
  };

  return (
    <div className="jp-escape-Jobs">
      <div className="jp-escape-Jobs-toolbar">
        <button
          type="button"
          className="jp-mod-styled"
          onClick={() => model.reload()}
        >
          {trans.__('Refresh jobs')}
        </button>
        {unfinished && (
          <span className="jp-escape-VO-muted" role="status">
            {trans.__('Watching unfinished jobs…')}
          </span>
        )}
      </div>
      {error && <ErrorBox error={error} trans={trans} />}
      <JobList
        trans={trans}
        label={trans.__('Async jobs')}
        className="jp-escape-Jobs-list"
        jobs={error && !jobs ? [] : jobs}
        empty={
          error
            ? ''
            : trans.__('No async jobs yet. Submit a query to start one.')
        }
        renderRow={row}
      />
    </div>
  );
}

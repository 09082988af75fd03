/**
 * TAP async jobs (UWS), per service or across services. The server persists the list, so it survives a
 * reload; unfinished jobs are polled (only while some are unfinished) and every UWS phase is shown as is,
 * HELD and SUSPENDED included.
 */
import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
import { FreshnessLine, isStale } from '../common/freshness';
import { IJob, voAPI } from './api';
import { ErrorBox } from './components';
import { describeError, IErrorView } from './errors';

const POLL_MS = 3000;

function seconds(job: IJob, now: number): number | null {
  const start = Date.parse(job.start_time ?? job.creation_time ?? '');
  if (Number.isNaN(start)) {
    return null;
  }
  const end = job.end_time ? Date.parse(job.end_time) : now;
  return Math.max(0, (end - start) / 1000);
}

function phaseClass(phase: string): string {
  switch (phase) {
    case 'COMPLETED':
      return 'jp-escape-Phase-ok';
    case 'ERROR':
    case 'UNKNOWN':
      return 'jp-escape-Phase-error';
    case 'ABORTED':
    case 'HELD':
    case 'SUSPENDED':
      return 'jp-escape-Phase-warn';
    default:
      return 'jp-escape-Phase-running';
  }
}

export function JobsList(props: {
  trans: TranslationBundle;
  serviceUrl?: string;
  /** Bumped by the parent after a submission, to reload at once. */
  reloadKey?: number;
  onShowResult?: (job: IJob) => void;
  onOpenService?: (url: string) => void;
}): JSX.Element {
  const { trans } = props;
  const [jobs, setJobs] = React.useState<IJob[] | null>(null);
  const [error, setError] = React.useState<IErrorView | null>(null);
  const [pending, setPending] = React.useState<Record<string, string>>({});
  const [now, setNow] = React.useState(Date.now());

  const load = React.useCallback(async () => {
    try {
      const reply = await voAPI.jobs(props.serviceUrl);
      setJobs(reply.jobs);
      setError(null);
    } catch (e) {
      setError(describeError(e));
    }
    setNow(Date.now());
  }, [props.serviceUrl]);

  React.useEffect(() => {
    void load();
  }, [load, props.reloadKey]);

  const unfinished = (jobs ?? []).some(j => !j.final);
  React.useEffect(() => {
    if (!unfinished) {
      return;
    }
    const timer = window.setInterval(() => void load(), POLL_MS);
    const tick = window.setInterval(() => setNow(Date.now()), 1000);
    return () => {
      window.clearInterval(timer);
      window.clearInterval(tick);
    };
  }, [unfinished, load]);

  const action = async (job: IJob, label: string, work: () => Promise<any>) => {
    setPending(p => ({ ...p, [job.id]: label }));
    try {
      await work();
      await load();
    } catch (e) {
      setError(describeError(e));
    } finally {
      setPending(p => {
        const rest = { ...p };
        delete rest[job.id];
        return rest;
      });
    }
  };

  return (
    <div className="jp-escape-Jobs">
      <div className="jp-escape-Jobs-toolbar">
        <button
          type="button"
          className="jp-mod-styled"
          onClick={() => void load()}
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
      {jobs === null && !error && <p>{trans.__('Loading jobs…')}</p>}
      {jobs !== null && jobs.length === 0 && (
        <p className="jp-escape-VO-muted">
          {trans.__('No async jobs yet. Submit a query to start one.')}
        </p>
      )}
      <ul className="jp-escape-Jobs-list" aria-label={trans.__('Async jobs')}>
        {(jobs ?? []).map(job => {
          const secs = seconds(job, now);
          return (
            <li key={job.id} className="jp-escape-Job">
              <div className="jp-escape-Job-head">
                <span
                  className={`jp-escape-Phase ${phaseClass(job.phase)}${isStale(job.freshness) ? ' jp-mod-stale' : ''}`}
                  aria-label={
                    isStale(job.freshness)
                      ? trans.__(
                          'Last known phase %1 (not confirmed)',
                          job.phase
                        )
                      : trans.__('Phase %1', job.phase)
                  }
                >
                  {isStale(job.freshness) ? `${job.phase}?` : job.phase}
                </span>
                <span className="jp-escape-Job-label">
                  {job.label || job.job_id || job.id}
                </span>
                {secs !== null && (
                  <span className="jp-escape-VO-muted">
                    {trans.__('%1 s', secs.toFixed(0))}
                  </span>
                )}
              </div>
              {!props.serviceUrl && (
                <div className="jp-escape-Job-service">
                  {props.onOpenService ? (
                    <button
                      type="button"
                      className="jp-escape-VO-linkButton"
                      onClick={() => props.onOpenService!(job.service_url)}
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
              {job.error && (
                <pre className="jp-escape-VO-errorText" role="alert">
                  {job.error}
                </pre>
              )}
              <div className="jp-escape-Job-actions">
                {job.phase === 'COMPLETED' && props.onShowResult && (
                  <button
                    type="button"
                    className="jp-mod-styled"
                    onClick={() => props.onShowResult!(job)}
                  >
                    {trans.__('Show result')}
                  </button>
                )}
                {!job.final && (
                  <button
                    type="button"
                    className="jp-mod-styled jp-mod-warn"
                    disabled={!!pending[job.id]}
                    onClick={() =>
                      action(job, trans.__('cancelling'), () =>
                        voAPI.abortJob(job.id)
                      )
                    }
                  >
                    {trans.__('Cancel job')}
                  </button>
                )}
                <button
                  type="button"
                  className="jp-mod-styled"
                  disabled={!!pending[job.id]}
                  onClick={() =>
                    action(job, trans.__('deleting'), () =>
                      voAPI.deleteJob(job.id)
                    )
                  }
                >
                  {trans.__('Delete')}
                </button>
                {pending[job.id] && (
                  <span role="status">{pending[job.id]}…</span>
                )}
              </div>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

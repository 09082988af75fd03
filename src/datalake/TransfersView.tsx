/**
 * Transfers (main area): staging jobs and uploads, including jobs interrupted by a server restart (with
 * Resume), each with its progress, files and log. The list is polled only while this view is on screen and
 * some job is active, with backoff; finished jobs are never polled again.
 */
import * as React from 'react';
import {
  datalakeAPI,
  isActive,
  IStageJob,
  IUploadJob,
  jobFingerprint
} from './api';
import { formatBytes, formatTime } from '../components';
import { ErrorBox, ProgressBar, StatePill } from './components';
import { IDatalakeContext } from './context';
import { JobActions, JobCard, useJob } from './jobs';
import { DatalakeMainView, useOnScreen } from './mainView';
import { Poller } from './poller';
import { UploadCard } from './uploads';

export class TransfersView extends DatalakeMainView {
  constructor(
    private _ctx: IDatalakeContext,
    jobId?: string
  ) {
    super('transfers');
    this.addClass('jp-escape-DLTransfersView');
    this.title.label = _ctx.trans.__('Data lake transfers');
    this._select = jobId ?? null;
  }

  /** Show one job (staging or upload) by id. */
  select(jobId: string): void {
    this._select = jobId;
    this.update();
  }

  render(): JSX.Element {
    return <Transfers ctx={this._ctx} view={this} selectId={this._select} />;
  }

  private _select: string | null;
}

/** Poll a job list while on screen and some job is active. */
function useJobList<T extends { id: string; state: string }>(
  ctx: IDatalakeContext,
  onScreen: boolean,
  fetch: (signal: AbortSignal) => Promise<{ jobs: T[] }>
): [T[] | null, unknown, () => void] {
  const [jobs, setJobs] = React.useState<T[] | null>(null);
  const [error, setError] = React.useState<unknown>(null);
  const poller = React.useMemo(() => {
    let last = '';
    return new Poller({
      min: 1000,
      max: 15000,
      poll: async signal => {
        try {
          const reply = await fetch(signal);
          const fp = reply.jobs
            .map(j => `${j.id}:${jobFingerprint(j as any)}`)
            .join(',');
          const changed = fp !== last;
          last = fp;
          setJobs(reply.jobs);
          setError(null);
          return { changed, more: reply.jobs.some(isActive) };
        } catch (e) {
          if (!signal.aborted) {
            setError(e);
          }
          throw e;
        }
      }
    });
  }, []);
  React.useEffect(() => {
    const wake = () => poller.running && poller.wake();
    ctx.model.jobsTouched.connect(wake);
    return () => {
      ctx.model.jobsTouched.disconnect(wake);
      poller.dispose();
    };
  }, [poller]);
  React.useEffect(() => {
    if (onScreen) {
      poller.start();
    } else {
      poller.stop();
    }
  }, [onScreen]);
  return [jobs, error, () => poller.wake()];
}

function StageRows(props: {
  ctx: IDatalakeContext;
  jobs: IStageJob[];
  selected: string | null;
  onSelect: (id: string) => void;
  onChanged: () => void;
}): JSX.Element {
  const { ctx, jobs } = props;
  const trans = ctx.trans;
  if (jobs.length === 0) {
    return (
      <p className="jp-escape-DL-muted">
        {trans.__(
          'No staging job yet: open a DID in the Data lake section and press Stage.'
        )}
      </p>
    );
  }
  return (
    <table
      className="jp-escape-DL-table jp-escape-DL-jobs"
      aria-label={trans.__('Staging jobs')}
    >
      <thead>
        <tr>
          <th scope="col">{trans.__('DID')}</th>
          <th scope="col">{trans.__('Mode')}</th>
          <th scope="col">{trans.__('State')}</th>
          <th scope="col">{trans.__('Progress')}</th>
          <th scope="col">{trans.__('Started')}</th>
          <th scope="col">
            <span className="jp-escape-DL-srOnly">{trans.__('Actions')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {jobs.map(job => (
          <tr
            key={job.id}
            data-job-id={job.id}
            data-state={job.state}
            aria-selected={props.selected === job.id}
            className={props.selected === job.id ? 'jp-mod-selected' : ''}
          >
            <td>
              <button
                type="button"
                className="jp-escape-DL-linkButton"
                onClick={() => props.onSelect(job.id)}
                title={trans.__('Files and log of this job')}
              >
                {job.did}
              </button>
              <div className="jp-escape-DL-muted">
                {ctx.model.label(job.instance)}
              </div>
            </td>
            <td>{job.mode}</td>
            <td>
              <StatePill state={job.state} />
            </td>
            <td className="jp-escape-DL-progressCell">
              <ProgressBar
                value={job.progress}
                label={trans.__('Progress of %1', job.did)}
                state={job.state}
              />
              <span className="jp-escape-DL-muted">
                {job.mode === 'replica'
                  ? trans.__(
                      '%1 / %2 files',
                      job.bytes_done,
                      job.bytes_total ?? '?'
                    )
                  : `${job.files_done}/${job.files_total} · ${formatBytes(job.bytes_done)}`}
              </span>
            </td>
            <td>{formatTime(job.started_at ?? job.created_at)}</td>
            <td>
              <JobActions
                ctx={ctx}
                job={job}
                onChanged={() => props.onChanged()}
              />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function UploadRows(props: {
  ctx: IDatalakeContext;
  jobs: IUploadJob[];
  selected: string | null;
  onSelect: (id: string) => void;
}): JSX.Element {
  const { ctx, jobs } = props;
  const trans = ctx.trans;
  if (jobs.length === 0) {
    return (
      <p className="jp-escape-DL-muted">
        {trans.__(
          'No upload yet: right-click a file in the file browser, "Upload to data lake…".'
        )}
      </p>
    );
  }
  return (
    <table
      className="jp-escape-DL-table jp-escape-DL-jobs"
      aria-label={trans.__('Uploads')}
    >
      <thead>
        <tr>
          <th scope="col">{trans.__('DID')}</th>
          <th scope="col">{trans.__('RSE')}</th>
          <th scope="col">{trans.__('State')}</th>
          <th scope="col">{trans.__('Progress')}</th>
          <th scope="col">{trans.__('Checksum')}</th>
          <th scope="col">{trans.__('Started')}</th>
        </tr>
      </thead>
      <tbody>
        {jobs.map(job => (
          <tr
            key={job.id}
            data-job-id={job.id}
            data-state={job.state}
            aria-selected={props.selected === job.id}
            className={props.selected === job.id ? 'jp-mod-selected' : ''}
          >
            <td>
              <button
                type="button"
                className="jp-escape-DL-linkButton"
                onClick={() => props.onSelect(job.id)}
              >
                {job.did}
              </button>
            </td>
            <td>{job.rse}</td>
            <td>
              <StatePill state={job.state} />
            </td>
            <td className="jp-escape-DL-progressCell">
              <ProgressBar
                value={job.progress}
                label={trans.__('Progress of %1', job.did)}
                state={job.state}
              />
              <span className="jp-escape-DL-muted">
                {formatBytes(job.bytes_done)} / {formatBytes(job.bytes_total)}
              </span>
            </td>
            <td>
              {job.verified === true
                ? trans.__('confirmed')
                : job.verified === false
                  ? trans.__('MISMATCH')
                  : '–'}
            </td>
            <td>{formatTime(job.started_at ?? job.created_at)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Transfers(props: {
  ctx: IDatalakeContext;
  view: TransfersView;
  selectId: string | null;
}): JSX.Element {
  const { ctx } = props;
  const trans = ctx.trans;
  const onScreen = useOnScreen(props.view);
  const [tab, setTab] = React.useState<'stage' | 'upload'>('stage');
  const [selected, setSelected] = React.useState<string | null>(props.selectId);
  React.useEffect(() => {
    if (props.selectId) {
      setSelected(props.selectId);
    }
  }, [props.selectId]);

  const [stageJobs, stageError, reloadStage] = useJobList<IStageJob>(
    ctx,
    onScreen && tab === 'stage',
    signal => datalakeAPI.stageJobs(signal)
  );
  const [uploadJobs, uploadError, reloadUploads] = useJobList<IUploadJob>(
    ctx,
    onScreen && tab === 'upload',
    signal => datalakeAPI.uploadJobs(signal)
  );

  React.useEffect(() => {
    // a selected id that is an upload switches to the Uploads tab
    if (
      selected &&
      uploadJobs?.some(j => j.id === selected) &&
      tab !== 'upload'
    ) {
      setTab('upload');
    }
  }, [selected, uploadJobs]);

  const stageSelected =
    tab === 'stage' && selected && stageJobs?.some(j => j.id === selected)
      ? selected
      : null;
  const [job, jobError, setJob] = useJob(ctx, stageSelected, onScreen);
  const interrupted = (stageJobs ?? []).filter(
    j => j.state === 'interrupted'
  ).length;

  return (
    <div className="jp-escape-DL-viewBody">
      <header className="jp-escape-DL-viewHeader">
        <h2>{trans.__('Data lake transfers')}</h2>
        <button
          type="button"
          className="jp-mod-styled jp-escape-DL-small"
          title={trans.__(
            'Jobs started from another tab or a notebook show up on the next refresh'
          )}
          onClick={() => (tab === 'stage' ? reloadStage() : reloadUploads())}
        >
          {trans.__('Refresh')}
        </button>
        <div
          role="tablist"
          className="jp-escape-DL-tabs"
          aria-label={trans.__('Kind of job')}
        >
          <button
            type="button"
            role="tab"
            aria-selected={tab === 'stage'}
            className="jp-escape-DL-tab"
            onClick={() => setTab('stage')}
          >
            {trans.__('Staging')}
            {stageJobs ? ` (${stageJobs.length})` : ''}
          </button>
          <button
            type="button"
            role="tab"
            aria-selected={tab === 'upload'}
            className="jp-escape-DL-tab"
            onClick={() => setTab('upload')}
          >
            {trans.__('Uploads')}
            {uploadJobs ? ` (${uploadJobs.length})` : ''}
          </button>
        </div>
      </header>
      {tab === 'stage' && (
        <div role="tabpanel" className="jp-escape-DL-split">
          <div className="jp-escape-DL-splitList">
            {interrupted > 0 && (
              <div
                className="jp-escape-Banner jp-escape-Banner-warn"
                role="status"
              >
                {trans._n(
                  '%1 job was interrupted by a server restart: Resume continues it.',
                  '%1 jobs were interrupted by a server restart: Resume continues them.',
                  interrupted
                )}
              </div>
            )}
            {stageError !== null && (
              <ErrorBox error={stageError} trans={trans} />
            )}
            {stageJobs && (
              <StageRows
                ctx={ctx}
                jobs={stageJobs}
                selected={selected}
                onSelect={setSelected}
                onChanged={reloadStage}
              />
            )}
          </div>
          {job && (
            <div className="jp-escape-DL-splitDetail">
              <JobCard
                ctx={ctx}
                job={job}
                error={jobError}
                onChanged={j => (j ? setJob(j) : setSelected(null))}
              />
            </div>
          )}
        </div>
      )}
      {tab === 'upload' && (
        <div role="tabpanel" className="jp-escape-DL-split">
          <div className="jp-escape-DL-splitList">
            {uploadError !== null && (
              <ErrorBox error={uploadError} trans={trans} />
            )}
            {uploadJobs && (
              <UploadRows
                ctx={ctx}
                jobs={uploadJobs}
                selected={selected}
                onSelect={setSelected}
              />
            )}
          </div>
          {selected && uploadJobs?.some(j => j.id === selected) && (
            <div className="jp-escape-DL-splitDetail">
              <UploadCard ctx={ctx} jobId={selected} onScreen={onScreen} />
            </div>
          )}
        </div>
      )}
    </div>
  );
}

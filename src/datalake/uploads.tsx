/** Following an upload job: progress, the checksum confirmation (local file, storage read-back, Rucio), log. */
import * as React from 'react';
import { FreshnessLine } from '../common/freshness';
import { datalakeAPI, IChecksums, isActive, IUploadJob } from './api';
import { formatBytes } from '../components';
import { ErrorBox, ProgressBar, StatePill } from './components';
import { IDatalakeContext } from './context';
import { JobLog, pollJob } from './jobs';
import { Poller } from './poller';
import { report } from './staged';

export function useUpload(
  ctx: IDatalakeContext,
  jobId: string | null,
  onScreen: boolean
): [IUploadJob | null, unknown, (job: IUploadJob) => void] {
  const [job, setJob] = React.useState<IUploadJob | null>(null);
  const [error, setError] = React.useState<unknown>(null);
  const pollerRef = React.useRef<Poller | null>(null);
  React.useEffect(() => {
    setJob(null);
    setError(null);
    if (!jobId) {
      return;
    }
    const poller = new Poller({
      min: 500,
      max: 8000,
      poll: pollJob<IUploadJob>(
        signal => datalakeAPI.uploadJob(jobId, signal),
        setJob,
        setError,
        { current: '' }
      )
    });
    pollerRef.current = poller;
    return () => {
      poller.dispose();
      pollerRef.current = null;
    };
  }, [jobId]);
  React.useEffect(() => {
    if (onScreen) {
      pollerRef.current?.start();
    } else {
      pollerRef.current?.stop();
    }
  }, [onScreen, jobId]);
  // after cancel/resume: show the answer now and poll again (a resumed job is active again)
  const replace = (view: IUploadJob) => {
    setJob(view);
    if (pollerRef.current?.running) {
      pollerRef.current.wake();
    } else if (onScreen) {
      pollerRef.current?.start();
    }
  };
  return [job, error, replace];
}

function UploadActions(props: {
  ctx: IDatalakeContext;
  job: IUploadJob;
  onChanged: (job: IUploadJob) => void;
}): JSX.Element | null {
  const { ctx, job } = props;
  const trans = ctx.trans;
  const [busy, setBusy] = React.useState(false);
  const act = (what: string, fn: () => Promise<IUploadJob>) => {
    setBusy(true);
    void report(ctx, what, async () => {
      props.onChanged(await fn());
      ctx.model.touchJobs(job.id);
    }).finally(() => setBusy(false));
  };
  const canResume =
    !isActive(job) &&
    job.state !== 'done' &&
    (job.resumable || job.state === 'interrupted');
  const canCleanUp = !isActive(job) && (job.leftovers?.length ?? 0) > 0;
  if (!isActive(job) && !canResume && !canCleanUp) {
    return null;
  }
  return (
    <span className="jp-escape-DL-jobActions">
      {isActive(job) && (
        <button
          type="button"
          className="jp-mod-styled jp-mod-warn jp-escape-DL-small"
          disabled={busy}
          onClick={() =>
            act(trans.__('Cancel'), () => datalakeAPI.cancelUpload(job.id))
          }
          title={trans.__(
            'Stop the transfer: bytes already sent (under a temporary name) are deleted and nothing is registered in Rucio'
          )}
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
            act(trans.__('Resume'), () => datalakeAPI.resumeUpload(job.id))
          }
          title={trans.__(
            'Run the upload again: leftovers are cleaned first, steps already done are kept, a complete stored copy is checked by checksum and not sent again, an incomplete transfer starts over'
          )}
        >
          {trans.__('Resume')}
        </button>
      )}
      {canCleanUp && (
        <button
          type="button"
          className="jp-mod-styled jp-escape-DL-small"
          disabled={busy}
          onClick={() =>
            act(trans.__('Clean up'), () => datalakeAPI.cleanupUpload(job.id))
          }
          title={trans.__(
            'Delete the files this upload left on the storage (nothing registered in Rucio is touched)'
          )}
        >
          {trans.__('Clean up')}
        </button>
      )}
    </span>
  );
}

/** What an attempt left on the storage (not registered in Rucio): said plainly, with why, until cleaned. */
function Leftovers(props: {
  ctx: IDatalakeContext;
  job: IUploadJob;
}): JSX.Element | null {
  const { ctx, job } = props;
  const trans = ctx.trans;
  const left = job.leftovers ?? [];
  if (left.length === 0) {
    return null;
  }
  return (
    <div
      className="jp-escape-Banner jp-escape-Banner-warn jp-escape-DL-leftovers"
      role="status"
    >
      <strong>
        {trans._n(
          '%1 file left on the storage (unregistered): resume or clean up removes it',
          '%1 files left on the storage (unregistered): resume or clean up removes them',
          left.length
        )}
      </strong>
      <ul>
        {left.map(item => (
          <li key={item.pfn}>
            <code>{item.pfn}</code> — {item.why}
          </li>
        ))}
      </ul>
    </div>
  );
}

function ChecksumTable(props: {
  ctx: IDatalakeContext;
  job: IUploadJob;
}): JSX.Element | null {
  const { ctx, job } = props;
  const trans = ctx.trans;
  const sums = job.checksums;
  if (!sums || !sums.local) {
    return null;
  }
  const rows: [string, IChecksums | undefined][] = [
    [trans.__('Local file'), sums.local],
    [trans.__('Stored replica (read back)'), sums.storage],
    [trans.__('Rucio catalogue'), sums.rucio]
  ];
  const want = sums.local.adler32;
  return (
    <table
      className="jp-escape-DL-table jp-escape-DL-checksums"
      aria-label={trans.__('Checksum confirmation')}
    >
      <thead>
        <tr>
          <th scope="col">{trans.__('Where')}</th>
          <th scope="col">{trans.__('Bytes')}</th>
          <th scope="col">adler32</th>
          <th scope="col">{trans.__('Matches the local file')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([label, s]) => {
          const match =
            s && s.adler32 !== null && s.adler32 !== undefined
              ? s.adler32 === want && s.bytes === sums.local?.bytes
              : null;
          return (
            <tr key={label} data-match={match === null ? '' : String(match)}>
              <th scope="row">{label}</th>
              <td className="jp-escape-DL-num">
                {s?.bytes !== undefined && s?.bytes !== null
                  ? s.bytes.toLocaleString()
                  : '–'}
              </td>
              <td>
                <code>{s?.adler32 ?? (isActive(job) ? '…' : '–')}</code>
              </td>
              <td>
                {match === null
                  ? ''
                  : match
                    ? '✓ ' + trans.__('yes')
                    : '✗ ' + trans.__('no')}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function UploadCard(props: {
  ctx: IDatalakeContext;
  jobId: string;
  onScreen: boolean;
}): JSX.Element | null {
  const { ctx } = props;
  const trans = ctx.trans;
  const [job, error, replace] = useUpload(ctx, props.jobId, props.onScreen);
  if (!job) {
    return error ? <ErrorBox error={error} trans={trans} /> : null;
  }
  return (
    <section
      className="jp-escape-DL-jobCard"
      data-job-id={job.id}
      data-state={job.state}
      aria-label={trans.__('Upload of %1', job.did)}
    >
      <div className="jp-escape-DL-row">
        <StatePill state={job.state} />
        <strong className="jp-escape-DL-grow">
          {trans.__('Upload of')} <code>{job.did}</code>{' '}
          {trans.__('to %1', job.rse)}
        </strong>
        <UploadActions ctx={ctx} job={job} onChanged={replace} />
      </div>
      <ProgressBar
        value={job.progress}
        label={trans.__('Progress of %1', job.did)}
        state={job.state}
      />
      <div className="jp-escape-DL-muted" aria-live="polite">
        {formatBytes(job.bytes_done)} / {formatBytes(job.bytes_total)}
        {job.dataset ? ` · ${trans.__('attached to %1', job.dataset)}` : ''}
        {job.lifetime
          ? ` · ${trans.__('lifetime %1 days', Math.round(job.lifetime / 86400))}`
          : ''}
      </div>
      {job.verified === true && (
        <p className="jp-escape-DL-ok" role="status">
          {trans.__(
            'Confirmed: the stored replica was read back and its checksum matches the local file and Rucio.'
          )}
        </p>
      )}
      {job.error && (
        <div className="jp-escape-Banner jp-escape-Banner-error" role="alert">
          <strong>{trans.__('%1 says:', ctx.model.label(job.instance))}</strong>
          <pre className="jp-escape-DL-errorText">{job.error}</pre>
        </div>
      )}
      <FreshnessLine freshness={job.freshness} trans={trans} />
      <Leftovers ctx={ctx} job={job} />
      {error !== null && <ErrorBox error={error} trans={trans} />}
      <ChecksumTable ctx={ctx} job={job} />
      {job.state === 'done' && (
        <div className="jp-escape-DL-actions">
          <button
            type="button"
            className="jp-mod-styled jp-escape-DL-small"
            onClick={() =>
              ctx.openDetails(job.instance, job.dataset || job.did)
            }
          >
            {job.dataset
              ? trans.__('Open the dataset')
              : trans.__('Open the DID')}
          </button>
        </div>
      )}
      <JobLog ctx={ctx} log={job.log} open={job.state === 'failed'} />
    </section>
  );
}

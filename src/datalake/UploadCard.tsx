/**
 * One upload job on the shared job row: progress, Cancel, Resume, Clean up, the re-attach snippet, and below
 * it what only uploads have (the checksum confirmation, leftovers on the storage, open the result, the log).
 */
import * as React from 'react';
import { FreshnessLine } from '../common/freshness';
import { JobRow } from '../components/JobRow';
import { datalakeAPI, isActive, IUploadJob } from './api';
import { ErrorBox } from './components';
import { IDatalakeContext } from './context';
import { UPLOAD_JOBS, useFollowedJob } from './follow';
import { JobLog } from './JobLog';
import { uploadJobView } from './jobViews';
import { report } from './staged';
import { ChecksumTable, Leftovers } from './uploadChecks';

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
  if (isActive(job)) {
    return null;
  }
  const canResume =
    job.state !== 'done' && (job.resumable || job.state === 'interrupted');
  const canCleanUp = (job.leftovers?.length ?? 0) > 0;
  return (
    <>
      {canResume && (
        <button
          type="button"
          className="jp-mod-styled jp-mod-accept jp-escape-JobRow-button"
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
          className="jp-mod-styled jp-escape-JobRow-button"
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
    </>
  );
}

export function UploadCard(props: {
  ctx: IDatalakeContext;
  jobId: string;
  onScreen: boolean;
}): JSX.Element | null {
  const { ctx } = props;
  const trans = ctx.trans;
  const [job, error, replace] = useFollowedJob(
    ctx,
    UPLOAD_JOBS,
    props.jobId,
    props.onScreen
  );
  if (!job) {
    return error ? <ErrorBox error={error} trans={trans} /> : null;
  }
  return (
    <JobRow
      as="section"
      className="jp-escape-DL-jobCard"
      trans={trans}
      job={uploadJobView(job, trans, ctx.model.label(job.instance))}
      label={trans.__('Upload of %1', job.did)}
      title={
        <strong>
          {trans.__('Upload of')} <code>{job.did}</code>{' '}
          {trans.__('to %1', job.rse)}
        </strong>
      }
      onCancel={async () => {
        replace(await datalakeAPI.cancelUpload(job.id));
        ctx.model.touchJobs(job.id);
      }}
      cancelTitle={trans.__(
        'Stop the transfer: bytes already sent (under a temporary name) are deleted and nothing is registered in Rucio'
      )}
      actions={<UploadActions ctx={ctx} job={job} onChanged={replace} />}
      insertCode={code => ctx.insertCode(code)}
    >
      {job.verified === true && (
        <p className="jp-escape-DL-ok" role="status">
          {trans.__(
            'Confirmed: the stored replica was read back and its checksum matches the local file and Rucio.'
          )}
        </p>
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
    </JobRow>
  );
}

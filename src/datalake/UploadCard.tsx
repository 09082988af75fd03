/**
 * One upload job as a card (TransferCard), followed by id: below its row what only uploads have (the checksum
 * confirmation, leftovers on the storage, open the result, the log).
 */
import * as React from 'react';
import { FreshnessLine } from '../common/freshness';
import { datalakeAPI, IUploadJob } from './api';
import { ErrorBox } from './components';
import { IDatalakeContext } from './context';
import { UPLOAD_JOBS, useFollowedJob } from './follow';
import { JobLog } from './JobLog';
import { ITransferAction, TransferCard } from './TransferCard';
import { UPLOAD_KIND } from './transferKinds';
import { ChecksumTable, Leftovers } from './uploadChecks';

/** Clean up, offered while the upload left files on the storage. */
function cleanUp(
  ctx: IDatalakeContext,
  job: IUploadJob
): ITransferAction<IUploadJob>[] {
  return (job.leftovers?.length ?? 0) > 0
    ? [
        {
          label: ctx.trans.__('Clean up'),
          title: ctx.trans.__(
            'Delete the files this upload left on the storage (nothing registered in Rucio is touched)'
          ),
          run: () => datalakeAPI.cleanupUpload(job.id)
        }
      ]
    : [];
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
    <TransferCard
      ctx={ctx}
      kind={UPLOAD_KIND}
      job={job}
      label={trans.__('Upload of %1', job.did)}
      title={
        <strong>
          {trans.__('Upload of')} <code>{job.did}</code>{' '}
          {trans.__('to %1', job.rse)}
        </strong>
      }
      onChanged={changed => changed && replace(changed)}
      more={cleanUp(ctx, job)}
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
    </TransferCard>
  );
}

/**
 * The two kinds of data-lake job, staging and upload, as one description each: how a job row shows it and
 * which routes cancel and resume it. The cards, the Transfers lists and the actions are written once over it.
 * Pure (no JSX).
 */
import { TranslationBundle } from '@jupyterlab/translation';
import { IJobView } from '../components/jobState';
import { datalakeAPI, IStageJob, IUploadJob } from './api';
import { stageJobView, uploadJobView } from './jobViews';

export type TransferJob = IStageJob | IUploadJob;

export interface ITransferKind<J extends TransferJob> {
  /** The job row's view (service: the instance's label, who reports the job's error). */
  view: (job: J, trans: TranslationBundle, service: string) => IJobView;
  cancel: (id: string) => Promise<J>;
  /** Tooltip of Cancel, when it needs one. */
  cancelTitle?: (trans: TranslationBundle) => string;
  resume: (id: string) => Promise<J>;
  resumeTitle: (trans: TranslationBundle) => string;
}

export const STAGE_KIND: ITransferKind<IStageJob> = {
  view: stageJobView,
  cancel: id => datalakeAPI.cancelStage(id),
  resume: id => datalakeAPI.resumeStage(id),
  resumeTitle: trans =>
    trans.__(
      'Continue where it stopped: verified files are kept, partial files resume'
    )
};

export const UPLOAD_KIND: ITransferKind<IUploadJob> = {
  view: uploadJobView,
  cancel: id => datalakeAPI.cancelUpload(id),
  cancelTitle: trans =>
    trans.__(
      'Stop the transfer: bytes already sent (under a temporary name) are deleted and nothing is registered in Rucio'
    ),
  resume: id => datalakeAPI.resumeUpload(id),
  resumeTitle: trans =>
    trans.__(
      'Run the upload again: leftovers are cleaned first, steps already done are kept, a complete stored copy is checked by checksum and not sent again, an incomplete transfer starts over'
    )
};

/** A stopped job that can go on: not done, and resumable (an interrupted one always is). */
export function canResume(job: TransferJob): boolean {
  return (
    job.state !== 'done' && (!!job.resumable || job.state === 'interrupted')
  );
}

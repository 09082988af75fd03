/**
 * OSSR jobs as the shared job row shows them (the publish view's progress, the record's install panel and the
 * Activity view): publishing with its step, the file going up and the bytes sent; an install with pip's phase.
 * Pure.
 */
import { TranslationBundle } from '@jupyterlab/translation';
import { formatBytes } from '../components/format';
import { IJobView } from '../components/jobState';
import { reattachSnippet } from '../activity/snippets';
import { IInstallSummary, IPublishJob } from './transferTypes';

const PUBLISH_ACTIVE = ['pending', 'preparing', 'uploading', 'publishing'];

export function publishJobActive(job: IPublishJob): boolean {
  return PUBLISH_ACTIVE.includes(job.state);
}

/**
 * What the job is doing, in words. Files are counted among those the user chose ("Uploading LICENSE (1 of 3)"):
 * codemeta.json always goes first and is named alone.
 */
export function publishStepText(
  job: IPublishJob,
  trans: TranslationBundle
): string {
  switch (job.stage) {
    case 'preparing':
      return job.chosen
        ? trans.__('Checking codemeta.json and the chosen files…')
        : trans.__('Zipping the folder…');
    case 'deposit':
    case 'metadata':
      return job.deposit_id === null
        ? trans.__('Creating the deposition…')
        : trans.__('Setting the metadata of deposition %1…', job.deposit_id);
    case 'publishing':
      return trans.__('Publishing deposition %1…', job.deposit_id ?? '');
    default:
      break;
  }
  const current = job.files.find(f => f.key === job.current);
  if (!current) {
    return trans.__(
      '%1 of %2 files uploaded',
      job.uploaded.length,
      job.files.length
    );
  }
  const bytes = trans.__(
    '%1 of %2',
    formatBytes(current.sent),
    formatBytes(current.size)
  );
  const others = job.files.filter(f => f.key !== 'codemeta.json');
  const index = others.findIndex(f => f.key === current.key);
  if (index < 0) {
    return trans.__('Uploading %1… %2', current.key, bytes);
  }
  return trans.__(
    'Uploading %1 (%2 of %3)… %4',
    current.key,
    index + 1,
    others.length,
    bytes
  );
}

/** The job row of a publish job; `cancel` is offered by the caller while it runs. */
export function publishJobView(
  job: IPublishJob,
  trans: TranslationBundle
): IJobView {
  const active = publishJobActive(job);
  const ended = {
    done:
      job.result?.state === 'published'
        ? trans.__('Published: deposition %1', job.deposit_id ?? '')
        : trans.__('Draft saved: deposition %1', job.deposit_id ?? ''),
    cancelled: trans.__(
      'Cancelled: %1 of %2 files uploaded',
      job.uploaded.length,
      job.files.length
    )
  } as Record<string, string>;
  return {
    id: job.job_id,
    state: job.state,
    active,
    // the zip is built before anything is known about its size: no fraction until the files are listed
    progress:
      job.bytes_total > 0
        ? job.bytes_done / job.bytes_total
        : active
          ? null
          : undefined,
    progressText: active
      ? publishStepText(job, trans)
      : (ended[job.state] ??
        trans.__(
          '%1 of %2 files uploaded',
          job.uploaded.length,
          job.files.length
        )),
    error:
      job.state === 'failed' || job.state === 'interrupted'
        ? (job.error?.error ?? null)
        : null,
    errorService: job.error?.service ?? job.service,
    reattach: reattachSnippet('ossr-publish', job.job_id, job.name)
  };
}

/** The job row of an install (its output is the record panel's own). */
export function installJobView(
  job: IInstallSummary,
  trans: TranslationBundle
): IJobView {
  const active = job.state === 'starting' || job.state === 'running';
  const phase = {
    starting: trans.__('starting pip'),
    preparing: trans.__('pip downloads and builds'),
    installing: trans.__(
      'pip writes into the environment (it cannot be stopped now without leaving a half-installed package)'
    ),
    ended: ''
  }[job.phase];
  return {
    id: job.job_id,
    state: job.state,
    stateSource: 'pip',
    active,
    progress: active ? null : undefined,
    progressText:
      job.state === 'failed'
        ? trans.__('exit code %1', job.returncode ?? '?')
        : active
          ? phase
          : undefined,
    errorService: 'pip',
    reattach: reattachSnippet('ossr-install', job.job_id, job.file)
  };
}

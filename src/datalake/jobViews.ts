/**
 * Staging and upload jobs as the shared job row shows them (src/components/JobRow.tsx): state, progress,
 * the text under the bar, the job's error and who said it, the notebook re-attach snippet. Pure.
 */
import { TranslationBundle } from '@jupyterlab/translation';
import { reattachSnippet } from '../activity/snippets';
import { formatBytes } from '../components/format';
import { IJobView } from '../components/jobState';
import { isActive, IStageJob, IUploadJob } from './api';

/** "rule OK: 3 files OK, 0 replicating, 0 stuck" or "2 of 3 files · 1.0 MiB of 1.5 MiB". */
export function stageProgressText(
  job: IStageJob,
  trans: TranslationBundle
): string {
  if (job.mode === 'replica') {
    return job.rule
      ? trans.__(
          'rule %1: %2 files OK, %3 replicating, %4 stuck',
          job.rule.state,
          job.rule.locks.ok,
          job.rule.locks.replicating,
          job.rule.locks.stuck
        )
      : trans.__('creating the rule…');
  }
  return trans.__(
    '%1 of %2 files · %3 of %4',
    job.files_done,
    job.files_total,
    formatBytes(job.bytes_done),
    formatBytes(job.bytes_total)
  );
}

/** `service` names who reported the job's error (the instance's label). */
export function stageJobView(
  job: IStageJob,
  trans: TranslationBundle,
  service: string
): IJobView {
  const active = isActive(job);
  return {
    id: job.id,
    state: job.state,
    active,
    progress:
      active && !job.bytes_total && job.mode !== 'replica'
        ? null
        : job.progress,
    progressText: stageProgressText(job, trans),
    error: job.error,
    errorService: service,
    reattach: reattachSnippet(
      'datalake-stage',
      job.id,
      `${job.mode === 'replica' ? 'replica' : 'download'} of ${job.did}`
    )
  };
}

export function uploadProgressText(
  job: IUploadJob,
  trans: TranslationBundle
): string {
  return (
    `${formatBytes(job.bytes_done)} / ${formatBytes(job.bytes_total)}` +
    (job.dataset ? ` · ${trans.__('attached to %1', job.dataset)}` : '') +
    (job.lifetime
      ? ` · ${trans.__('lifetime %1 days', Math.round(job.lifetime / 86400))}`
      : '')
  );
}

export function uploadJobView(
  job: IUploadJob,
  trans: TranslationBundle,
  service: string
): IJobView {
  return {
    id: job.id,
    state: job.state,
    active: isActive(job),
    progress: job.progress,
    progressText: uploadProgressText(job, trans),
    error: job.error,
    errorService: service,
    reattach: reattachSnippet(
      'datalake-upload',
      job.id,
      `upload of ${job.did} to ${job.rse}`
    )
  };
}

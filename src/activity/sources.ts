/**
 * The built-in Activity sources: each pillar's own job routes, mapped to one shape (IActivityJob). A pillar
 * whose routes are not there (server extension without it) lists nothing. Other pillars register theirs with
 * registerActivitySource (registry.ts).
 */
import { TranslationBundle } from '@jupyterlab/translation';
import { IJobView } from '../components/jobState';
import { datalakeAPI, IStageJob, IUploadJob } from '../datalake/api';
import { stageJobView, uploadJobView } from '../datalake/jobViews';
import { EscapeAPIError, requestAPI } from '../handler';
import { IJob, voAPI } from '../vo/api';
import type { IUploadJob as IZooniverseUpload } from '../zooniverse/api';
import type { IActivitySource } from './registry';
import { reattachSnippet } from './snippets';
import { tapJobView } from './tap';
import { xmatchSource } from './xmatch';

/** The route is not there (pillar disabled): no jobs, not an error. */
export async function orNone<T>(work: Promise<T[]>): Promise<T[]> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof EscapeAPIError && error.isNotFound) {
      return [];
    }
    throw error;
  }
}

/** Seconds since the epoch (the server's times) as ms, null when missing. */
export const seconds = (s: number | null | undefined): number | null =>
  s ? s * 1000 : null;

export const tapJobs: IActivitySource = {
  name: 'vo',
  label: trans => trans.__('TAP jobs'),
  kinds: { tap: trans => trans.__('TAP job') },
  list: async () =>
    (await orNone(voAPI.jobs().then(r => r.jobs))).map((job: IJob) => {
      const start = Date.parse(job.start_time ?? job.creation_time ?? '');
      return {
        id: `tap:${job.id}`,
        kind: 'tap',
        view: tapJobView(job),
        title: job.label || job.query.split('\n')[0],
        where: job.service_url,
        startedAt: Number.isNaN(start) ? seconds(job.added) : start,
        cancel: () => voAPI.abortJob(job.id)
      };
    })
};

export const stagingJobs: IActivitySource = {
  name: 'datalake',
  label: trans => trans.__('Data-lake staging'),
  kinds: {
    staging: trans => trans.__('Staging'),
    rule: trans => trans.__('Replication rule')
  },
  list: async (signal, trans) =>
    (await orNone(datalakeAPI.stageJobs(signal).then(r => r.jobs))).map(
      (job: IStageJob) => ({
        id: `stage:${job.id}`,
        kind: job.mode === 'replica' ? 'rule' : 'staging',
        view: stageJobView(job, trans, job.instance),
        title: job.did,
        where: job.instance,
        startedAt: seconds(job.started_at ?? job.created_at),
        cancel: () => datalakeAPI.cancelStage(job.id)
      })
    )
};

export const uploadJobs: IActivitySource = {
  name: 'uploads',
  label: trans => trans.__('Data-lake uploads'),
  kinds: { upload: trans => trans.__('Data-lake upload') },
  list: async (signal, trans) =>
    (await orNone(datalakeAPI.uploadJobs(signal).then(r => r.jobs))).map(
      (job: IUploadJob) => ({
        id: `upload:${job.id}`,
        kind: 'upload',
        view: uploadJobView(job, trans, job.instance),
        title: job.did,
        where: `${job.instance} → ${job.rse}`,
        startedAt: seconds(job.started_at ?? job.created_at),
        cancel: () => datalakeAPI.cancelUpload(job.id)
      })
    )
};

export function zooniverseView(
  job: IZooniverseUpload,
  trans: TranslationBundle
): IJobView {
  const stopped = ['failed', 'interrupted', 'cancelled'].includes(job.state);
  return {
    id: job.job_id,
    state: job.state,
    active: job.state === 'running' || job.state === 'pending',
    progress: job.total ? job.done / job.total : null,
    progressText: trans.__('%1 of %2 subjects', job.done, job.total),
    error: stopped ? job.message : null,
    errorService: 'Zooniverse',
    reattach: reattachSnippet('zooniverse-upload', job.job_id)
  };
}

export const zooniverseUploads: IActivitySource = {
  name: 'zooniverse',
  label: trans => trans.__('Zooniverse uploads'),
  kinds: { 'zooniverse-upload': trans => trans.__('Zooniverse upload') },
  list: async (signal, trans) =>
    (
      await orNone(
        requestAPI<{ jobs: IZooniverseUpload[] }>('zooniverse/uploads', {
          signal
        }).then(r => r.jobs)
      )
    ).map(job => ({
      id: `zooniverse:${job.job_id}`,
      kind: 'zooniverse-upload',
      view: zooniverseView(job, trans),
      title: trans.__('subject set %1', job.subject_set_id),
      where: trans.__('project %1', job.project_id),
      startedAt: null,
      cancel: () =>
        requestAPI(
          `zooniverse/uploads/${encodeURIComponent(job.job_id)}/cancel`,
          { method: 'POST', body: '{}' }
        )
    }))
};

/** The sources the Activity plugin registers itself, in the order their errors are shown. */
export function builtinSources(): IActivitySource[] {
  return [tapJobs, stagingJobs, uploadJobs, zooniverseUploads, xmatchSource()];
}

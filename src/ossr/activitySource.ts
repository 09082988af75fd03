/**
 * The OSSR's long-running jobs in the Activity view: publishing (deposit, uploads with bytes sent, publish)
 * and installs into a kernel, from the server's job routes, with Cancel where the job can stop cleanly (a
 * publish before its next file; an install while pip downloads and builds) and "Re-attach in a notebook".
 */
import { orNone, seconds } from '../activity/sources';
import type { IActivitySource } from '../activity/registry';
import { installJobView, publishJobView } from './jobViews';
import { ossrAPI } from './api';

export const ossrActivity: IActivitySource = {
  name: 'ossr',
  label: trans => trans.__('OSSR publishing and installs'),
  kinds: {
    'ossr-publish': trans => trans.__('OSSR publishing'),
    'ossr-install': trans => trans.__('OSSR install')
  },
  list: async (signal, trans) => {
    const [publishing, installs] = await Promise.all([
      orNone(ossrAPI.publishJobs(signal).then(r => r.jobs)),
      orNone(ossrAPI.installJobs(signal).then(r => r.jobs))
    ]);
    return [
      ...publishing.map(job => {
        const view = publishJobView(job, trans);
        return {
          id: `ossr-publish:${job.job_id}`,
          kind: 'ossr-publish',
          view,
          title: trans.__('%1 (folder %2)', job.name, job.path || '/'),
          where: job.sandbox
            ? trans.__('%1, sandbox', job.service)
            : job.service,
          startedAt: seconds(job.started_at ?? job.created_at),
          cancel:
            view.active && job.stage !== 'publishing'
              ? () => ossrAPI.cancelPublishJob(job.job_id)
              : undefined
        };
      }),
      ...installs.map(job => ({
        id: `ossr-install:${job.job_id}`,
        kind: 'ossr-install',
        view: installJobView(job, trans),
        title: trans.__('record %1: %2', job.record_id, job.file ?? ''),
        where: job.python ?? '',
        startedAt: seconds(job.started),
        cancel: job.cancellable
          ? () => ossrAPI.cancelInstall(job.job_id)
          : undefined
      }))
    ];
  }
};

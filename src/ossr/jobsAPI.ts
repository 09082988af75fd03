/**
 * Typed calls of the OSSR's job routes: installing a record into a kernel (plan, run, follow, cancel, list) and
 * publishing a folder as a server job (start, follow, cancel, resume, list). docs/api/ossr.md.
 */
import { requestAPI } from '../handler';
import { get, post } from './requests';
import {
  IInstallJob,
  IInstallPlan,
  IInstallSummary,
  IKernelPython,
  IPublishJob,
  IPublishRequest
} from './transferTypes';

export const ossrJobsAPI = {
  kernels: () => get<{ kernels: IKernelPython[] }>('ossr/kernels'),
  installPlan: (
    id: number | string,
    python: string,
    file?: string,
    pipArgs: string[] = []
  ) =>
    post<IInstallPlan>(
      `ossr/records/${encodeURIComponent(String(id))}/install-plan`,
      {
        python,
        ...(file ? { file } : {}),
        ...(pipArgs.length ? { pip_args: pipArgs } : {})
      }
    ),
  install: (planId: string) =>
    post<IInstallJob>('ossr/install', { plan_id: planId }),
  installJob: (jobId: string, since: number) =>
    get<IInstallJob>(`ossr/install/${encodeURIComponent(jobId)}`, { since }),
  cancelInstall: (jobId: string) =>
    requestAPI<IInstallJob>(`ossr/install/${encodeURIComponent(jobId)}`, {
      method: 'DELETE'
    }),
  installJobs: (signal?: AbortSignal) =>
    requestAPI<{ jobs: IInstallSummary[] }>('ossr/install', { signal }),
  publishJobs: (signal?: AbortSignal) =>
    requestAPI<{ jobs: IPublishJob[] }>('ossr/publish/jobs', { signal }),
  publishJob: (jobId: string) =>
    get<IPublishJob>(`ossr/publish/jobs/${encodeURIComponent(jobId)}`),
  startPublishJob: (request: IPublishRequest) =>
    post<IPublishJob>('ossr/publish/jobs', request),
  cancelPublishJob: (jobId: string) =>
    requestAPI<IPublishJob>(`ossr/publish/jobs/${encodeURIComponent(jobId)}`, {
      method: 'DELETE'
    }),
  resumePublishJob: (jobId: string, publish?: boolean) =>
    post<IPublishJob>(
      `ossr/publish/jobs/${encodeURIComponent(jobId)}/resume`,
      publish === undefined ? {} : { publish }
    )
};

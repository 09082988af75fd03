/**
 * Cross-matches on the Dask cluster as Activity rows. The server lists only the running ones (scale/cluster);
 * the ones seen running are asked for by id until they end, so a finished match stays in the list for the
 * session. They live in the server's memory only: no notebook re-attach snippet.
 */
import { TranslationBundle } from '@jupyterlab/translation';
import type { IClusterStatus, IXMatchJob } from '../basket/cluster';
import { IJobView } from '../components/jobState';
import { EscapeAPIError, requestAPI } from '../handler';
import type { IActivityJob, IActivitySource } from './registry';

type Ref = string | { path: string } | undefined;

function refText(ref: Ref): string {
  return typeof ref === 'string' ? ref : (ref?.path ?? '?');
}

export function xmatchView(
  job: IXMatchJob,
  trans: TranslationBundle
): IJobView {
  const p = job.progress;
  return {
    id: job.id,
    state: job.state,
    active: job.state === 'starting' || job.state === 'running',
    progress: p && p.total ? p.done / p.total : null,
    progressText: p
      ? trans.__('%1 of %2 partitions', p.done, p.total)
      : trans.__('%1 s', job.elapsed_s.toFixed(0)),
    error: job.error?.error ?? null,
    errorService: job.error?.service ?? null
  };
}

/** The cross-match source; it remembers the matches it saw running (a new one per Activity registration). */
export function xmatchSource(): IActivitySource {
  const jobs = new XMatchJobs();
  return {
    name: 'xmatch',
    label: trans => trans.__('Cross-matches'),
    kinds: { xmatch: trans => trans.__('Cross-match') },
    list: (signal, trans) => jobs.list(signal, trans)
  };
}

class XMatchJobs {
  async list(
    signal: AbortSignal,
    trans: TranslationBundle
  ): Promise<IActivityJob[]> {
    let status: IClusterStatus;
    try {
      status = await requestAPI<IClusterStatus>('scale/cluster', { signal });
    } catch (error) {
      if (error instanceof EscapeAPIError && error.isNotFound) {
        return [];
      }
      throw error;
    }
    status.running_jobs.forEach(id => this._seen.add(id));
    const jobs: IActivityJob[] = [];
    for (const id of [...this._seen]) {
      let job: IXMatchJob & { request?: { left?: Ref; right?: Ref } };
      try {
        job = await requestAPI(`scale/xmatch/${encodeURIComponent(id)}`, {
          signal
        });
      } catch (error) {
        if (error instanceof EscapeAPIError && error.isNotFound) {
          this._seen.delete(id); // pruned by the server
          continue;
        }
        throw error;
      }
      jobs.push({
        id: `xmatch:${id}`,
        kind: 'xmatch',
        view: xmatchView(job, trans),
        title: `${refText(job.request?.left)} × ${refText(job.request?.right)}`,
        where: status.cluster?.name ?? '',
        startedAt: Date.now() - job.elapsed_s * 1000,
        cancel: () =>
          requestAPI(`scale/xmatch/${encodeURIComponent(id)}`, {
            method: 'DELETE'
          })
      });
    }
    return jobs;
  }

  private _seen = new Set<string>();
}

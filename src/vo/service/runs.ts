/** What the result pane runs for a TAP service: a sync query, or an async job's result. */
import { TranslationBundle } from '@jupyterlab/translation';
import { querySummary } from '../../components/querySummary';
import { requestArrow } from '../../grid';
import { IJob } from '../api';
import { IRunOptions } from '../model';

/** A synchronous query (`POST vo/tap/sync`), named after what it asks (table, region, TOP). */
export function syncRun(
  url: string,
  query: string,
  maxrec: number | null,
  format: string
): IRunOptions {
  return {
    // the tab, sky layer, plot and basket item take this label
    label: querySummary(query),
    query,
    provenance: { kind: 'tap', url, query, maxrec, mode: 'sync' },
    fetch: signal =>
      requestArrow('vo/tap/sync', {
        method: 'POST',
        body: JSON.stringify({ url, query, maxrec, format }),
        signal
      })
  };
}

/** The result of a finished async job. */
export function jobRun(job: IJob, trans: TranslationBundle): IRunOptions {
  return {
    label: trans.__(
      '%1 (job %2)',
      querySummary(job.query),
      job.job_id ?? job.id
    ),
    query: job.query,
    provenance: {
      kind: 'tap',
      url: job.service_url,
      query: job.query,
      maxrec: job.maxrec ?? null,
      mode: 'async'
    },
    fetch: signal =>
      requestArrow(`vo/tap/jobs/${encodeURIComponent(job.id)}/results`, {
        signal
      })
  };
}

/** TAP async jobs (UWS) as job rows: the phase as the service says it, coloured as UWS means it. Pure. */
import { isStale } from '../common/freshness';
import { IJobView, JobLevel } from '../components/jobState';
import type { IJob } from '../vo/api';
import { reattachSnippet } from './snippets';

/** UWS phases: a SUSPENDED or HELD job waits (not an error, unlike a suspended Rucio rule). */
export function uwsLevel(phase: string): JobLevel {
  switch (phase) {
    case 'COMPLETED':
      return 'ok';
    case 'ERROR':
    case 'UNKNOWN':
      return 'error';
    case 'ABORTED':
    case 'HELD':
    case 'SUSPENDED':
      return 'warn';
    default:
      return 'running';
  }
}

/** Seconds the job ran (or has been running, at `now`); null when the service gave no start time. */
export function tapSeconds(job: IJob, now: number): number | null {
  const start = Date.parse(job.start_time ?? job.creation_time ?? '');
  if (Number.isNaN(start)) {
    return null;
  }
  const end = job.end_time ? Date.parse(job.end_time) : now;
  return Math.max(0, (end - start) / 1000);
}

export function tapJobView(job: IJob): IJobView {
  return {
    id: job.id,
    state: job.phase,
    level: uwsLevel(job.phase),
    stale: isStale(job.freshness),
    active: !job.final,
    error: job.error,
    errorService: job.service_url,
    reattach: reattachSnippet(
      'tap',
      job.id,
      job.label || job.query.slice(0, 60)
    )
  };
}

/**
 * A list of jobs from one route (data-lake staging, uploads, TAP jobs...): polled while someone looks at it
 * and some job in it is active, with backoff (Polled); `changed` tells the views. State and signals only,
 * no JSX.
 */
import { Polled } from './polled';

export interface IJobListOptions<J> {
  /** GET the list. */
  fetch: (signal: AbortSignal) => Promise<J[]>;
  /** What a poll can change in one job, as a string (a different list resets the backoff). */
  fingerprint: (job: J) => string;
  /** Whether a job still moves (none active: no polling until reload()). */
  active: (job: J) => boolean;
  /** Shortest and longest interval between polls, ms (default 1 s and 15 s). */
  min?: number;
  max?: number;
}

export class JobListModel<J extends { id: string }> extends Polled<J[]> {
  constructor(options: IJobListOptions<J>) {
    super({
      min: options.min ?? 1000,
      max: options.max ?? 15000,
      fetch: options.fetch,
      fingerprint: jobs =>
        jobs.map(j => `${j.id}:${options.fingerprint(j)}`).join(','),
      more: jobs => jobs.some(options.active)
    });
  }

  /** The jobs as last listed; null before the first answer. */
  get jobs(): J[] | null {
    return this.value;
  }
}

/**
 * The Activity model: every long-running job of every registered source in one list (TAP jobs, staging,
 * rules, uploads, Zooniverse uploads, cross-matches, and what other pillars register), asked from the
 * pillars' own routes while the Activity view is on screen, with backoff while nothing changes (Polled).
 * State and signals only, no JSX.
 */
import { TranslationBundle } from '@jupyterlab/translation';
import { Polled } from '../common/polled';
import { activitySources, IActivityJob, IActivitySource } from './registry';

/** Running jobs first, then the most recently started. */
export function activityOrder(a: IActivityJob, b: IActivityJob): number {
  if (a.view.active !== b.view.active) {
    return a.view.active ? -1 : 1;
  }
  return (b.startedAt ?? 0) - (a.startedAt ?? 0);
}

/** One poll's answer: the jobs of the sources that answered, and the failures of the others. */
export interface IActivitySnapshot {
  jobs: IActivityJob[];
  errors: [IActivitySource, unknown][];
}

/** Ask every source at once; one failing source does not hide the others' jobs. */
export async function askSources(
  sources: IActivitySource[],
  signal: AbortSignal,
  trans: TranslationBundle
): Promise<IActivitySnapshot> {
  const answers = await Promise.allSettled(
    sources.map(source => source.list(signal, trans))
  );
  const jobs: IActivityJob[] = [];
  const errors: [IActivitySource, unknown][] = [];
  answers.forEach((answer, i) => {
    if (answer.status === 'fulfilled') {
      jobs.push(...answer.value);
    } else {
      errors.push([sources[i], answer.reason]);
    }
  });
  jobs.sort(activityOrder);
  return { jobs, errors };
}

export class ActivityModel extends Polled<IActivitySnapshot> {
  /** `sources`: which sources to ask at each poll (default: the registered ones, read again each time). */
  constructor(
    trans: TranslationBundle,
    sources: () => IActivitySource[] = activitySources
  ) {
    super({
      min: 2000,
      max: 20000,
      fetch: signal => askSources(sources(), signal, trans),
      fingerprint: ({ jobs }) =>
        jobs
          .map(
            j =>
              `${j.id}|${j.view.state}|${j.view.progress}|${j.view.progressText}`
          )
          .join(','),
      // keeps polling (slowly) while on screen: jobs started from a notebook or another tab show up
      more: () => true
    });
  }

  /** Every job, ordered; null before the first answer. */
  get jobs(): IActivityJob[] | null {
    return this.value?.jobs ?? null;
  }

  /** The jobs the filter lets through; null before the first answer. */
  get shown(): IActivityJob[] | null {
    const { kind, runningOnly } = this;
    return (
      this.jobs?.filter(
        j => (!kind || j.kind === kind) && (!runningOnly || j.view.active)
      ) ?? null
    );
  }

  /** How many jobs are running, whatever the filter. */
  get running(): number {
    return (this.jobs ?? []).filter(j => j.view.active).length;
  }

  /** The kinds present, for the filter. */
  get kinds(): string[] {
    return [...new Set((this.jobs ?? []).map(j => j.kind))];
  }

  /** Show only this kind ('' for every kind). */
  get kind(): string {
    return this._kind;
  }

  setKind(kind: string): void {
    this._kind = kind;
    this.emitChanged();
  }

  get runningOnly(): boolean {
    return this._runningOnly;
  }

  setRunningOnly(runningOnly: boolean): void {
    this._runningOnly = runningOnly;
    this.emitChanged();
  }

  /** Sources whose route failed on the last poll, with the failure. */
  get errors(): [IActivitySource, unknown][] {
    return this.value?.errors ?? [];
  }

  /** Cancel through the job's own route, then ask again. */
  async cancel(job: IActivityJob): Promise<void> {
    if (job.cancel) {
      await job.cancel();
      this.reload();
    }
  }

  private _kind = '';
  private _runningOnly = false;
}

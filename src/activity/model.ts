/**
 * The Activity model: every long-running job of every pillar in one list (TAP jobs, staging, rules, uploads,
 * Zooniverse uploads, cross-matches), asked from the pillars' own routes while the Activity view is on
 * screen, with backoff while nothing changes. State and signals only, no JSX.
 */
import { TranslationBundle } from '@jupyterlab/translation';
import { IDisposable } from '@lumino/disposable';
import { ISignal, Signal } from '@lumino/signaling';
import { Poller } from '../common/poller';
import {
  IActivityJob,
  IActivitySource,
  stagingJobs,
  tapJobs,
  uploadJobs,
  zooniverseUploads
} from './sources';
import { XMatchJobs } from './xmatch';

/** Which pillar a source belongs to, for its error line. */
export type SourceName =
  'vo' | 'datalake' | 'uploads' | 'zooniverse' | 'xmatch';

export function defaultSources(): [SourceName, IActivitySource][] {
  return [
    ['vo', tapJobs],
    ['datalake', stagingJobs],
    ['uploads', uploadJobs],
    ['zooniverse', zooniverseUploads],
    ['xmatch', new XMatchJobs()]
  ];
}

/** Running jobs first, then the most recently started. */
export function activityOrder(a: IActivityJob, b: IActivityJob): number {
  if (a.view.active !== b.view.active) {
    return a.view.active ? -1 : 1;
  }
  return (b.startedAt ?? 0) - (a.startedAt ?? 0);
}

export class ActivityModel implements IDisposable {
  constructor(
    private _trans: TranslationBundle,
    private _sources = defaultSources()
  ) {
    this._poller = new Poller({
      min: 2000,
      max: 20000,
      // keeps polling (slowly) while on screen: jobs started from a notebook or another tab show up
      poll: async signal => ({ changed: await this._poll(signal), more: true })
    });
  }

  /** Every job, ordered; null before the first answer. */
  get jobs(): IActivityJob[] | null {
    return this._jobs;
  }

  /** Sources whose route failed on the last poll, with the failure. */
  get errors(): [SourceName, unknown][] {
    return this._errors;
  }

  get changed(): ISignal<this, void> {
    return this._changed;
  }

  get isDisposed(): boolean {
    return this._disposed;
  }

  setOnScreen(onScreen: boolean): void {
    if (onScreen) {
      this._poller.start();
    } else {
      this._poller.stop();
    }
  }

  reload(): void {
    this._poller.wake();
  }

  /** Cancel through the job's own route, then ask again. */
  async cancel(job: IActivityJob): Promise<void> {
    if (job.cancel) {
      await job.cancel();
      this.reload();
    }
  }

  dispose(): void {
    if (this._disposed) {
      return;
    }
    this._disposed = true;
    this._poller.dispose();
    Signal.clearData(this);
  }

  private async _poll(signal: AbortSignal): Promise<boolean> {
    const answers = await Promise.allSettled(
      this._sources.map(([, source]) => source.list(signal, this._trans))
    );
    if (signal.aborted) {
      return false;
    }
    const jobs: IActivityJob[] = [];
    const errors: [SourceName, unknown][] = [];
    answers.forEach((answer, i) => {
      if (answer.status === 'fulfilled') {
        jobs.push(...answer.value);
      } else {
        errors.push([this._sources[i][0], answer.reason]);
      }
    });
    jobs.sort(activityOrder);
    const fp = jobs
      .map(
        j => `${j.id}|${j.view.state}|${j.view.progress}|${j.view.progressText}`
      )
      .join(',');
    const changed = fp !== this._fingerprint;
    this._fingerprint = fp;
    this._jobs = jobs;
    this._errors = errors;
    this._changed.emit();
    return changed;
  }

  private _poller: Poller;
  private _jobs: IActivityJob[] | null = null;
  private _errors: [SourceName, unknown][] = [];
  private _fingerprint = '';
  private _disposed = false;
  private _changed = new Signal<this, void>(this);
}

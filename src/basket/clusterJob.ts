/**
 * One job on the cluster that the panel follows until it ends (a function run, a HATS write): start it, poll
 * `scale/jobs/<id>`, cancel it. State only (no JSX): the views draw `job` and `error`.
 */
import { ISignal, Signal } from '@lumino/signaling';
import { clusterAPI, IClusterJob } from './clusterApi';

const POLL_MS = 700;
const FINISHED = ['done', 'error', 'cancelled'];

export class ClusterJobModel {
  get changed(): ISignal<this, void> {
    return this._changed;
  }

  job: IClusterJob | null = null;
  /** The request was refused, or the job could not be read. */
  error: unknown = null;

  get running(): boolean {
    return this.job !== null && !FINISHED.includes(this.job.state);
  }

  /** Start a job with `start` and follow it until it ends; the finished job, or null when it did not start. */
  async run(start: () => Promise<IClusterJob>): Promise<IClusterJob | null> {
    this.error = null;
    this.job = null;
    this._changed.emit();
    try {
      this.job = await start();
    } catch (error) {
      this.error = error;
      this._changed.emit();
      return null;
    }
    this._changed.emit();
    while (this.job && !FINISHED.includes(this.job.state)) {
      await new Promise(resolve => setTimeout(resolve, POLL_MS));
      try {
        this.job = await clusterAPI.clusterJob(this.job.id);
      } catch (error) {
        this.error = error;
        break;
      }
      this._changed.emit();
    }
    this._changed.emit();
    return this.job;
  }

  async cancel(): Promise<void> {
    if (!this.job) {
      return;
    }
    this.job = await clusterAPI.cancelClusterJob(this.job.id);
    this._changed.emit();
  }

  setError(error: unknown): void {
    this.error = error;
    this._changed.emit();
  }

  private _changed = new Signal<this, void>(this);
}

/**
 * One job on the cluster that the panel follows until it ends (a function run, a HATS write): start it, poll
 * `scale/jobs/<id>`, cancel it. State only (no JSX): the views draw `job` and `error`.
 */
import { ISignal, Signal } from '@lumino/signaling';
import { clusterAPI, IClusterJob } from './clusterApi';
import { clusterJobRunning, followClusterJob } from './followClusterJob';

export class ClusterJobModel {
  get changed(): ISignal<this, void> {
    return this._changed;
  }

  job: IClusterJob | null = null;
  /** The request was refused, or the job could not be read. */
  error: unknown = null;

  get running(): boolean {
    return clusterJobRunning(this.job);
  }

  /** Start a job with `start` and follow it until it ends; the finished job, or null when it did not start. */
  async run(start: () => Promise<IClusterJob>): Promise<IClusterJob | null> {
    this.error = null;
    this.job = null;
    this._changed.emit();
    return followClusterJob(
      start,
      id => clusterAPI.clusterJob(id),
      (job, error) => {
        this.job = job ?? this.job;
        this.error = error;
        this._changed.emit();
      }
    );
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

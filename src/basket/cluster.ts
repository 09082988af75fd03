/**
 * The server's Dask cluster and the cross-match jobs running on it (routes `scale/cluster`, `scale/xmatch`):
 * the state the cross-match view's cluster controls and progress bar draw. The view keeps none of it.
 */
import { ISignal, Signal } from '@lumino/signaling';
import {
  clusterAPI,
  IClusterStatus,
  IJobRequest,
  IXMatchJob
} from './clusterApi';
import { clusterRequest, IClusterForm } from './clusterForm';
import { ClusterTasksModel } from './clusterTasks';
import { clusterJobRunning, followClusterJob } from './followClusterJob';

export type {
  IClusterInfo,
  IClusterStatus,
  IJobProgress,
  IJobRequest,
  IXMatchJob
} from './clusterApi';

export class ClusterModel {
  get changed(): ISignal<this, void> {
    return this._changed;
  }

  status: IClusterStatus | null = null;
  form: IClusterForm = {
    kind: 'local',
    address: '',
    gateway: '',
    workers: '',
    clusterName: ''
  };
  /** What the cluster is busy doing ("starting", "stopping"), or null. */
  busy: string | null = null;
  error: unknown = null;
  job: IXMatchJob | null = null;
  jobError: unknown = null;
  /** A function run and a HATS write on this cluster (their forms and jobs). */
  readonly tasks = new ClusterTasksModel();

  get jobRunning(): boolean {
    return clusterJobRunning(this.job);
  }

  setForm(changes: Partial<IClusterForm>): void {
    this.form = { ...this.form, ...changes };
    this._changed.emit();
  }

  async refresh(): Promise<void> {
    try {
      this.status = await clusterAPI.status();
      if (!this.form.gateway && this.status.defaults.gateway) {
        this.form = { ...this.form, gateway: this.status.defaults.gateway };
      }
      if (!this.form.address && this.status.defaults.address) {
        this.form = { ...this.form, address: this.status.defaults.address };
      }
    } catch (error) {
      this.error = error;
    }
    this._changed.emit();
  }

  async start(): Promise<void> {
    const body = clusterRequest(this.form);
    if (typeof body === 'string') {
      this.error = new Error(body);
      this._changed.emit();
      return;
    }
    await this._busy('starting', async () => {
      this.status = await clusterAPI.start(body);
    });
  }

  async stop(): Promise<void> {
    await this._busy('stopping', async () => {
      this.status = await clusterAPI.stop();
    });
  }

  /** Start a cross-match job and follow it until it ends; the finished job (or null when it could not start). */
  async runJob(request: IJobRequest): Promise<IXMatchJob | null> {
    this.jobError = null;
    const job = await followClusterJob(
      () => clusterAPI.startJob(request),
      id => clusterAPI.job(id),
      (current, error) => {
        this.job = current ?? this.job;
        this.jobError = error;
        this._changed.emit();
      }
    );
    if (job === null) {
      return null;
    }
    // the panel may have started the default cluster for this job
    void this.refresh();
    return this.job;
  }

  async cancel(): Promise<void> {
    if (!this.job) {
      return;
    }
    try {
      this.job = await clusterAPI.cancel(this.job.id);
    } catch (error) {
      this.jobError = error;
    }
    this._changed.emit();
  }

  private async _busy(label: string, work: () => Promise<void>) {
    this.busy = label;
    this.error = null;
    this._changed.emit();
    try {
      await work();
    } catch (error) {
      this.error = error;
    } finally {
      this.busy = null;
      this._changed.emit();
    }
  }

  private _changed = new Signal<this, void>(this);
}

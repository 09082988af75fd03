/**
 * The server's Dask cluster and the cross-match jobs running on it (routes `scale/cluster`, `scale/xmatch`):
 * the state the cross-match view's cluster controls and progress bar draw. The view keeps none of it.
 */
import { ISignal, Signal } from '@lumino/signaling';
import { requestAPI } from '../handler';
import type { IXMatchResult, XMatchRef } from './api';
import { ClusterKind, clusterRequest, IClusterForm } from './clusterForm';

export interface IClusterInfo {
  kind: ClusterKind;
  name: string;
  dashboard_link: string | null;
  scheduler?: string | null;
  workers: number;
  memory_limit_per_worker: number[] | null;
  /** Set when the cluster stopped answering. */
  lost?: string;
}

export interface IClusterStatus {
  cluster: IClusterInfo | null;
  machine: { cores: number; memory_total: number; memory_available: number };
  local_sizing: { n_workers: number; memory_limit: number };
  defaults: { gateway: string; address: string };
  running_jobs: string[];
}

export interface IJobProgress {
  done: number;
  total: number;
  errors: number;
  cancelled: boolean;
  elapsed_s: number;
  dashboard_link: string | null;
  cluster: string;
}

export interface IXMatchJob {
  id: string;
  state: 'starting' | 'running' | 'done' | 'error' | 'cancelled';
  progress: IJobProgress | null;
  engine_choice: { engine: string; reason: string } | null;
  result: IXMatchResult | null;
  error: { error: string; service: string | null } | null;
  elapsed_s: number;
}

export interface IJobRequest {
  left: XMatchRef;
  right: XMatchRef;
  radius_arcsec: number;
  find: string;
  engine?: string;
  table?: string;
}

const post = (body: unknown, method = 'POST'): RequestInit => ({
  method,
  body: JSON.stringify(body)
});

export const clusterAPI = {
  status: () => requestAPI<IClusterStatus>('scale/cluster'),
  start: (body: Record<string, unknown>) =>
    requestAPI<IClusterStatus>('scale/cluster', post(body)),
  stop: () => requestAPI<IClusterStatus>('scale/cluster', { method: 'DELETE' }),
  startJob: (body: IJobRequest) =>
    requestAPI<IXMatchJob>('scale/xmatch', post(body)),
  job: (id: string) =>
    requestAPI<IXMatchJob>(`scale/xmatch/${encodeURIComponent(id)}`),
  cancel: (id: string) =>
    requestAPI<IXMatchJob>(`scale/xmatch/${encodeURIComponent(id)}`, {
      method: 'DELETE'
    })
};

const POLL_MS = 700;
const FINISHED = ['done', 'error', 'cancelled'];

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

  get jobRunning(): boolean {
    return this.job !== null && !FINISHED.includes(this.job.state);
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
    try {
      this.job = await clusterAPI.startJob(request);
    } catch (error) {
      this.jobError = error;
      this._changed.emit();
      return null;
    }
    this._changed.emit();
    while (this.job && !FINISHED.includes(this.job.state)) {
      await new Promise(resolve => setTimeout(resolve, POLL_MS));
      try {
        this.job = await clusterAPI.job(this.job.id);
      } catch (error) {
        this.jobError = error;
        break;
      }
      this._changed.emit();
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

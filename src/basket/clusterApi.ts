/**
 * The routes of the server's Dask cluster and its jobs (`scale/cluster`, `scale/xmatch`, `scale/run`,
 * `scale/hats`, `scale/jobs`) and what they answer.
 */
import { requestAPI } from '../handler';
import type { IXMatchResult, XMatchRef } from './api';
import { ClusterKind } from './clusterForm';

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
  /** HATS writing: the stage running now, of `stages`. */
  stage?: string;
  stages?: string[];
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

/** A function run on the cluster (`scale/run`) or a HATS write (`scale/hats`): what the panel follows. */
export interface IClusterJob {
  id: string;
  kind: 'xmatch' | 'run' | 'hats';
  state: IXMatchJob['state'];
  progress: IJobProgress | null;
  result: Record<string, unknown> | null;
  error: { error: string; service: string | null } | null;
  elapsed_s: number;
}

export interface IRunRequest {
  inputs: XMatchRef[];
  module?: string;
  code?: string;
  function?: string;
  table?: string;
  partitions?: number;
}

export interface IHatsRequest {
  input: XMatchRef;
  name: string;
}

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
    }),
  runFunction: (body: IRunRequest) =>
    requestAPI<IClusterJob>('scale/run', post(body)),
  writeHats: (body: IHatsRequest) =>
    requestAPI<IClusterJob>('scale/hats', post(body)),
  clusterJob: (id: string) =>
    requestAPI<IClusterJob>(`scale/jobs/${encodeURIComponent(id)}`),
  cancelClusterJob: (id: string) =>
    requestAPI<IClusterJob>(`scale/jobs/${encodeURIComponent(id)}`, {
      method: 'DELETE'
    })
};

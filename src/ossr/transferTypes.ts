/** What the OSSR routes take and answer when files move: downloads, installs into a kernel, publishing. */
import { IRateLimit, IReport } from './types';

export interface IDownloadedFile {
  key: string;
  path: string;
  size: number;
  md5: string;
  status: string;
  verified: boolean;
}

export interface IDownloadReply {
  record_id: number;
  doi: string | null;
  directory: string;
  files: IDownloadedFile[];
  rate_limited: IRateLimit[];
}

export interface IKernelPython {
  name: string;
  display_name: string;
  python: string;
}

export interface IInstallPlan {
  plan_id: string;
  record_id: number;
  file: string;
  local_file: string;
  python: string;
  command: string[];
  env: Record<string, string>;
  command_line: string;
  setuptools_scm: boolean;
  notes: string[];
}

export type JobState =
  'starting' | 'running' | 'succeeded' | 'failed' | 'cancelled' | 'interrupted';

/** An install job as the list route answers it (no output). */
export interface IInstallSummary {
  job_id: string;
  kind: 'ossr-install';
  state: JobState;
  /** pip downloads and builds ("preparing"), then writes into the environment ("installing"). */
  phase: 'starting' | 'preparing' | 'installing' | 'ended';
  /** False once pip writes into the environment: a stop then would leave a half-installed package. */
  cancellable: boolean;
  returncode: number | null;
  record_id: number;
  file?: string;
  python?: string;
  command_line: string;
  /** Seconds since the epoch. */
  started: number | null;
  finished: number | null;
}

export interface IInstallJob extends IInstallSummary {
  output: string[];
  next: number;
}

export interface IGenerated {
  codemeta: Record<string, unknown>;
  sources: Record<string, string>;
  report: IReport;
}

export interface IPublishRequest {
  path: string;
  codemeta?: Record<string, unknown>;
  files?: string[];
  publish: boolean;
  sandbox: boolean;
  deposit_id?: number;
  upload_type: 'software' | 'dataset';
}

export interface IUploaded {
  key: string;
  size: number;
  md5: string;
  status: string;
}

export interface IPublishReply {
  deposit_id: number;
  state: 'draft' | 'published';
  doi: string | null;
  doi_reserved: boolean;
  html_url: string | null;
  record_url: string | null;
  uploaded: IUploaded[];
  remaining: string[];
  report: IReport;
  sandbox: boolean;
  rate_limited: IRateLimit[];
}

export interface IPublishJobFile {
  key: string;
  size: number;
  /** Bytes of it that went into the request so far. */
  sent: number;
  status: 'pending' | 'uploading' | 'uploaded' | 'already uploaded';
}

/** A publish the server runs as a job (`ossr/publish/jobs`): its step, files with bytes sent, the outcome. */
export interface IPublishJob {
  job_id: string;
  kind: 'ossr-publish';
  name: string;
  /** The folder, relative to the server root. */
  path: string;
  service: string;
  state:
    | 'pending'
    | 'preparing'
    | 'uploading'
    | 'publishing'
    | 'done'
    | 'failed'
    | 'cancelled'
    | 'interrupted';
  stage:
    'preparing' | 'deposit' | 'metadata' | 'uploading' | 'publishing' | null;
  /** The files the user chose (null: a release zip of the folder). */
  chosen: string[] | null;
  publish: boolean;
  sandbox: boolean;
  deposit_id: number | null;
  html_url: string | null;
  files: IPublishJobFile[];
  current: string | null;
  bytes_total: number;
  bytes_done: number;
  uploaded: string[];
  remaining: string[];
  resumable: boolean;
  result: IPublishReply | null;
  error: (IPublishFailure & { error: string; service: string | null }) | null;
  /** Seconds since the epoch. */
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
  cancel_requested?: boolean;
}

/** A publish that failed after the deposition existed: what is there and what remains. */
export interface IPublishFailure {
  state?: string;
  deposit_id?: number;
  uploaded?: IUploaded[];
  remaining?: string[];
  html_url?: string | null;
  resume_hint?: string;
  detail?: string;
}

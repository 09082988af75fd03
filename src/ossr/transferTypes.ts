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
  'starting' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface IInstallJob {
  job_id: string;
  state: JobState;
  returncode: number | null;
  record_id: number;
  command_line: string;
  started: string | null;
  finished: string | null;
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

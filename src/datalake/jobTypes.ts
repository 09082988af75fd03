/** What the data lake routes answer about work: staging and upload jobs, notebook code, VO coverage. */
import type { IFreshness } from '../common/freshness';
import type { IRule } from './catalogueTypes';

export type JobState =
  'queued' | 'running' | 'done' | 'failed' | 'cancelled' | 'interrupted';
export const ACTIVE_STATES: JobState[] = ['queued', 'running'];

export interface ILogEntry {
  t: number;
  message: string;
}

export interface IStageFile {
  did: string;
  name: string;
  bytes: number | null;
  adler32?: string | null;
  path: string | null;
  /** `path` relative to the server root (for the file browser); null when outside it (an RSE mount). */
  relpath?: string | null;
  state: string;
  done_bytes?: number;
  how?: string | null;
  error?: string | null;
  pfn?: string | null;
  source?: string | null;
}

export interface IStageJob {
  id: string;
  kind: 'stage';
  mode: 'download' | 'replica';
  instance: string;
  did: string;
  state: JobState;
  created_at: number;
  started_at?: number;
  finished_at?: number;
  bytes_total: number | null;
  bytes_done: number;
  files_total: number;
  files_done: number;
  progress: number;
  error: string | null;
  resumable: boolean;
  joined?: number;
  /** Absolute folder on the server the files went to (download mode). */
  path?: string;
  /** `path` relative to the server root; null when outside it. */
  relpath?: string | null;
  rule_id?: string;
  rule?: IRule;
  /** Whether the state is confirmed by Rucio/the storage right now (see src/common/freshness.tsx). */
  freshness?: IFreshness;
  /** Only in the full view (GET stage/<id>). */
  files?: IStageFile[];
  log?: ILogEntry[];
}

export interface IChecksums {
  bytes: number | null;
  adler32: string | null;
  md5?: string | null;
}

export interface IUploadJob {
  id: string;
  kind: 'upload';
  instance: string;
  did: string;
  /** Absolute path of the local file on the server. */
  path: string;
  rse: string;
  dataset: string | null;
  metadata: Record<string, unknown>;
  lifetime: number | null;
  state: JobState;
  created_at: number;
  started_at?: number;
  finished_at?: number;
  bytes_total: number | null;
  bytes_done: number;
  progress: number;
  error: string | null;
  /** Cancelled, failed or interrupted: resume runs it again (steps already done are kept). */
  resumable?: boolean;
  checksums?: { local?: IChecksums; storage?: IChecksums; rucio?: IChecksums };
  verified?: boolean;
  pfn?: string;
  /** Where the bytes go until complete (then moved to `pfn`). */
  temp_pfn?: string;
  /** Files an attempt left on the storage: removed by resume or the clean up action. */
  leftovers?: IUploadLeftover[];
  freshness?: IFreshness;
  log?: ILogEntry[];
}

export interface IUploadLeftover {
  pfn: string;
  why: string;
  since: number;
}

export interface IUploadRequest {
  instance: string;
  /** Relative to the server root. */
  path: string;
  rse: string;
  scope: string;
  name?: string;
  dataset?: string;
  metadata?: Record<string, string | number | boolean>;
  /** Seconds; left out for no expiry. */
  lifetime?: number;
}

export interface ICodeReply {
  did: string;
  instance: string;
  staged: boolean;
  paths: string[];
  mode: 'download' | 'replica' | null;
  python: string;
}

/** A registry record covering the DID (the fields the coverage view shows; jupyter_escape/vo/registry.py). */
export interface ICoveringResource {
  ivoid: string;
  title: string | null;
  publisher: string | null;
  waveband: string[];
  capabilities: { service: string | null; standard_id: string | null }[];
}

/** The answer of datalake/coverage: the DID's MOC, what it was built from, and the registry records. */
export interface ICoverageReply {
  did: string;
  instance: string;
  coverage: {
    moc: string;
    max_order: number;
    area_deg2: number;
    cone: { ra: number; dec: number; radius: number };
    basis: string[];
  };
  resources: ICoveringResource[];
  has_more: boolean;
  adql: string;
  registry_url: string;
  python: string;
}

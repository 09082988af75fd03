/**
 * Typed calls of the data lake routes (jupyter_escape/handlers/datalake.py, described in docs/api/datalake.md).
 * Every call takes an optional AbortSignal: a newer search replaces an older one, a closed view stops waiting.
 */
import { requestAPI } from '../handler';
import type { AuthState } from '../tokens';
import type { IFreshness } from '../common/freshness';

export type DIDType = 'CONTAINER' | 'DATASET' | 'FILE' | string;
export type SearchType =
  'all' | 'collection' | 'container' | 'dataset' | 'file';

/** A configured instance as the server shows it (secret keys removed). */
export interface IInstance {
  name: string;
  display_name?: string;
  rucio_base_url?: string;
  auth_url?: string;
  auth_type: string;
  account?: string;
  vo?: string;
  destination_rse?: string;
  rse_mount_path?: string;
  [key: string]: unknown;
}

export interface IInstancesReply {
  instances: IInstance[];
  workspace_dir: string;
}

export interface IAuthReply {
  instance: string;
  auth_type: string;
  state: AuthState;
  message: string;
}

export interface IDIDRow {
  did: string;
  scope: string;
  name: string;
  type: DIDType;
  bytes: number | null;
  length: number | null;
  adler32: string | null;
  md5: string | null;
}

export type FilterOp = '=' | '!=' | '>' | '>=' | '<' | '<=';
export const FILTER_OPS: FilterOp[] = ['=', '!=', '>', '>=', '<', '<='];

export interface IFilter {
  key: string;
  op: FilterOp;
  value: string;
}

export interface ISearchQuery {
  scope: string;
  pattern?: string;
  type?: SearchType;
  filters?: IFilter[];
  offset?: number;
  limit?: number;
}

export interface ISearchReply {
  scope: string;
  items: IDIDRow[];
  offset: number;
  limit: number;
  has_more: boolean;
}

export interface IContentsReply {
  did: string;
  type: DIDType;
  /** Number of direct children (the DID's length); null when Rucio does not know it. */
  total: number | null;
  items: IDIDRow[];
  offset: number;
  limit: number;
  has_more: boolean;
}

export interface IRule {
  id: string;
  account: string;
  rse_expression: string;
  state: string;
  copies: number;
  expires_at: string | null;
  created_at: string | null;
  error: string | null;
  locks: { ok: number; replicating: number; stuck: number };
  did: string | null;
}

/** File replicas: per RSE with PFNs; dataset replicas: per RSE with availability counts. */
export interface IReplica {
  rse: string;
  state: string;
  pfns?: string[];
  available_files?: number | null;
  files?: number | null;
  available_bytes?: number | null;
  bytes?: number | null;
}

export interface IDetails {
  did: string;
  scope: string;
  name: string;
  type: DIDType;
  bytes: number | null;
  length: number | null;
  open: boolean | null;
  adler32: string | null;
  md5: string | null;
  metadata: Record<string, unknown>;
  system: Record<string, unknown>;
  rules: IRule[];
  replicas: IReplica[];
}

export interface IRSE {
  rse: string;
  id: string;
  type: string | null;
  deterministic: boolean | null;
  volatile: boolean | null;
  availability_read: boolean | null;
  availability_write: boolean | null;
}

export interface IUsage {
  account: string;
  rses: {
    rse: string;
    bytes: number | null;
    files: number | null;
    bytes_limit: number | null;
    bytes_remaining: number | null;
  }[];
}

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

const get = <T>(
  endpoint: string,
  params: Record<string, string | number | boolean>,
  signal?: AbortSignal
) => requestAPI<T>(endpoint, { params, signal });

const post = <T>(endpoint: string, body: unknown, signal?: AbortSignal) =>
  requestAPI<T>(endpoint, {
    method: 'POST',
    body: JSON.stringify(body ?? {}),
    signal
  });

export const datalakeAPI = {
  instances: (signal?: AbortSignal) =>
    get<IInstancesReply>('datalake/instances', {}, signal),
  auth: (instance: string, signal?: AbortSignal) =>
    get<IAuthReply>('datalake/auth', { instance }, signal),
  scopes: (instance: string, signal?: AbortSignal) =>
    get<{ scopes: string[]; default_scope?: string | null }>(
      'datalake/scopes',
      { instance },
      signal
    ),
  search: (instance: string, query: ISearchQuery, signal?: AbortSignal) => {
    const params: Record<string, string | number> = {
      instance,
      scope: query.scope,
      pattern: query.pattern || '*',
      type: query.type ?? 'collection',
      offset: query.offset ?? 0,
      limit: query.limit ?? 50
    };
    const filters = (query.filters ?? []).filter(f => f.key.trim());
    if (filters.length > 0) {
      params.filters = JSON.stringify(
        filters.map(f => ({ key: f.key.trim(), op: f.op, value: f.value }))
      );
    }
    // Rucio's metadata search answers without DID types; a one-type search tells what they are.
    const single: Record<string, DIDType> = {
      container: 'CONTAINER',
      dataset: 'DATASET',
      file: 'FILE'
    };
    const known = single[params.type as string];
    return get<ISearchReply>('datalake/search', params, signal).then(reply =>
      known
        ? {
            ...reply,
            items: reply.items.map(i => (i.type ? i : { ...i, type: known }))
          }
        : reply
    );
  },
  contents: (
    instance: string,
    did: string,
    offset: number,
    limit: number,
    signal?: AbortSignal
  ) =>
    get<IContentsReply>(
      'datalake/contents',
      { instance, did, offset, limit },
      signal
    ),
  details: (instance: string, did: string, signal?: AbortSignal) =>
    get<IDetails>('datalake/did', { instance, did }, signal),
  rses: (instance: string, signal?: AbortSignal) =>
    get<{ rses: IRSE[] }>('datalake/rses', { instance }, signal),
  usage: (instance: string, signal?: AbortSignal) =>
    get<IUsage>('datalake/usage', { instance }, signal),
  code: (instance: string, did: string, signal?: AbortSignal) =>
    get<ICodeReply>('datalake/code', { instance, did }, signal),
  coverage: (
    instance: string,
    did: string,
    servicetype: string,
    signal?: AbortSignal
  ) =>
    get<ICoverageReply>(
      'datalake/coverage',
      { instance, did, servicetype },
      signal
    ),

  stageJobs: (signal?: AbortSignal) =>
    get<{ jobs: IStageJob[] }>('datalake/stage', {}, signal),
  stage: (instance: string, did: string, mode: 'download' | 'replica') =>
    post<IStageJob>('datalake/stage', { instance, did, mode }),
  stageJob: (id: string, signal?: AbortSignal) =>
    get<IStageJob>(`datalake/stage/${encodeURIComponent(id)}`, {}, signal),
  cancelStage: (id: string) =>
    post<IStageJob>(`datalake/stage/${encodeURIComponent(id)}/cancel`, {}),
  resumeStage: (id: string) =>
    post<IStageJob>(`datalake/stage/${encodeURIComponent(id)}/resume`, {}),
  removeStage: (id: string) =>
    requestAPI<{ removed: string }>(
      `datalake/stage/${encodeURIComponent(id)}`,
      { method: 'DELETE' }
    ),

  uploadJobs: (signal?: AbortSignal) =>
    get<{ jobs: IUploadJob[] }>('datalake/uploads', {}, signal),
  upload: (request: IUploadRequest) =>
    post<IUploadJob>('datalake/uploads', request),
  uploadJob: (id: string, signal?: AbortSignal) =>
    get<IUploadJob>(`datalake/uploads/${encodeURIComponent(id)}`, {}, signal),
  cancelUpload: (id: string) =>
    post<IUploadJob>(`datalake/uploads/${encodeURIComponent(id)}/cancel`, {}),
  resumeUpload: (id: string) =>
    post<IUploadJob>(`datalake/uploads/${encodeURIComponent(id)}/resume`, {}),
  cleanupUpload: (id: string) =>
    post<IUploadJob>(`datalake/uploads/${encodeURIComponent(id)}/cleanup`, {})
};

export function isActive(job: { state: string }): boolean {
  return (ACTIVE_STATES as string[]).includes(job.state);
}

/** 'scope:name' -> [scope, name] (the server validates; this only splits). */
export function splitDID(did: string): [string, string] {
  const at = did.indexOf(':');
  return at < 0 ? ['', did] : [did.slice(0, at), did.slice(at + 1)];
}

/**
 * RSEs a plain user account may upload to under Rucio's generic permission policy (names ending in USERDISK,
 * SCRATCHDISK or LOCALGROUPDISK; other RSEs need the admin attribute). Listed first in the upload form.
 */
export function userWritable(rse: string): boolean {
  return /(USERDISK|SCRATCHDISK|LOCALGROUPDISK|MOCK)$/.test(rse);
}

/** Metadata values as Rucio stores them: numbers and booleans typed, the rest strings. */
export function typedValue(text: string): string | number | boolean {
  const t = text.trim();
  if (t === 'true' || t === 'false') {
    return t === 'true';
  }
  if (/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(t)) {
    return Number(t);
  }
  return t;
}

/** A fingerprint of what a poll can change, to tell "moved" from "same as before" (drives the backoff). */
export function jobFingerprint(job: {
  state: string;
  bytes_done?: number;
  files_done?: number;
  log?: unknown[];
  rule?: { state?: string; locks?: { ok: number } };
  freshness?: IFreshness;
  leftovers?: unknown[];
}): string {
  return [
    job.state,
    job.bytes_done ?? 0,
    job.files_done ?? 0,
    job.log?.length ?? 0,
    job.rule?.state ?? '',
    job.rule?.locks?.ok ?? '',
    job.freshness?.unreachable_since ?? '',
    job.leftovers?.length ?? 0
  ].join('|');
}

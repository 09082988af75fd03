/**
 * Typed calls of the data lake routes (jupyter_escape/handlers/datalake.py, described in docs/api/datalake.md).
 * Every call takes an optional AbortSignal: a newer search replaces an older one, a closed view stops waiting.
 */
import { requestAPI } from '../handler';
import type {
  DIDType,
  IAuthReply,
  IContentsReply,
  IDetails,
  IInstancesReply,
  IRSE,
  ISearchQuery,
  ISearchReply,
  IUsage
} from './catalogueTypes';
import type {
  ICodeReply,
  ICoverageReply,
  IStageJob,
  IUploadJob,
  IUploadRequest
} from './jobTypes';

export * from './catalogueTypes';
export * from './jobTypes';
export * from './values';

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

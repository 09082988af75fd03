/**
 * Typed calls of the VO routes (jupyter_escape/handlers/vo.py). JSON routes go through `requestAPI`; routes
 * answering Arrow IPC go through `requestArrow` (src/grid/fetchArrow.ts).
 */
import { requestAPI } from '../handler';
import type {
  IConfiguredService,
  IDatalinkAnswer,
  IExample,
  IJob,
  IProvenance,
  IRegistryPage,
  IRegistryQuery,
  IResource,
  ITableInfo,
  ITapCapabilities
} from './types';

export type {
  ServiceKind,
  IInterface,
  ICapability,
  IResource,
  IRegistryQuery,
  IRegistryPage,
  IConfiguredService,
  ITapCapabilities,
  IColumnInfo,
  ITableInfo,
  IExample,
  JobPhase,
  IJob,
  IResultInfo,
  IResultWarning,
  IServiceOutcome,
  IDatalinkRow,
  IDatalinkAnswer,
  IProvenance
} from './types';

const json = (body: unknown): RequestInit => ({
  method: 'POST',
  body: JSON.stringify(body)
});

export const voAPI = {
  searchRegistry: (q: IRegistryQuery, signal?: AbortSignal) =>
    requestAPI<IRegistryPage>('vo/registry/search', { ...json(q), signal }),
  services: () =>
    requestAPI<{ registry_url: string; services: IConfiguredService[] }>(
      'vo/services'
    ),
  capabilities: (url: string, signal?: AbortSignal) =>
    requestAPI<ITapCapabilities>('vo/tap/capabilities', {
      params: { url },
      signal
    }),
  tables: (url: string, signal?: AbortSignal) =>
    requestAPI<{ tables: ITableInfo[] }>('vo/tap/tables', {
      params: { url },
      signal
    }),
  table: (url: string, name: string, signal?: AbortSignal) =>
    requestAPI<ITableInfo>('vo/tap/table', { params: { url, name }, signal }),
  examples: (url: string, signal?: AbortSignal) =>
    requestAPI<{ examples: IExample[] }>('vo/tap/examples', {
      params: { url },
      signal
    }),
  jobs: (url?: string, refresh = true) =>
    requestAPI<{ jobs: IJob[] }>('vo/tap/jobs', {
      params: { ...(url ? { url } : {}), refresh: refresh ? '1' : '0' }
    }),
  submit: (body: {
    url: string;
    query: string;
    maxrec?: number | null;
    label?: string;
  }) => requestAPI<IJob>('vo/tap/jobs', json(body)),
  job: (id: string) =>
    requestAPI<IJob>(`vo/tap/jobs/${encodeURIComponent(id)}`),
  abortJob: (id: string) =>
    requestAPI<IJob>(`vo/tap/jobs/${encodeURIComponent(id)}/abort`, {
      method: 'POST'
    }),
  deleteJob: (id: string) =>
    requestAPI<{ deleted: string; remote_error: unknown }>(
      `vo/tap/jobs/${encodeURIComponent(id)}`,
      { method: 'DELETE' }
    ),
  exportResult: (
    id: string,
    body: { format: string; path?: string; overwrite?: boolean }
  ) =>
    requestAPI<{ path: string; bytes?: number; rows?: number }>(
      `vo/results/${encodeURIComponent(id)}/export`,
      json(body)
    ),
  resultCode: (id: string) =>
    requestAPI<{ language: string; code: string }>(
      `vo/results/${encodeURIComponent(id)}/code`
    ),
  code: (p: IProvenance) =>
    requestAPI<{ language: string; code: string }>('vo/code', json(p)),
  datalink: (body: { result_id?: string; row?: number; url?: string }) =>
    requestAPI<IDatalinkAnswer>('vo/datalink', json(body)),
  datalinkFetch: (body: {
    access_url?: string;
    service?: Record<string, unknown>;
    id?: string;
    folder?: string;
  }) =>
    requestAPI<{ path: string; url: string; bytes?: number }>(
      'vo/datalink/fetch',
      json(body)
    )
};

/**
 * The access URL of a resource's capability of `kind` (standard interface first). Data collections carry
 * their service as an auxiliary capability (e.g. `tap#aux`): used when there is no proper one.
 */
export function accessURL(resource: IResource, kind: string): string | null {
  for (const auxiliary of [false, true]) {
    for (const cap of resource.capabilities) {
      if (cap.service === kind && cap.auxiliary === auxiliary) {
        const std =
          cap.interfaces.find(i => i.role === 'std') ?? cap.interfaces[0];
        if (std) {
          return std.access_url;
        }
      }
    }
  }
  return null;
}

/** The service kinds a resource offers (tap, scs, sia, sia2, ssa), without duplicates. */
export function serviceKinds(resource: IResource): string[] {
  const kinds = new Set<string>();
  for (const cap of resource.capabilities) {
    if (cap.service && cap.service !== 'web' && cap.interfaces.length) {
      kinds.add(cap.service);
    }
  }
  return [...kinds];
}

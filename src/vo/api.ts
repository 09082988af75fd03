/**
 * Typed calls of the VO routes (jupyter_escape/handlers/vo.py). JSON routes go through `requestAPI`; routes
 * answering Arrow IPC go through `requestArrow` (src/grid/fetchArrow.ts).
 */
import { requestAPI } from '../handler';
import type { IFreshness } from '../common/freshness';

export type ServiceKind = 'tap' | 'scs' | 'sia' | 'sia2' | 'ssa';

export interface IInterface {
  access_url: string;
  type: string | null;
  role: string | null;
}

export interface ICapability {
  standard_id: string | null;
  service: string | null;
  auxiliary: boolean;
  interfaces: IInterface[];
}

export interface IResource {
  ivoid: string;
  title: string | null;
  short_name: string | null;
  type: string | null;
  publisher: string | null;
  description: string;
  description_html: string;
  waveband: string[];
  content_level: string[];
  content_type: string[];
  reference_url: string | null;
  creators: string[];
  source: string | null;
  updated: string | null;
  capabilities: ICapability[];
  coverage: {
    temporal: [number, number][];
    spectral: [number, number][];
    spatial: boolean;
  };
}

export interface IRegistryQuery {
  keywords?: string;
  servicetype?: string;
  waveband?: string[];
  datamodel?: string;
  cone?: { ra: number; dec: number; radius: number };
  temporal?: { start: number; end: number };
  include_auxiliary?: boolean;
  sort?: 'title' | 'ivoid' | 'short_name' | 'updated';
  limit?: number;
  offset?: number;
}

export interface IRegistryPage {
  resources: IResource[];
  has_more: boolean;
  offset: number;
  limit: number;
  adql: string;
  registry_url: string;
  code: string;
}

export interface IConfiguredService {
  name: string;
  url: string;
  kind: string;
}

export interface ITapCapabilities {
  capabilities: { standard_id: string | null; access_urls: string[] }[];
  languages: { name: string; versions: string[] }[];
  output_formats: { mime: string; aliases: string[] }[];
  upload_methods: string[];
  limits: Record<
    string,
    Record<string, { value: string; unit: string | null }>
  >;
}

export interface IColumnInfo {
  name: string;
  description: string;
  unit: string | null;
  ucd: string | null;
  utype: string | null;
  datatype: string | null;
  arraysize: string | null;
  xtype: string | null;
  flags: string[];
}

export interface ITableInfo {
  name: string;
  schema: string | null;
  title: string;
  description: string;
  type: string;
  nrows: string | null;
  columns?: IColumnInfo[];
}

export interface IExample {
  id: string | null;
  name: string;
  query: string;
  description: string;
}

/** UWS phases; HELD and SUSPENDED are real phases a service may report. */
export type JobPhase =
  | 'PENDING'
  | 'QUEUED'
  | 'EXECUTING'
  | 'COMPLETED'
  | 'ERROR'
  | 'ABORTED'
  | 'UNKNOWN'
  | 'HELD'
  | 'SUSPENDED'
  | 'ARCHIVED';

export interface IJob {
  id: string;
  url: string;
  service_url: string;
  query: string;
  label: string | null;
  added: number;
  phase: JobPhase;
  final: boolean;
  job_id: string | null;
  error: string | null;
  creation_time: string | null;
  start_time: string | null;
  end_time: string | null;
  destruction: string | null;
  execution_duration: string | null;
  results: { id: string; href: string }[];
  checked: number;
  maxrec?: number | null;
  /** Whether `phase` is confirmed by the service right now (see src/common/freshness.tsx). */
  freshness?: IFreshness;
}

/** The summary of a result (header `X-Escape-Result-Info`, or `GET vo/results/<id>`). */
export interface IResultInfo {
  id: string;
  rows: number;
  columns: number;
  overflow: boolean;
  query_status: string | null;
  infos: { name: string; value: string; text?: string }[];
  /** QUERY_STATUS=ERROR after rows: the rows are kept and this message shown with them. */
  error?: string | null;
  /** Cells that were not a valid value of their column and are shown empty, per column; short tables. */
  warnings?: IResultWarning[];
}

export interface IResultWarning {
  table?: string | null;
  column?: string;
  count: number;
  row?: number | null;
  example?: string;
  problem: string;
}

export interface IServiceOutcome {
  kind: string;
  url: string;
  label: string | null;
  ok: boolean;
  seconds: number;
  rows?: number;
  overflow?: boolean;
  error?: { error: string; service: string | null };
  result_id?: string;
}

export interface IDatalinkRow {
  id: string | null;
  access_url: string | null;
  service_def: string | null;
  error_message: string | null;
  semantics: string | null;
  description: string | null;
  content_type: string | null;
  content_length: number | null;
  local_semantics: string | null;
}

export interface IDatalinkAnswer {
  links: IDatalinkRow[];
  services: Record<string, any>;
  overflow: boolean;
  url: string;
}

/** Where a query came from: enough to re-run it, or to write its code. */
export interface IProvenance {
  kind: ServiceKind | 'registry';
  url: string;
  query?: string;
  maxrec?: number | null;
  params?: Record<string, unknown>;
  mode?: 'sync' | 'async';
}

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
    requestAPI<{ deleted: string; remote_error: any }>(
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
    service?: Record<string, any>;
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

/** The JSON shapes of the VO routes (jupyter_escape/handlers/vo.py), as the server sends them. */
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
  /** DataLink service descriptors by id: their parameters, passed back as they are to fetch through one. */
  services: Record<string, Record<string, unknown>>;
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

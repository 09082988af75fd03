/**
 * Typed calls of the software repository (OSSR) routes (jupyter_escape/handlers/ossr.py, docs/api/ossr.md).
 * Everything goes through `requestAPI`, except publishing, whose failure body (deposit id, files uploaded and
 * remaining) the UI needs to offer a resume: `publish` keeps that body on the error.
 */
import { ServerConnection } from '@jupyterlab/services';
import {
  apiURL,
  EscapeAPIError,
  FRONTEND_VERSION_HEADER,
  requestAPI
} from '../handler';
import { FRONTEND_VERSION } from '../version';

export type Level = 'ok' | 'warn' | 'error';

export interface IRule {
  rule: string;
  term: string | null;
  level: Level;
  message: string;
}

export interface IReport {
  compliant: boolean;
  errors: number;
  warnings: number;
  rules: IRule[];
}

export interface IRateLimit {
  url: string;
  retry_after: number;
  attempt: number;
}

export interface IConfig {
  configured: boolean;
  name?: string;
  display_name?: string;
  base_url?: string;
  community?: string;
  sandbox_url?: string;
  sandbox_available: boolean;
  can_publish?: boolean;
}

export interface IHit {
  id: number;
  conceptrecid: number | null;
  doi: string | null;
  title: string;
  version: string | null;
  publication_date: string | null;
  type: string | null;
  license: string | null;
  keywords: string[];
  creators: string[];
  summary: string;
  files: number;
  has_codemeta: boolean;
  binder_url: string | null;
  html_url: string | null;
  is_latest: boolean;
}

export interface IFacet {
  key: string;
  count: number;
}

export interface ISearchReply {
  total: number;
  page: number;
  size: number;
  has_next: boolean;
  sort: string;
  community: string;
  hits: IHit[];
  facets: Record<string, IFacet[]>;
  rate_limited: IRateLimit[];
}

export interface ISearchQuery {
  q?: string;
  type?: string;
  keywords?: string;
  facility?: string;
  license?: string;
  language?: string;
  sort?: string;
  size?: number;
  page?: number;
  all_versions?: boolean;
}

export interface IAuthor {
  name: string;
  family: string | null;
  given: string | null;
  orcid: string | null;
  orcid_url: string | null;
  affiliation: string | null;
}

export interface IFile {
  key: string;
  size: number;
  checksum: string | null;
  md5: string | null;
  url: string | null;
}

export interface IVersion {
  id: number;
  version: string | null;
  publication_date: string | null;
  doi: string | null;
  is_latest: boolean;
  index: number | null;
}

export interface ICodemetaView {
  present: boolean;
  codemeta: Record<string, unknown> | null;
  report: IReport | null;
}

/** `GET ossr/records/<id>`: a search hit's fields, with files listed and the licence as an object. */
export interface IRecordView extends Omit<IHit, 'files' | 'license'> {
  requested_id: number | string;
  concept_doi: string | null;
  description_html: string;
  authors: IAuthor[];
  license: { id: string | null; url: string | null } | string | null;
  code_repository: string | null;
  requirements: string[];
  programming_language: string | string[] | null;
  files: IFile[];
  versions: IVersion[];
  latest_id: number | null;
  version_count: number | null;
  doi_url: string | null;
  communities: string[];
  related: {
    identifier: string;
    relation: string;
    resource_type: string | null;
    scheme: string | null;
  }[];
  codemeta: ICodemetaView;
  notice?: string;
  rate_limited?: IRateLimit[];
}

export type CiteFormat = 'bibtex' | 'cff' | 'datacite';

export interface ICitation {
  format: CiteFormat;
  mime: string;
  filename: string;
  text: string;
}

export interface ISnippet {
  id: string;
  title: string;
  language: string;
  code: string;
}

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

/** An `EscapeAPIError` that keeps the server's JSON body (publish failures carry what to resume). */
export class OSSRPublishError extends EscapeAPIError {
  readonly body: IPublishFailure;
  constructor(
    options: ConstructorParameters<typeof EscapeAPIError>[0],
    body: IPublishFailure
  ) {
    super(options);
    this.body = body;
  }
}

const get = <T>(
  endpoint: string,
  params?: Record<string, string | number | boolean>
) => requestAPI<T>(endpoint, { params });

const post = <T>(endpoint: string, body: unknown) =>
  requestAPI<T>(endpoint, { method: 'POST', body: JSON.stringify(body) });

function searchParams(
  query: ISearchQuery
): Record<string, string | number | boolean> {
  const params: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === '' || value === false) {
      continue;
    }
    params[key] = value === true ? 1 : value;
  }
  return params;
}

export const ossrAPI = {
  config: () => get<IConfig>('ossr/config'),
  search: (query: ISearchQuery) =>
    get<ISearchReply>('ossr/search', searchParams(query)),
  record: (id: number | string) =>
    get<IRecordView>(`ossr/records/${encodeURIComponent(String(id))}`),
  codemeta: (id: number | string) =>
    get<ICodemetaView & { record_id: number }>(
      `ossr/records/${encodeURIComponent(String(id))}/codemeta`
    ),
  cite: (id: number | string, format: CiteFormat) =>
    get<ICitation>(`ossr/records/${encodeURIComponent(String(id))}/cite`, {
      format
    }),
  snippets: (id: number | string) =>
    get<{ record_id: number; snippets: ISnippet[] }>(
      `ossr/records/${encodeURIComponent(String(id))}/snippets`
    ),
  download: (id: number | string, files?: string[], dest?: string) =>
    post<IDownloadReply>(
      `ossr/records/${encodeURIComponent(String(id))}/download`,
      {
        ...(files ? { files } : {}),
        ...(dest ? { dest } : {})
      }
    ),
  kernels: () => get<{ kernels: IKernelPython[] }>('ossr/kernels'),
  installPlan: (
    id: number | string,
    python: string,
    file?: string,
    pipArgs: string[] = []
  ) =>
    post<IInstallPlan>(
      `ossr/records/${encodeURIComponent(String(id))}/install-plan`,
      {
        python,
        ...(file ? { file } : {}),
        ...(pipArgs.length ? { pip_args: pipArgs } : {})
      }
    ),
  install: (planId: string) =>
    post<IInstallJob>('ossr/install', { plan_id: planId }),
  installJob: (jobId: string, since: number) =>
    get<IInstallJob>(`ossr/install/${encodeURIComponent(jobId)}`, { since }),
  cancelInstall: (jobId: string) =>
    requestAPI<IInstallJob>(`ossr/install/${encodeURIComponent(jobId)}`, {
      method: 'DELETE'
    }),
  generate: (path: string) =>
    post<IGenerated>('ossr/codemeta/generate', { path }),
  validate: (codemeta: Record<string, unknown>) =>
    post<IReport>('ossr/codemeta/validate', { codemeta }),
  validatePath: (path: string) =>
    post<IReport & { codemeta: Record<string, unknown> | null }>(
      'ossr/codemeta/validate',
      {
        path
      }
    ),
  publish
};

/** `POST ossr/publish`, keeping the failure body (deposit id, uploaded, remaining) on the error. */
async function publish(request: IPublishRequest): Promise<IPublishReply> {
  const settings = ServerConnection.makeSettings();
  const url = apiURL('ossr/publish', settings);
  let response: Response;
  try {
    response = await ServerConnection.makeRequest(
      url,
      {
        method: 'POST',
        body: JSON.stringify(request),
        headers: {
          'Content-Type': 'application/json',
          [FRONTEND_VERSION_HEADER]: FRONTEND_VERSION
        }
      },
      settings
    );
  } catch (error) {
    throw new EscapeAPIError({
      message: `Could not reach the Jupyter server: ${(error as Error).message ?? String(error)}`,
      status: 0,
      url
    });
  }
  let body: any = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!response.ok) {
    throw new OSSRPublishError(
      {
        message:
          (body && typeof body.error === 'string' && body.error) ||
          `${response.status} ${response.statusText || 'error'}`,
        status: response.status,
        service: body && typeof body.service === 'string' ? body.service : null,
        url
      },
      body ?? {}
    );
  }
  return body as IPublishReply;
}

/** Is the research basket there (its routes answer)? Asked once. */
let basketProbe: Promise<boolean> | null = null;
export function basketAvailable(): Promise<boolean> {
  basketProbe ??= requestAPI<unknown>('basket')
    .then(() => true)
    .catch(error => !(error instanceof EscapeAPIError && error.status === 404));
  return basketProbe;
}

export function addToBasket(
  record: IRecordView,
  sandbox = false
): Promise<{ id: string }> {
  return post<{ id: string }>('basket/items', {
    kind: 'ossr_record',
    title: record.version
      ? `${record.title} (${record.version})`
      : record.title,
    payload: {
      record_id: record.id,
      conceptrecid: record.conceptrecid,
      doi: record.doi,
      version: record.version,
      title: record.title,
      html_url: record.html_url,
      ...(sandbox ? { sandbox: true } : {})
    }
  });
}

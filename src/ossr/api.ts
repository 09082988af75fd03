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
import {
  IDownloadReply,
  IGenerated,
  IInstallJob,
  IInstallPlan,
  IKernelPython,
  IPublishFailure,
  IPublishReply,
  IPublishRequest
} from './transferTypes';
import {
  CiteFormat,
  ICitation,
  ICodemetaView,
  IConfig,
  IRecordView,
  IReport,
  ISearchQuery,
  ISearchReply,
  ISnippet
} from './types';

export * from './transferTypes';
export * from './types';

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
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!response.ok) {
    const fields = (
      body && typeof body === 'object' ? body : {}
    ) as IPublishFailure & { error?: unknown; service?: unknown };
    throw new OSSRPublishError(
      {
        message:
          (typeof fields.error === 'string' && fields.error) ||
          `${response.status} ${response.statusText || 'error'}`,
        status: response.status,
        service: typeof fields.service === 'string' ? fields.service : null,
        url
      },
      fields
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

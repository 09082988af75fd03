/**
 * Typed calls of the software repository (OSSR) routes (jupyter_escape/handlers/ossr.py, docs/api/ossr.md):
 * records, citations, downloads and codemeta here; the install and publish jobs in jobsAPI.ts; the basket link
 * in basketLink.ts. Everything goes through `requestAPI`.
 */
import { ossrJobsAPI } from './jobsAPI';
import { get, post } from './requests';
import { IDownloadReply, IGenerated } from './transferTypes';
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
export { addToBasket, basketAvailable } from './basketLink';

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
  ...ossrJobsAPI,
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
    )
};

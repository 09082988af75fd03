/** Typed calls of the basket routes (docs/api/basket.md). */
import { ServerConnection } from '@jupyterlab/services';
import {
  apiURL,
  EscapeAPIError,
  FRONTEND_VERSION_HEADER,
  requestAPI
} from '../handler';
import { FRONTEND_VERSION } from '../version';
import {
  IBasketColumn,
  IBasketGroup,
  IBasketItem,
  IBasketNewItem
} from './tokens';

/** A W3C PROV-JSON document: sections (entity, activity, ...) of records by id, each a map of attributes. */
export type IProvDocument = Record<
  string,
  Record<string, Record<string, unknown>> | undefined
>;

export interface ISnapshot {
  items: IBasketItem[];
  groups: IBasketGroup[];
  version: number;
  etag: string;
}

export interface IJSONTable {
  columns: IBasketColumn[];
  rows: unknown[][];
  n_rows: number;
  truncated: boolean;
  limit: number;
  total_rows?: number;
  elapsed?: number;
}

export interface IMaterialised {
  table: string;
  n_rows: number;
  columns: unknown[];
  checksum: string;
  provenance_file: string;
}

export interface ITableInfo {
  table: string;
  n_rows: number;
  n_columns: number;
  item_id: string | null;
  title: string | null;
  created: string | null;
  origin: string | null;
}

export interface ITableDetail {
  table: string;
  columns: {
    name: string;
    unit?: string;
    ucd?: string;
    description?: string;
    type?: string;
  }[];
  provenance: Record<string, unknown> | null;
}

export type XMatchRef = string | { path: string };

export interface IXMatchRequest {
  left: XMatchRef;
  right: XMatchRef;
  radius_arcsec: number;
  find: 'best' | 'mutual' | 'all';
  join: 'inner' | 'left';
  engine?: 'auto' | 'memory' | 'dask';
  table?: string;
  path?: string;
}

export interface IXMatchResult {
  n_left: number;
  n_right: number;
  n_matches: number;
  params: Record<string, unknown>;
  timings: Record<string, number>;
  notes: string[];
  saved: {
    table?: string;
    path?: string;
    provenance_file?: string;
    checksum?: string;
  } | null;
  columns: unknown[];
}

export interface INotebookBlock {
  format: number;
  saved?: string;
  groups: string[];
  items: IBasketItem[];
}

const post = (body: unknown, method = 'POST'): RequestInit => ({
  method,
  body: JSON.stringify(body)
});
const enc = encodeURIComponent;

/**
 * `GET basket` with `If-None-Match`: null when unchanged (304). Written out because `requestAPI` treats
 * any non-2xx answer as an error.
 */
async function snapshot(
  etag: string | null,
  signal?: AbortSignal
): Promise<ISnapshot | null> {
  const settings = ServerConnection.makeSettings();
  const url = apiURL('basket', settings);
  const headers = new Headers({ [FRONTEND_VERSION_HEADER]: FRONTEND_VERSION });
  if (etag) {
    headers.set('If-None-Match', etag);
  }
  let response: Response;
  try {
    response = await ServerConnection.makeRequest(
      url,
      { headers, signal, cache: 'no-store' },
      settings
    );
  } catch (error) {
    if ((error as Error).name === 'AbortError') {
      throw error;
    }
    throw new EscapeAPIError({
      message: `Could not reach the Jupyter server: ${(error as Error).message}`,
      status: 0,
      url
    });
  }
  if (response.status === 304) {
    return null;
  }
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    throw new EscapeAPIError({
      message: body?.error ?? `${response.status} ${response.statusText}`,
      status: response.status,
      service: body?.service ?? 'basket',
      url
    });
  }
  return body as ISnapshot;
}

export const basketAPI = {
  snapshot,
  changes: (since: number, signal?: AbortSignal) =>
    requestAPI<{ version: number; changed: boolean }>('basket/changes', {
      params: { since, timeout: 25 },
      signal
    }),
  add: (item: IBasketNewItem) =>
    requestAPI<IBasketItem>('basket/items', post(item)),
  get: (id: string) => requestAPI<IBasketItem>(`basket/items/${enc(id)}`),
  update: (
    id: string,
    changes: { title?: string; notes?: string; group?: string | null }
  ) =>
    requestAPI<IBasketItem>(`basket/items/${enc(id)}`, post(changes, 'PATCH')),
  remove: (id: string) =>
    requestAPI<null>(`basket/items/${enc(id)}`, { method: 'DELETE' }),
  data: (id: string, limit: number) =>
    requestAPI<IJSONTable>(`basket/items/${enc(id)}/data`, {
      params: { limit, format: 'json' }
    }),
  materialise: (id: string, table?: string, refresh = false) =>
    requestAPI<IMaterialised>(
      `basket/items/${enc(id)}/materialise`,
      post({ table, refresh })
    ),
  provenance: (id: string) =>
    requestAPI<IProvDocument>(`basket/items/${enc(id)}/provenance`),
  addGroup: (name: string) =>
    requestAPI<{ name: string }>('basket/groups', post({ name })),
  renameGroup: (name: string, to: string) =>
    requestAPI<{ name: string }>(
      `basket/groups/${enc(name)}`,
      post({ name: to }, 'PATCH')
    ),
  removeGroup: (name: string, removeItems = false) =>
    requestAPI<null>(`basket/groups/${enc(name)}`, {
      method: 'DELETE',
      params: { remove_items: removeItems }
    }),
  exportBlock: (itemIds?: string[]) =>
    requestAPI<INotebookBlock>('basket/export', {
      params: itemIds ? { items: itemIds.join(',') } : {}
    }),
  readNotebook: (path: string) =>
    requestAPI<INotebookBlock>('basket/notebook', { params: { path } }),
  loadNotebook: (path: string, mode: 'merge' | 'replace') =>
    requestAPI<{ added: number; skipped: number; problems: string[] }>(
      'basket/notebook',
      post({ path, action: 'load', mode })
    ),
  sqlJSON: (sql: string, limit = 1000) =>
    requestAPI<IJSONTable>('basket/sql', post({ sql, limit, format: 'json' })),
  tables: () => requestAPI<{ tables: ITableInfo[] }>('basket/tables'),
  table: (name: string) =>
    requestAPI<ITableDetail>(`basket/tables/${enc(name)}`),
  dropTable: (name: string) =>
    requestAPI<null>(`basket/tables/${enc(name)}`, { method: 'DELETE' }),
  xmatch: (request: IXMatchRequest) =>
    requestAPI<IXMatchResult>('basket/xmatch', post(request))
};

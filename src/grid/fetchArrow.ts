/**
 * Fetch an Arrow IPC stream from the server extension (never row-wise JSON): the bytes go straight into
 * apache-arrow, which is loaded on first use so it stays out of the eagerly loaded bundle.
 */
import { ServerConnection } from '@jupyterlab/services';
import type { Table } from 'apache-arrow';
import { apiURL, EscapeAPIError, FRONTEND_VERSION_HEADER } from '../handler';
import { FRONTEND_VERSION } from '../version';

export interface IArrowResponse {
  table: Table;
  /** Response headers (e.g. `X-Escape-Result-Id`, `X-Escape-Result-Info`). */
  headers: Headers;
  /** Size of the IPC stream in bytes. */
  bytes: number;
}

export interface IArrowRequest extends RequestInit {
  params?: Record<string, string | number | boolean>;
}

/** Decode an Arrow IPC stream (apache-arrow is imported lazily). */
export async function decodeArrow(buffer: ArrayBuffer): Promise<Table> {
  const arrow = await import('apache-arrow');
  return arrow.tableFromIPC(new Uint8Array(buffer));
}

/**
 * Call `<baseUrl>/escape/api/<endpoint>` and decode its Arrow IPC answer.
 *
 * @throws EscapeAPIError with the server's `{error, service}` when the route failed; an `AbortError`
 *   DOMException when `init.signal` was aborted.
 */
export async function requestArrow(
  endpoint: string,
  init: IArrowRequest = {},
  settings: ServerConnection.ISettings = ServerConnection.makeSettings()
): Promise<IArrowResponse> {
  const { params, ...rest } = init;
  let url = apiURL(endpoint, settings);
  if (params && Object.keys(params).length) {
    url +=
      '?' +
      Object.entries(params)
        .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
        .join('&');
  }
  const headers = new Headers(rest.headers);
  headers.set(FRONTEND_VERSION_HEADER, FRONTEND_VERSION);
  headers.set(
    'Accept',
    'application/vnd.apache.arrow.stream, application/json'
  );
  if (rest.body && !headers.has('Content-Type')) {
    headers.set('Content-Type', 'application/json');
  }
  let response: Response;
  try {
    response = await ServerConnection.makeRequest(
      url,
      { ...rest, headers },
      settings
    );
  } catch (error) {
    if ((error as Error).name === 'AbortError' || rest.signal?.aborted) {
      throw abortError();
    }
    throw new EscapeAPIError({
      message: `Could not reach the Jupyter server: ${(error as Error).message}`,
      status: 0,
      url
    });
  }
  if (!response.ok) {
    // the server's JSON error ({error, service}); anything else falls back to the HTTP status
    let body: Record<string, unknown> | null = null;
    try {
      const parsed: unknown = await response.json();
      body =
        parsed && typeof parsed === 'object'
          ? (parsed as Record<string, unknown>)
          : null;
    } catch {
      body = null;
    }
    throw new EscapeAPIError({
      message:
        (body && typeof body.error === 'string' && body.error) ||
        (body && typeof body.message === 'string' && body.message) ||
        `${response.status} ${response.statusText || 'error'}`,
      status: response.status,
      service: body && typeof body.service === 'string' ? body.service : null,
      url
    });
  }
  const buffer = await response.arrayBuffer();
  const table = await decodeArrow(buffer);
  return { table, headers: response.headers, bytes: buffer.byteLength };
}

function abortError(): Error {
  const error = new Error('The request was cancelled');
  error.name = 'AbortError';
  return error;
}

/** True for the error a cancelled fetch throws. */
export function isAbort(error: unknown): boolean {
  return (error as Error | null)?.name === 'AbortError';
}

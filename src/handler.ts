/**
 * The one way the frontend talks to the server extension.
 *
 * Requests go through `ServerConnection.makeRequest` so the XSRF cookie and the token are sent exactly as
 * jupyter-server expects, under the (possibly JupyterHub-prefixed) base URL.
 */
import { URLExt } from '@jupyterlab/coreutils';
import { ServerConnection } from '@jupyterlab/services';
import { FRONTEND_VERSION } from './version';

/** Header carrying the frontend's version on every request (the handshake compares it). */
export const FRONTEND_VERSION_HEADER = 'X-Escape-Frontend-Version';

/** A failed request: HTTP status (0 when the server was not reached), message, and the service named. */
export class EscapeAPIError extends Error {
  readonly status: number;
  readonly service: string | null;
  readonly url: string;

  constructor(options: {
    message: string;
    status: number;
    service?: string | null;
    url: string;
  }) {
    super(options.message);
    this.name = 'EscapeAPIError';
    this.status = options.status;
    this.service = options.service ?? null;
    this.url = options.url;
  }

  /** True when the route does not exist: the server extension is not installed or not enabled. */
  get isNotFound(): boolean {
    return this.status === 404;
  }
}

/** Options of `requestAPI`: a fetch `RequestInit` plus query parameters. */
export interface IRequestOptions extends RequestInit {
  /** Query parameters, URL-encoded for you. */
  params?: Record<string, string | number | boolean>;
}

/** Build the absolute URL of an API endpoint (no query string). */
export function apiURL(
  endpoint: string,
  settings: ServerConnection.ISettings = ServerConnection.makeSettings()
): string {
  return URLExt.join(settings.baseUrl, 'escape', 'api', endpoint);
}

/**
 * Call `<baseUrl>/escape/api/<endpoint>` and return its JSON body.
 *
 * @throws EscapeAPIError for network failures (status 0) and any HTTP status >= 400, with the server's
 *   `{"error", "service"}` body when it sent one.
 */
export async function requestAPI<T>(
  endpoint: string,
  options: IRequestOptions = {},
  settings: ServerConnection.ISettings = ServerConnection.makeSettings()
): Promise<T> {
  const { params, ...init } = options;
  let url = apiURL(endpoint, settings);
  if (params && Object.keys(params).length > 0) {
    const query = Object.entries(params)
      .map(
        ([key, value]) =>
          `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`
      )
      .join('&');
    url += `?${query}`;
  }
  const headers = new Headers(init.headers);
  headers.set(FRONTEND_VERSION_HEADER, FRONTEND_VERSION);
  if (init.body && !headers.has('Content-Type')) {
    headers.set('Content-Type', 'application/json');
  }

  let response: Response;
  try {
    response = await ServerConnection.makeRequest(
      url,
      { ...init, headers },
      settings
    );
  } catch (error) {
    throw new EscapeAPIError({
      message: `Could not reach the Jupyter server: ${
        (error as Error).message ?? String(error)
      }`,
      status: 0,
      url
    });
  }

  const text = await response.text();
  let body: unknown = null;
  if (text.length > 0) {
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
  }

  if (!response.ok) {
    // the server's error body: {error, service?} (some routes say message)
    const fields = (
      body !== null && typeof body === 'object' ? body : {}
    ) as Record<string, unknown>;
    const nonEmpty = (value: unknown) =>
      typeof value === 'string' && value ? value : null;
    throw new EscapeAPIError({
      message:
        nonEmpty(fields.error) ??
        nonEmpty(fields.message) ??
        `${response.status} ${response.statusText || 'error'}`,
      status: response.status,
      service: nonEmpty(fields.service),
      url
    });
  }
  if (body === null && text.length > 0) {
    throw new EscapeAPIError({
      message: `The server answered ${endpoint} with a body that is not JSON`,
      status: response.status,
      url
    });
  }
  return body as T;
}

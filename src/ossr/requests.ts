/** The two request shapes every OSSR call uses: GET with query parameters, POST with a JSON body. */
import { requestAPI } from '../handler';

export const get = <T>(
  endpoint: string,
  params?: Record<string, string | number | boolean>
): Promise<T> => requestAPI<T>(endpoint, { params });

export const post = <T>(endpoint: string, body: unknown): Promise<T> =>
  requestAPI<T>(endpoint, { method: 'POST', body: JSON.stringify(body) });

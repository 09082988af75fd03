/**
 * What the user reads when an OSSR request fails: the server's message verbatim, the service named, and for a
 * rate limit (HTTP 429) how long to wait. Pure: tested in __tests__/ossrErrors.spec.ts.
 */
import { EscapeAPIError } from '../handler';

export type ErrorKind =
  | 'rate-limited'
  | 'server-unreachable'
  | 'remote-failed'
  | 'timeout'
  | 'no-token'
  | 'bad-input'
  | 'not-found'
  | 'other';

export interface IOSSRError {
  message: string;
  service: string | null;
  status: number;
  kind: ErrorKind;
  /** Seconds the repository asked us to wait (429 only), when the message says. */
  retryAfter: number | null;
}

/** "...the repository asks to retry in 12 s" -> 12. */
export function retryAfterSeconds(message: string): number | null {
  const match = /retry in\s+(\d+(?:\.\d+)?)\s*s/i.exec(message);
  return match ? Math.ceil(Number(match[1])) : null;
}

export function errorKind(status: number): ErrorKind {
  switch (status) {
    case 0:
      return 'server-unreachable';
    case 400:
    case 413:
      return 'bad-input';
    case 401:
      return 'no-token';
    case 404:
      return 'not-found';
    case 429:
      return 'rate-limited';
    case 502:
    case 503:
      return 'remote-failed';
    case 504:
      return 'timeout';
    default:
      return 'other';
  }
}

export function describeOSSRError(error: unknown): IOSSRError {
  if (error instanceof EscapeAPIError) {
    const kind = errorKind(error.status);
    return {
      message: error.message,
      service: error.service,
      status: error.status,
      kind,
      retryAfter:
        kind === 'rate-limited' ? retryAfterSeconds(error.message) : null
    };
  }
  const message = (error as Error)?.message ?? String(error);
  return {
    message,
    service: null,
    status: -1,
    kind: 'other',
    retryAfter: null
  };
}

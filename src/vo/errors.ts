/**
 * Turning failures into what the user reads: the server's message verbatim, the service named, and for
 * ADQL errors the position in the query when the service gave one. Pure: tested in __tests__/voErrors.spec.ts.
 */
import { EscapeAPIError } from '../handler';

export interface IErrorView {
  message: string;
  service: string | null;
  status: number;
  /** 1-based line and column of an ADQL error, when the message says where. */
  position: { line: number; column: number } | null;
}

/** Where in `query` an ADQL error message points, if it says so. */
export function adqlPosition(
  message: string,
  query?: string
): { line: number; column: number } | null {
  const lineCol =
    /\(?line:?\s*(\d+)\s*,\s*col(?:umn)?:?\s*(\d+)\)?/i.exec(message) ??
    /line\s+(\d+)\s+col(?:umn)?\s+(\d+)/i.exec(message);
  if (lineCol) {
    return { line: Number(lineCol[1]), column: Number(lineCol[2]) };
  }
  const char = /at char(?:acter)?\s+(\d+)/i.exec(message);
  if (char && query !== undefined) {
    const offset = Math.min(Number(char[1]), query.length);
    const before = query.slice(0, offset).split('\n');
    return {
      line: before.length,
      column: before[before.length - 1].length + 1
    };
  }
  return null;
}

export function describeError(error: unknown, query?: string): IErrorView {
  if (error instanceof EscapeAPIError) {
    return {
      message: error.message,
      service: error.service,
      status: error.status,
      position: query !== undefined ? adqlPosition(error.message, query) : null
    };
  }
  const message = (error as Error)?.message ?? String(error);
  return { message, service: null, status: 0, position: null };
}

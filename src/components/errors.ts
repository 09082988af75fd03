/**
 * What a failure looks like on screen, whatever threw it: the service named, the message verbatim, the HTTP
 * status. Shared by every pillar's error box (ErrorBox.tsx). Pure.
 */
import { TranslationBundle } from '@jupyterlab/translation';
import { EscapeAPIError } from '../handler';

export interface IErrorView {
  message: string;
  /** The remote service that failed ("DaCHS TAP", "Rucio"...), null when the failure is ours or the network's. */
  service: string | null;
  /** HTTP status of the server's answer; 0 when the Jupyter server was not reached, -1 when not an HTTP error. */
  status: number;
  /** True for a request we aborted ourselves (a newer one replaced it, or the view closed): not shown. */
  aborted?: boolean;
  /** 1-based line and column of an ADQL error, when the service said where. */
  position?: { line: number; column: number } | null;
  /** Seconds the remote asked us to wait before retrying (HTTP 429), when it said. */
  retryAfter?: number | null;
}

function isErrorView(error: unknown): error is IErrorView {
  const e = error as Partial<IErrorView> | null;
  return (
    typeof e === 'object' &&
    e !== null &&
    !(e instanceof Error) &&
    typeof e.message === 'string' &&
    typeof e.status === 'number' &&
    'service' in e
  );
}

/** Anything thrown or rejected (an EscapeAPIError, an Error, an already described IErrorView) as an IErrorView. */
export function describeError(error: unknown): IErrorView {
  if (error instanceof EscapeAPIError) {
    return {
      message: error.message,
      service: error.service,
      status: error.status,
      aborted: false
    };
  }
  if (isErrorView(error)) {
    return error;
  }
  const e = error as { name?: string; message?: string } | null;
  return {
    message: e?.message ?? String(error),
    service: null,
    status: -1,
    aborted: e?.name === 'AbortError'
  };
}

/** True for the rejection of a request we aborted ourselves (a newer one replaced it, or the view closed). */
export function isAbort(error: unknown): boolean {
  if ((error as { name?: string } | null)?.name === 'AbortError') {
    return true;
  }
  return (
    error instanceof EscapeAPIError &&
    error.status === 0 &&
    /abort/i.test(error.message)
  );
}

/** A failure as one line for a notification: "Staging failed (Rucio): message". */
export function failureLine(
  trans: TranslationBundle,
  what: string,
  error: unknown
): string {
  const view = describeError(error);
  return view.service
    ? trans.__('%1 failed (%2): %3', what, view.service, view.message)
    : trans.__('%1 failed: %2', what, view.message);
}

/** Small React pieces shared by the data lake section and views: errors, auth state, progress, sizes. */
import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
import { EscapeAPIError } from '../handler';
import type { AuthState } from '../tokens';

/** What a failure looks like on screen: the service named, the message verbatim, the HTTP status. */
export interface IErrorView {
  message: string;
  service: string | null;
  status: number;
  aborted: boolean;
}

export function describeError(error: unknown): IErrorView {
  if (error instanceof EscapeAPIError) {
    return {
      message: error.message,
      service: error.service,
      status: error.status,
      aborted: false
    };
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

export function ErrorBox(props: {
  error: unknown;
  trans: TranslationBundle;
  onRetry?: () => void;
  compact?: boolean;
}): JSX.Element | null {
  const { trans } = props;
  const view = React.useMemo(() => describeError(props.error), [props.error]);
  if (view.aborted) {
    return null;
  }
  const who = view.service
    ? trans.__('%1 says:', view.service)
    : view.status === 0
      ? trans.__('Jupyter server unreachable:')
      : trans.__('Error:');
  return (
    <div
      className="jp-escape-Banner jp-escape-Banner-error jp-escape-DL-error"
      role="alert"
    >
      <strong>{who}</strong>{' '}
      {view.status > 0 && (
        <span className="jp-escape-DL-muted">HTTP {view.status}</span>
      )}
      <pre className="jp-escape-DL-errorText">{view.message}</pre>
      {view.status === 401 && (
        <div className="jp-escape-Banner-detail">
          {trans.__(
            'Credentials are read on the server only; fix the instance configuration or refresh the token, then press Retry.'
          )}
        </div>
      )}
      {props.onRetry && (
        <button
          type="button"
          className="jp-mod-styled jp-escape-DL-small"
          onClick={props.onRetry}
        >
          {trans.__('Retry')}
        </button>
      )}
    </div>
  );
}

/** "ok", "missing", "expired"... as a coloured label with the server's detail as its text. */
export function AuthBadge(props: {
  state: AuthState | string | null;
  trans: TranslationBundle;
}): JSX.Element {
  const { state, trans } = props;
  const labels: Record<string, string> = {
    ok: trans.__('signed in'),
    missing: trans.__('credentials missing'),
    expired: trans.__('credentials expired'),
    failed: trans.__('sign-in failed'),
    none: trans.__('no sign-in needed'),
    'n/a': trans.__('not checked'),
    checking: trans.__('checking…')
  };
  const s = state ?? 'checking';
  const level =
    s === 'ok' || s === 'none'
      ? 'ok'
      : s === 'checking' || s === 'n/a'
        ? 'muted'
        : 'error';
  return (
    <span className={`jp-escape-DL-badge jp-escape-DL-badge-${level}`}>
      {labels[s] ?? s}
    </span>
  );
}

export function ProgressBar(props: {
  value: number | null;
  label: string;
  state?: string;
}): JSX.Element {
  const pct =
    props.value === null
      ? undefined
      : Math.max(0, Math.min(100, props.value * 100));
  return (
    <div
      className="jp-escape-DL-progress"
      role="progressbar"
      aria-label={props.label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={pct === undefined ? undefined : Math.round(pct)}
      data-state={props.state}
    >
      <div
        className="jp-escape-DL-progressFill"
        style={{ width: pct === undefined ? '100%' : `${pct}%` }}
        data-indeterminate={pct === undefined ? 'true' : undefined}
      />
    </div>
  );
}

/** "Working… 3 s" for anything slow. */
export function Busy(props: { label: string }): JSX.Element {
  const [since] = React.useState(Date.now());
  const [now, setNow] = React.useState(Date.now());
  React.useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);
  const s = Math.floor((now - since) / 1000);
  return (
    <span className="jp-escape-DL-busy" role="status">
      <span className="jp-escape-DL-spinner" aria-hidden="true" />
      {props.label}
      {s >= 2 ? ` ${s} s` : ''}
    </span>
  );
}

export function formatBytes(n: number | null | undefined): string {
  if (n === null || n === undefined) {
    return '–';
  }
  if (n < 1024) {
    return `${n} B`;
  }
  const units = ['KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

export function formatTime(epochSeconds: number | null | undefined): string {
  if (!epochSeconds) {
    return '';
  }
  return new Date(epochSeconds * 1000).toLocaleString();
}

/** A state word ("done", "failed", "OK", "REPLICATING"...) as a small coloured pill. */
export function StatePill(props: { state: string }): JSX.Element {
  const s = (props.state || '').toLowerCase();
  const level = ['done', 'ok', 'available'].includes(s)
    ? 'ok'
    : ['failed', 'stuck', 'suspended', 'missing', 'unavailable'].includes(s)
      ? 'error'
      : ['interrupted', 'cancelled', 'waiting_approval'].includes(s)
        ? 'warn'
        : 'running';
  return (
    <span className={`jp-escape-DL-pill jp-escape-DL-pill-${level}`}>
      {props.state}
    </span>
  );
}

/** Small React pieces of the data lake section and views: its error box, auth state, progress, job states. */
import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
import { describeError, ErrorBox as SharedErrorBox } from '../components';
import type { AuthState } from '../tokens';

/** The shared error box with the data lake's class names and, for a 401, what to do about credentials. */
export function ErrorBox(props: {
  error: unknown;
  trans: TranslationBundle;
  onRetry?: () => void;
}): JSX.Element | null {
  const { trans } = props;
  const status = React.useMemo(
    () => describeError(props.error).status,
    [props.error]
  );
  return (
    <SharedErrorBox
      error={props.error}
      trans={trans}
      onRetry={props.onRetry}
      classPrefix="jp-escape-DL"
      hint={
        status === 401
          ? trans.__(
              'Credentials are read on the server only; fix the instance configuration or refresh the token, then press Retry.'
            )
          : null
      }
    />
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

/** Small React pieces shared by the OSSR section and views. */
import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
import {
  Busy as SharedBusy,
  ErrorBox as SharedErrorBox,
  formatBytes as sharedFormatBytes
} from '../components';
import { IRateLimit } from './api';
import { describeOSSRError, IOSSRError } from './errors';

/** A failure as the server reported it: the service named, the message verbatim, a countdown for 429. */
export function ErrorBox(props: {
  error: unknown;
  trans: TranslationBundle;
  onRetry?: () => void;
}): JSX.Element | null {
  const { trans } = props;
  const error: IOSSRError = React.useMemo(
    () => describeOSSRError(props.error),
    [props.error]
  );
  const hint = {
    'rate-limited': trans.__(
      'The software repository is rate-limiting requests.'
    ),
    'server-unreachable': trans.__('The Jupyter server could not be reached.'),
    'remote-failed': trans.__(
      'The software repository failed or could not be reached.'
    ),
    timeout: trans.__('The software repository did not answer in time.'),
    'no-token': trans.__(
      'Publishing needs a token configured on the server (it never reaches the browser).'
    ),
    'bad-input': '',
    'not-found': '',
    other: ''
  }[error.kind];
  return (
    <SharedErrorBox
      error={error}
      trans={trans}
      onRetry={props.onRetry}
      hint={hint}
      classPrefix="jp-escape-OSSR"
      unreachableLabel={trans.__('Jupyter server:')}
    />
  );
}

/** A quiet note when the repository rate-limited us and the server waited it out. */
export function RateLimitNotice(props: {
  events?: IRateLimit[];
  trans: TranslationBundle;
}): JSX.Element | null {
  const events = props.events ?? [];
  if (events.length === 0) {
    return null;
  }
  const waited = events.reduce((s, e) => s + e.retry_after, 0);
  return (
    <div className="jp-escape-Banner jp-escape-Banner-warn" role="status">
      {props.trans._n(
        'The repository rate-limited one request; the server waited %2 s and retried.',
        'The repository rate-limited %1 requests; the server waited %2 s in all and retried.',
        events.length,
        waited.toFixed(0)
      )}
    </div>
  );
}

/** "Working… 3 s" for anything slow. */
export function Busy(props: { label: string }): JSX.Element {
  return <SharedBusy label={props.label} classPrefix="jp-escape-OSSR" />;
}

/** Sizes as the OSSR views have always written them ("3.4 KB", powers of 1024). */
export function formatBytes(n: number): string {
  return sharedFormatBytes(n, 'KB');
}

/** Licence as text, whatever shape the record gives. */
export function licenceText(
  license: { id: string | null; url: string | null } | string | null
): string {
  if (!license) {
    return '';
  }
  return typeof license === 'string' ? license : (license.id ?? '');
}

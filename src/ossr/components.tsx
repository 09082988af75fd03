/** Small React pieces shared by the OSSR section and views. */
import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
import {
  Busy as SharedBusy,
  ErrorBox as SharedErrorBox,
  formatBytes as sharedFormatBytes
} from '../components';
import { IRateLimit, IReport } from './api';
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

export type ComplianceState =
  | { kind: 'checking' }
  | { kind: 'none' }
  | { kind: 'unknown'; message: string }
  | { kind: 'report'; report: IReport };

/** "OSSR compliant", "2 errors", "no codemeta.json"... as a small labelled badge. */
export function ComplianceBadge(props: {
  state: ComplianceState;
  trans: TranslationBundle;
}): JSX.Element {
  const { state, trans } = props;
  let level = 'muted';
  let label: string;
  let title: string;
  switch (state.kind) {
    case 'checking':
      label = trans.__('codemeta…');
      title = trans.__('Checking codemeta.json against the OSSR rules');
      break;
    case 'none':
      label = trans.__('no codemeta');
      title = trans.__('This record has no codemeta.json');
      level = 'warn';
      break;
    case 'unknown':
      label = trans.__('codemeta ?');
      title = state.message;
      break;
    default: {
      const r = state.report;
      if (r.compliant) {
        level = r.warnings > 0 ? 'okwarn' : 'ok';
        label =
          r.warnings > 0
            ? trans._n(
                'OSSR compliant, %1 warning',
                'OSSR compliant, %1 warnings',
                r.warnings
              )
            : trans.__('OSSR compliant');
      } else {
        level = 'error';
        label = trans._n(
          'not compliant: %1 error',
          'not compliant: %1 errors',
          r.errors
        );
      }
      title = trans.__(
        'codemeta.json: %1 errors, %2 warnings',
        r.errors,
        r.warnings
      );
    }
  }
  return (
    <span
      className={`jp-escape-OSSR-badge jp-escape-OSSR-badge-${level}`}
      title={title}
    >
      {label}
    </span>
  );
}

/** One line per OSSR rule: ok / warn / error, term, message. */
export function ComplianceReport(props: {
  report: IReport;
  trans: TranslationBundle;
  showOk?: boolean;
}): JSX.Element {
  const { report, trans } = props;
  const [showOk, setShowOk] = React.useState(props.showOk ?? false);
  const order = { error: 0, warn: 1, ok: 2 };
  const rules = [...report.rules]
    .filter(r => showOk || r.level !== 'ok')
    .sort((a, b) => order[a.level] - order[b.level]);
  const okCount = report.rules.filter(r => r.level === 'ok').length;
  const levelLabel = {
    ok: trans.__('ok'),
    warn: trans.__('warn'),
    error: trans.__('error')
  };
  return (
    <div className="jp-escape-OSSR-report">
      <p>
        {report.compliant
          ? trans.__('Meets the OSSR metadata rules.')
          : trans.__('Does not meet the OSSR metadata rules.')}{' '}
        {trans.__(
          '%1 errors, %2 warnings, %3 rules ok.',
          report.errors,
          report.warnings,
          okCount
        )}{' '}
        <label>
          <input
            type="checkbox"
            checked={showOk}
            onChange={e => setShowOk(e.target.checked)}
          />{' '}
          {trans.__('show passing rules')}
        </label>
      </p>
      <table className="jp-escape-OSSR-table">
        <thead>
          <tr>
            <th scope="col">{trans.__('Level')}</th>
            <th scope="col">{trans.__('Rule')}</th>
            <th scope="col">{trans.__('Message')}</th>
          </tr>
        </thead>
        <tbody>
          {rules.map((r, i) => (
            <tr key={`${r.rule} ${i}`} data-level={r.level}>
              <td>
                <span
                  className={`jp-escape-OSSR-level jp-escape-OSSR-level-${r.level}`}
                >
                  {levelLabel[r.level] ?? r.level}
                </span>
              </td>
              <td>
                <code>{r.rule}</code>
              </td>
              <td>{r.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
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

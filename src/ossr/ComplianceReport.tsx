/** The OSSR compliance report of a codemeta.json: one line per rule, each naming its source (eossr or ours). */
import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
import { IReport } from './api';

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
      {report.sources && (
        <p className="jp-escape-OSSR-muted">
          {trans.__(
            "Rules of %1 (the OSSR's own library), and where it has none, of %2.",
            `eossr ${report.sources.eossr}`,
            report.sources.own
          )}
        </p>
      )}
      <table className="jp-escape-OSSR-table">
        <thead>
          <tr>
            <th scope="col">{trans.__('Level')}</th>
            <th scope="col">{trans.__('Rule')}</th>
            <th scope="col">{trans.__('Message')}</th>
            <th scope="col" className="jp-escape-OSSR-source">
              {trans.__('Source')}
            </th>
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
              <td className="jp-escape-OSSR-muted jp-escape-OSSR-source">
                {r.source ?? ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

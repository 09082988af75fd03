/** A record's title line: version, type, licence, date, DOI and the codemeta.json compliance badge. */
import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
import { IRecordView } from './api';
import { ComplianceBadge, ComplianceState } from './compliance';
import { licenceText } from './components';

export function RecordHeader(props: {
  record: IRecordView;
  trans: TranslationBundle;
}): JSX.Element {
  const { record: r, trans } = props;
  const licence = licenceText(r.license);
  return (
    <header className="jp-escape-OSSRRecord-header">
      <h1>{r.title}</h1>
      <div className="jp-escape-OSSR-hitMeta">
        {r.version && (
          <span className="jp-escape-OSSRRecord-version">{r.version}</span>
        )}
        {r.type && <span className="jp-escape-OSSR-pill">{r.type}</span>}
        {licence && <span className="jp-escape-OSSR-pill">{licence}</span>}
        {r.publication_date && <span>{r.publication_date}</span>}
        {r.doi && (
          <a
            href={r.doi_url ?? `https://doi.org/${r.doi}`}
            target="_blank"
            rel="noopener noreferrer"
          >
            {r.doi}
          </a>
        )}
        <ComplianceBadge trans={trans} state={complianceOf(r, trans)} />
      </div>
    </header>
  );
}

function complianceOf(
  r: IRecordView,
  trans: TranslationBundle
): ComplianceState {
  const report = r.codemeta?.report ?? null;
  if (report) {
    return { kind: 'report', report };
  }
  return r.codemeta?.present
    ? { kind: 'unknown', message: trans.__('unreadable codemeta.json') }
    : { kind: 'none' };
}

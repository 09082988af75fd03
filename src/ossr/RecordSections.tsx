/** A record's versions (navigable), files, and its codemeta.json checked against the OSSR rules. */
import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
import { IRecordView } from './api';
import { ComplianceReport } from './ComplianceReport';
import { formatBytes } from './components';
import { RecordModel } from './recordModel';

export function RecordVersions(props: {
  model: RecordModel;
  record: IRecordView;
  trans: TranslationBundle;
}): JSX.Element | null {
  const { model, record: r, trans } = props;
  if (r.versions.length === 0) {
    return null;
  }
  return (
    <section aria-labelledby={`versions-${r.id}`}>
      <h2 id={`versions-${r.id}`}>
        {trans.__('Versions (%1)', r.version_count ?? r.versions.length)}
      </h2>
      <ul className="jp-escape-OSSR-versions">
        {r.versions.map(v => (
          <li key={v.id}>
            {v.id === r.id ? (
              <strong aria-current="true">{v.version ?? v.id}</strong>
            ) : (
              <button
                type="button"
                className="jp-escape-OSSR-linkButton"
                onClick={() => model.goTo(v.id)}
              >
                {v.version ?? v.id}
              </button>
            )}{' '}
            <span className="jp-escape-OSSR-muted">
              {v.publication_date}
              {v.is_latest ? ' · ' + trans.__('latest') : ''}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function RecordFiles(props: {
  record: IRecordView;
  trans: TranslationBundle;
}): JSX.Element {
  const { record: r, trans } = props;
  return (
    <section aria-labelledby={`files-${r.id}`}>
      <h2 id={`files-${r.id}`}>{trans.__('Files (%1)', r.files.length)}</h2>
      {r.files.length === 0 ? (
        <p className="jp-escape-OSSR-muted">
          {trans.__('No files (metadata only).')}
        </p>
      ) : (
        <table className="jp-escape-OSSR-table">
          <thead>
            <tr>
              <th scope="col">{trans.__('Name')}</th>
              <th scope="col">{trans.__('Size')}</th>
              <th scope="col">{trans.__('Checksum')}</th>
            </tr>
          </thead>
          <tbody>
            {r.files.map(f => (
              <tr key={f.key}>
                <td>{f.key}</td>
                <td>{formatBytes(f.size)}</td>
                <td>
                  <code>{f.checksum ?? (f.md5 ? `md5:${f.md5}` : '')}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function RecordCodemeta(props: {
  record: IRecordView;
  trans: TranslationBundle;
}): JSX.Element {
  const { record: r, trans } = props;
  const report = r.codemeta?.report ?? null;
  return (
    <section aria-labelledby={`codemeta-${r.id}`}>
      <h2 id={`codemeta-${r.id}`}>
        {trans.__('codemeta.json and the OSSR rules')}
      </h2>
      {!r.codemeta?.present ? (
        <p className="jp-escape-OSSR-muted">
          {trans.__(
            'This record has no codemeta.json: it cannot be checked against the OSSR rules.'
          )}
        </p>
      ) : report ? (
        <ComplianceReport report={report} trans={trans} />
      ) : (
        <p>{trans.__('The codemeta.json could not be read.')}</p>
      )}
      {r.codemeta?.codemeta && (
        <details>
          <summary>{trans.__('Show codemeta.json')}</summary>
          <pre className="jp-escape-OSSR-code">
            {JSON.stringify(r.codemeta.codemeta, null, 2)}
          </pre>
        </details>
      )}
    </section>
  );
}

/** "Download": choose files and a folder, download them one by one (md5-verified) with progress; retry the rest. */
import * as React from 'react';
import { useSignals } from '../components/useSignals';
import { ErrorBox, formatBytes } from './components';
import { IOSSRContext } from './context';
import { DownloadModel } from './downloadModel';

export function DownloadPanel(props: {
  ctx: IOSSRContext;
  model: DownloadModel;
}): JSX.Element {
  const { ctx, model } = props;
  const trans = ctx.trans;
  useSignals([model.changed]);
  const { record, files, done, current, directory } = model;
  return (
    <section
      className="jp-escape-OSSR-panel"
      aria-label={trans.__('Download files into the workspace')}
    >
      <fieldset className="jp-escape-OSSR-fieldset" disabled={model.running}>
        <legend>{trans.__('Files to download')}</legend>
        {record.files.map(f => (
          <label key={f.key} className="jp-escape-OSSR-check">
            <input
              type="checkbox"
              checked={model.chosen.has(f.key)}
              onChange={e => model.choose(f.key, e.target.checked)}
            />
            {f.key}{' '}
            <span className="jp-escape-OSSR-muted">
              ({formatBytes(f.size)})
            </span>
          </label>
        ))}
        <label className="jp-escape-OSSR-field">
          {trans.__(
            'Into folder (relative to the server root; empty: the default workspace folder)'
          )}
          <input
            type="text"
            className="jp-mod-styled"
            value={model.dest}
            placeholder={`escape-data/ossr/${record.id}`}
            onChange={e => model.setDest(e.target.value)}
          />
        </label>
      </fieldset>
      <div className="jp-escape-OSSR-row">
        <button
          type="button"
          className="jp-mod-styled jp-mod-accept"
          disabled={model.running || files.length === 0}
          onClick={() => void model.start()}
        >
          {trans._n('Download %1 file', 'Download %1 files', files.length)}
        </button>
        {model.failedKey && (
          <button
            type="button"
            className="jp-mod-styled"
            onClick={() => void model.retryRemaining()}
          >
            {trans.__('Retry the remaining %1', model.remaining.length)}
          </button>
        )}
        {directory && current === null && (
          <button
            type="button"
            className="jp-mod-styled"
            onClick={() =>
              void ctx.app.commands.execute('filebrowser:go-to-path', {
                path: directory
              })
            }
          >
            {trans.__('Show in the file browser')}
          </button>
        )}
      </div>
      {model.started && (
        <div className="jp-escape-OSSR-progress">
          <progress
            max={model.totalBytes || 1}
            value={model.doneBytes}
            aria-label={trans.__('Download progress')}
          />
          <span role="status" aria-live="polite">
            {current
              ? trans.__(
                  'Downloading and verifying %1 (%2 of %3)…',
                  current,
                  done.length + 1,
                  files.length
                )
              : trans.__(
                  '%1 of %2 files downloaded and verified',
                  done.length,
                  files.length
                )}
          </span>
        </div>
      )}
      {model.error !== null && <ErrorBox error={model.error} trans={trans} />}
      {done.length > 0 && (
        <ul
          className="jp-escape-OSSR-doneList"
          aria-label={trans.__('Downloaded files')}
        >
          {done.map(f => (
            <li key={f.key}>
              <span aria-hidden="true">{f.verified ? '✓ ' : '⚠ '}</span>
              <code>{f.path}</code>{' '}
              <span className="jp-escape-OSSR-muted">
                {formatBytes(f.size)} · md5 {f.md5.slice(0, 8)}… ·{' '}
                {f.verified ? trans.__('verified') : trans.__('NOT verified')} ·{' '}
                {f.status}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The files of a staging job, the ones needing attention first: state, progress, where each went (open it). */
import * as React from 'react';
import { formatBytes } from '../components/format';
import { StatePill } from '../components/StatePill';
import { IStageFile, IStageJob } from './api';
import { IDatalakeContext } from './context';
import { FITS_RE, report } from './staged';

const MAX_FILES_SHOWN = 200;

/** Order in which files are listed: the ones needing attention first. */
const ORDER: Record<string, number> = {
  failed: 0,
  running: 1,
  interrupted: 2,
  cancelled: 3,
  queued: 4,
  missing: 5,
  done: 6
};

export function sortFiles(files: IStageFile[]): IStageFile[] {
  return [...files].sort(
    (a, b) =>
      (ORDER[a.state] ?? 9) - (ORDER[b.state] ?? 9) ||
      a.name.localeCompare(b.name)
  );
}

export function FileTable(props: {
  ctx: IDatalakeContext;
  job: IStageJob;
}): JSX.Element | null {
  const { ctx, job } = props;
  const trans = ctx.trans;
  const files = job.files ?? [];
  if (files.length === 0) {
    return null;
  }
  const shown = sortFiles(files).slice(0, MAX_FILES_SHOWN);
  return (
    <div className="jp-escape-DL-tableWrap">
      <table className="jp-escape-DL-table jp-escape-DL-files">
        <caption className="jp-escape-DL-caption">
          {files.length > shown.length
            ? trans.__(
                '%1 of %2 files (those needing attention first)',
                shown.length,
                files.length
              )
            : trans._n('%1 file', '%1 files', files.length)}
        </caption>
        <thead>
          <tr>
            <th scope="col">{trans.__('File')}</th>
            <th scope="col">{trans.__('State')}</th>
            <th scope="col">{trans.__('Progress')}</th>
            <th scope="col">{trans.__('Where')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map(f => {
            const rel = f.relpath ?? null;
            const fraction =
              f.bytes && f.bytes > 0
                ? Math.min(1, (f.done_bytes ?? 0) / f.bytes)
                : f.state === 'done'
                  ? 1
                  : 0;
            return (
              <tr key={f.did} data-state={f.state}>
                <td>
                  <span title={f.did}>{f.name}</span>
                  {f.error && (
                    <div className="jp-escape-DL-fileError">{f.error}</div>
                  )}
                </td>
                <td>
                  <StatePill state={f.state} />
                  {f.how && (
                    <span className="jp-escape-DL-muted"> {f.how}</span>
                  )}
                </td>
                <td className="jp-escape-DL-num">
                  {formatBytes(f.done_bytes ?? 0)} / {formatBytes(f.bytes)}{' '}
                  <span className="jp-escape-DL-muted">
                    ({Math.round(fraction * 100)}%)
                  </span>
                </td>
                <td className="jp-escape-DL-where">
                  {f.state === 'done' && rel ? (
                    <>
                      <button
                        type="button"
                        className="jp-escape-DL-linkButton"
                        title={trans.__('Show %1 in the file browser', rel)}
                        onClick={() =>
                          void report(
                            ctx,
                            trans.__('Open in file browser'),
                            () => ctx.openInBrowser(rel)
                          )
                        }
                      >
                        {trans.__('Open in file browser')}
                      </button>
                      {ctx.sky && FITS_RE.test(f.name) && (
                        <>
                          {' · '}
                          <button
                            type="button"
                            className="jp-escape-DL-linkButton"
                            onClick={() =>
                              void report(ctx, trans.__('Show on sky'), () =>
                                ctx.showOnSky(rel, f.name)
                              )
                            }
                          >
                            {trans.__('Show on sky')}
                          </button>
                        </>
                      )}
                    </>
                  ) : (
                    <code className="jp-escape-DL-path" title={f.path ?? ''}>
                      {f.path ?? ''}
                    </code>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

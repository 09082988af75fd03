/**
 * "Use" actions for staged data, shared by the details view and the Transfers view: show me the code, open in
 * the file browser, show a FITS file on the sky, add to the basket.
 */
import { Notification } from '@jupyterlab/apputils';
import * as React from 'react';
import { IStageFile, IStageJob } from './api';
import { formatBytes } from '../components';
import { StatePill } from '../components/StatePill';
import { IDatalakeContext } from './context';

export const FITS_RE = /\.(fits|fit|fts)(\.gz)?$/i;
const MAX_FILES_SHOWN = 200;

/** Run an action, reporting a failure as a notification naming what failed (never a silent no-op). */
export async function report(
  ctx: IDatalakeContext,
  what: string,
  action: () => Promise<unknown>
): Promise<void> {
  try {
    await action();
  } catch (error) {
    const e = error as { message?: string; service?: string | null };
    Notification.error(
      e?.service
        ? ctx.trans.__('%1 failed (%2): %3', what, e.service, e.message ?? '')
        : ctx.trans.__('%1 failed: %2', what, e?.message ?? String(error)),
      { autoClose: 8000 }
    );
  }
}

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

export function UseActions(props: {
  ctx: IDatalakeContext;
  instance: string;
  did: string;
  type?: string;
  /** The folder of a download job, relative to the server root. */
  folder?: string | null;
}): JSX.Element {
  const { ctx, instance, did } = props;
  const trans = ctx.trans;
  return (
    <div
      className="jp-escape-DL-actions"
      role="group"
      aria-label={trans.__('Use')}
    >
      <button
        type="button"
        className="jp-mod-styled jp-mod-accept jp-escape-DL-small"
        onClick={() =>
          void report(ctx, trans.__('Show me the code'), () =>
            ctx.showCode(instance, did)
          )
        }
        title={trans.__(
          'Insert the jupyter_escape.datalake code reaching %1 into the current notebook',
          did
        )}
      >
        {trans.__('Show me the code')}
      </button>
      {props.folder && (
        <button
          type="button"
          className="jp-mod-styled jp-escape-DL-small"
          onClick={() =>
            void report(ctx, trans.__('Open in file browser'), () =>
              ctx.openInBrowser(props.folder as string)
            )
          }
        >
          {trans.__('Open in file browser')}
        </button>
      )}
      {ctx.basket && (
        <button
          type="button"
          className="jp-mod-styled jp-escape-DL-small"
          onClick={() =>
            void report(ctx, trans.__('Add to basket'), () =>
              ctx.addToBasket(instance, did, props.type)
            )
          }
        >
          {trans.__('Add to basket')}
        </button>
      )}
    </div>
  );
}

/** Per-file lines of a job: state, progress, and for staged files the actions on that file. */
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

export function folderOf(ctx: IDatalakeContext, job: IStageJob): string | null {
  if (job.mode !== 'download') {
    return null;
  }
  return job.relpath ?? null;
}

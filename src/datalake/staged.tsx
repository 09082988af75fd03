/**
 * "Use" actions for staged data, shared by the details view and the Transfers view: show me the code, open in
 * the file browser, show a FITS file on the sky, add to the basket.
 */
import { Notification } from '@jupyterlab/apputils';
import * as React from 'react';
import { IStageJob } from './api';
import { IDatalakeContext } from './context';

export const FITS_RE = /\.(fits|fit|fts)(\.gz)?$/i;

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
export function folderOf(ctx: IDatalakeContext, job: IStageJob): string | null {
  if (job.mode !== 'download') {
    return null;
  }
  return job.relpath ?? null;
}

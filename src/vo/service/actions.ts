/**
 * What a TAP service view does besides showing: submitting an async job and inserting the query's code, each
 * failure a notification naming the service with its message verbatim; the view's id from its URL.
 */
import { Notification } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';
import { IProvenance, voAPI } from '../api';
import { IVOContext } from '../context';
import { describeError } from '../errors';
import { ServiceModel } from '../model';
import { pythonAPISnippet } from '../snippets';

/** A failure as a notification: the service named, its message verbatim. */
export function notifyError(
  error: unknown,
  query?: string,
  autoClose = true
): void {
  const err = describeError(error, query);
  Notification.error(`${err.service ? err.service + ': ' : ''}${err.message}`, {
    ...(autoClose ? {} : { autoClose: false })
  });
}

/** Submit `query` as an async job of the model's service; says so (or why not) in a notification. */
export async function submitJob(
  model: ServiceModel,
  query: string,
  trans: TranslationBundle
): Promise<void> {
  try {
    const job = await model.submit(query);
    Notification.info(
      trans.__('Async job %1 submitted (%2)', job.job_id ?? job.id, job.phase),
      { autoClose: 4000 }
    );
  } catch (e) {
    notifyError(e, query, false);
  }
}

/** Insert the code of a query into the notebook: pyvo's (from the server) or the Python API's. */
export async function insertQueryCode(
  ctx: IVOContext,
  kind: 'pyvo' | 'api',
  provenance: IProvenance
): Promise<void> {
  try {
    const code =
      kind === 'pyvo'
        ? (await voAPI.code(provenance)).code
        : pythonAPISnippet(provenance);
    await ctx.insertCode(code);
  } catch (e) {
    notifyError(e);
  }
}

/** A short stable id for the view of the service at `url`. */
export function hashURL(text: string): string {
  let h = 0;
  for (let i = 0; i < text.length; i++) {
    h = (h * 31 + text.charCodeAt(i)) | 0;
  }
  return (h >>> 0).toString(36);
}

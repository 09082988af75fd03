/**
 * A SAMP send as a job row shows it (the SAMP section and Activity): the phase in words, and how far it is
 * ("Writing the VOTable: 12 of 30 MiB", "topcat has read 45 of 80 MiB"). Pure.
 */
import { TranslationBundle } from '@jupyterlab/translation';
import { reattachSnippet } from '../activity/snippets';
import { IJobView } from '../components/jobState';
import { formatBytes } from '../components/format';
import type { ISampSend } from './sendApi';

export function sendProgressText(
  send: ISampSend,
  trans: TranslationBundle
): string {
  if (send.state === 'preparing') {
    return send.estimate
      ? trans.__(
          'Writing the VOTable: %1 of about %2',
          formatBytes(send.written),
          formatBytes(send.estimate)
        )
      : trans.__('Preparing');
  }
  if (!send.size || !send.link) {
    return ''; // a notebook's send goes as a file:// URL: no reads to count
  }
  // the reader by name when the server sent it to one client (local mode), else the desktop tools
  const one = send.recipients.length === 1 ? send.recipients[0] : null;
  const read = formatBytes(send.served);
  const size = formatBytes(send.size);
  if (send.fetches === 0) {
    if (!send.active) {
      return trans.__('Not read through its link (%1)', size);
    }
    return one
      ? trans.__('Waiting for %1 to read it (%2)', one, size)
      : trans.__('Waiting for the desktop tools to read it (%1)', size);
  }
  return one
    ? trans.__('%1 has read %2 of %3', one, read, size)
    : trans.__('Read by the desktop tools: %1 of %2', read, size);
}

export function sendJobView(
  send: ISampSend,
  trans: TranslationBundle
): IJobView {
  return {
    id: send.id,
    state: send.state,
    active: send.active,
    // before the first bytes are counted the share is unknown; an empty bar says "not yet" where the shared
    // indeterminate bar (full width) read as finished in the screenshots
    progress: send.state === 'preparing' ? (send.progress ?? 0) : send.progress,
    progressText: sendProgressText(send, trans),
    error: send.error,
    errorService: 'SAMP',
    reattach: reattachSnippet('samp-send', send.id, send.name)
  };
}

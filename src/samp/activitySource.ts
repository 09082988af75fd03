/**
 * SAMP sends in the Activity view: preparing (the VOTable written) and sending (the desktop tool reading the
 * signed link), with Cancel (which revokes the link) and "Re-attach in a notebook".
 */
import type { IActivitySource } from '../activity/registry';
import { orNone, seconds } from '../activity/sources';
import { sendAPI } from './sendApi';
import { sendJobView } from './sendView';

export const sampActivity: IActivitySource = {
  name: 'samp',
  label: trans => trans.__('SAMP sends'),
  kinds: { 'samp-send': trans => trans.__('SAMP send') },
  list: async (signal, trans) =>
    (await orNone(sendAPI.list(signal))).map(send => ({
      id: `samp-send:${send.id}`,
      kind: 'samp-send',
      view: sendJobView(send, trans),
      title: send.mtype ? `${send.name} (${send.mtype})` : send.name,
      where:
        send.to === 'all'
          ? trans.__('every desktop tool that takes it')
          : send.recipients.join(', ') || send.to,
      startedAt: seconds(send.created_at),
      cancel: () => sendAPI.cancel(send.id)
    }))
};

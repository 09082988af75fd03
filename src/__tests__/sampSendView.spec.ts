/** What a SAMP send's job row says at each phase (src/samp/sendView.ts). */
import { nullTranslator } from '@jupyterlab/translation';
import { ISampSend } from '../samp/sendApi';
import { sendJobView, sendProgressText } from '../samp/sendView';

const trans = nullTranslator.load('jupyter_escape');

function send(over: Partial<ISampSend>): ISampSend {
  return {
    id: '0123456789abcdef',
    state: 'sending',
    active: true,
    mode: 'local',
    name: 'huge.parquet',
    to: 'all',
    source: { kind: 'file', path: 'huge.parquet' },
    mtype: 'table.load.votable',
    table_id: 'escape-1',
    rows: 600000,
    written: 0,
    estimate: null,
    size: 80 * 1024 * 1024,
    served: 0,
    fetches: 0,
    recipients: [],
    replies: [],
    link: 'escape/api/samp/files/t/huge.vot',
    url: null,
    code: null,
    error: null,
    progress: 0,
    created_at: 1,
    ended_at: null,
    ...over
  };
}

describe('SAMP send progress text', () => {
  it('counts the VOTable written while preparing', () => {
    const text = sendProgressText(
      send({
        state: 'preparing',
        written: 12 * 1024 * 1024,
        estimate: 30 * 1024 * 1024
      }),
      trans
    );
    expect(text).toBe('Writing the VOTable: 12 MiB of about 30 MiB');
  });

  it('names the one reader and what it has read', () => {
    const text = sendProgressText(
      send({ recipients: ['topcat'], fetches: 1, served: 45 * 1024 * 1024 }),
      trans
    );
    expect(text).toBe('topcat has read 45 MiB of 80 MiB');
  });

  it('says who it waits for, and when a send was never read', () => {
    expect(sendProgressText(send({ recipients: ['topcat'] }), trans)).toBe(
      'Waiting for topcat to read it (80 MiB)'
    );
    expect(
      sendProgressText(send({ state: 'done', active: false }), trans)
    ).toBe('Not read through its link (80 MiB)');
  });

  it('shows an empty bar, not a full one, before the first bytes are counted', () => {
    const view = sendJobView(
      send({ state: 'preparing', progress: null }),
      trans
    );
    expect([view.progress, view.progressText]).toEqual([0, 'Preparing']);
  });

  it('a notebook send (file:// URL) has no reads to count; the row re-attaches by id', () => {
    expect(sendProgressText(send({ link: null }), trans)).toBe('');
    const view = sendJobView(send({}), trans);
    expect(view.reattach).toContain(
      'activity.attach("samp-send", "0123456789abcdef")'
    );
    expect(view.errorService).toBe('SAMP');
  });
});

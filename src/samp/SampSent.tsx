/**
 * What was sent: the current send as a job row (progress while the table is written and while the desktop
 * reads it, Cancel while it runs), each client's answer with its code, the last selection sent, or why a send
 * could not start.
 */
import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
import { JobRow } from '../components/JobRow';
import { replyText } from './api';
import { SampModel } from './model';
import { ISampSend } from './sendApi';
import { sendJobView } from './sendView';

function SendRow(props: {
  send: ISampSend;
  model: SampModel;
  trans: TranslationBundle;
  insertCode: (code: string) => Promise<void>;
}): JSX.Element {
  const { send, model, trans } = props;
  const answered = send.replies.length > 0;
  // the answers are shown below in the clients' own words: not twice
  const view = { ...sendJobView(send, trans), reattach: null };
  if (answered) {
    view.error = null;
  }
  const title = send.mtype
    ? trans.__('%1 (%2)', send.name, send.mtype)
    : send.name;
  return (
    <JobRow
      trans={trans}
      job={view}
      title={title}
      label={trans.__('SAMP send of %1', send.name)}
      className="jp-escape-SampSend"
      onCancel={() => model.sends.cancel(send.id)}
      cancelTitle={trans.__(
        'Stop the send: its link is revoked, a read in flight is cut, its file removed'
      )}
    >
      {answered && send.state !== 'cancelled' && (
        <div className="jp-escape-SampLast" data-table-id={send.table_id ?? ''}>
          <span>
            {trans.__('Sent %1 (%2):', send.name, send.mtype ?? '')}{' '}
            {replyText(send.replies)}
          </span>
          {send.code && (
            <button
              type="button"
              className="jp-mod-styled"
              onClick={() => void props.insertCode(send.code!)}
            >
              {trans.__('Show me the code')}
            </button>
          )}
        </div>
      )}
      {send.state === 'cancelled' && (
        <div className="jp-escape-SampCancelled" role="status">
          {trans.__(
            'Cancelled: the link was revoked and the prepared file removed; the desktop tools got nothing.'
          )}
        </div>
      )}
    </JobRow>
  );
}

export function SampSent(props: {
  model: SampModel;
  trans: TranslationBundle;
  insertCode: (code: string) => Promise<void>;
}): JSX.Element {
  const { model, trans } = props;
  const current = model.sends.current;
  const selection = model.lastSelection;
  return (
    <>
      {model.sendError && (
        <span
          className="jp-escape-SampError jp-escape-SampSendError"
          role="alert"
        >
          {trans.__('Not sent: %1', model.sendError)}
        </span>
      )}
      {selection && (
        <div
          className="jp-escape-SampSelection"
          data-table-id={selection.tableId}
          data-rows={selection.rows.join(',')}
        >
          {trans.__(
            'Selection of %1 row(s) sent (table.select.rowList):',
            selection.rows.length
          )}{' '}
          {replyText(selection.replies)}
        </div>
      )}
      {current && (
        <SendRow
          send={current}
          model={model}
          trans={trans}
          insertCode={props.insertCode}
        />
      )}
    </>
  );
}

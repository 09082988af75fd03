/**
 * SAMP in the sidebar, under Services: the mode (local or remote), whether a hub was found, the desktop tools
 * connected with their icons and names, and the answer to the last send with its code.
 */
import { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget } from '@jupyterlab/ui-components';
import { Message } from '@lumino/messaging';
import * as React from 'react';
import { useSignals } from '../components/useSignals';
import { ISampClient, replyText } from './api';
import { SampModel } from './model';
import { PointForm } from './PointForm';

export class SampSection extends ReactWidget {
  constructor(
    readonly model: SampModel,
    readonly trans: TranslationBundle,
    readonly insertCode: (code: string) => Promise<void>
  ) {
    super();
    this.id = 'jp-escape-samp';
    this.title.label = trans.__('SAMP: desktop tools');
    this.title.caption = trans.__(
      'TOPCAT, Aladin, DS9 and other SAMP applications'
    );
    this.addClass('jp-escape-SampSection');
  }

  protected onAfterShow(msg: Message): void {
    super.onAfterShow(msg);
    void this.model.refresh();
  }

  protected onAfterAttach(msg: Message): void {
    super.onAfterAttach(msg);
    void this.model.refresh();
  }

  protected render(): JSX.Element {
    return <SampPanel section={this} />;
  }
}

function ClientRow(props: {
  client: ISampClient;
  trans: TranslationBundle;
}): JSX.Element {
  const { client, trans } = props;
  return (
    <li className="jp-escape-SampClient" data-client-id={client.id}>
      {client.icon_url ? (
        <img
          className="jp-escape-SampClient-icon"
          src={client.icon_url}
          alt=""
          width={20}
          height={20}
          referrerPolicy="no-referrer"
        />
      ) : (
        <span className="jp-escape-SampClient-icon" aria-hidden="true" />
      )}
      <span
        className="jp-escape-SampClient-name"
        title={client.description ?? ''}
      >
        {client.name}
      </span>
      <span className="jp-escape-SampClient-accepts">
        {client.accepts.length
          ? client.accepts.join(', ')
          : trans.__('takes none of our messages')}
      </span>
    </li>
  );
}

/** Applications with a name; clients that never declared one (hub probes, stale registrations) and other
 * jupyter-escape clients (tabs, notebooks, which broadcasts leave out) are counted. */
function ClientList(props: {
  status: NonNullable<SampModel['status']>;
  trans: TranslationBundle;
}): JSX.Element {
  const { status, trans } = props;
  const others = status.clients.filter(
    c => c.id !== 'hub' && c.id !== status.self_id
  );
  const ours = others.filter(c => c.ours).length;
  const named = others.filter(c => c.name !== c.id && !c.ours);
  const unnamed = others.length - named.length - ours;
  return (
    <>
      <ul
        className="jp-escape-SampClients"
        aria-label={trans.__('SAMP clients')}
      >
        {named.map(c => (
          <ClientRow key={c.id} client={c} trans={trans} />
        ))}
      </ul>
      {unnamed > 0 && (
        <span className="jp-escape-SampUnnamed">
          {trans.__('and %1 client(s) without a name', unnamed)}
        </span>
      )}
      {ours > 0 && (
        <span className="jp-escape-SampUnnamed">
          {trans.__(
            'and %1 other JupyterLab tab(s) or notebook(s) with jupyter-escape',
            ours
          )}
        </span>
      )}
    </>
  );
}

function SampPanel(props: { section: SampSection }): JSX.Element {
  const { model, trans } = props.section;
  useSignals([model.changed]);
  const status = model.status;
  return (
    <div className="jp-escape-SampPanel" aria-live="polite">
      <SampStatusLine model={model} trans={trans} />
      <SampActions model={model} trans={trans} />
      {status?.hub && <ClientList status={status} trans={trans} />}
      {status?.hub && (
        <PointForm
          model={model}
          trans={trans}
          insertCode={props.section.insertCode}
        />
      )}
      <SampSent section={props.section} />
    </div>
  );
}

/** The mode (local or remote), whether a hub is there, and what went wrong. */
function SampStatusLine(props: {
  model: SampModel;
  trans: TranslationBundle;
}): JSX.Element {
  const { model, trans } = props;
  const status = model.status;
  return (
    <div
      className="jp-escape-SampStatus"
      data-hub={status?.hub ? 'found' : 'none'}
      data-self-id={status?.self_id ?? ''}
    >
      <span
        className="jp-escape-SampMode"
        data-mode={status?.mode ?? 'unknown'}
      >
        {status?.mode === 'remote'
          ? trans.__(
              'Remote mode: this browser talks to the hub on your computer (Web Profile)'
            )
          : trans.__(
              'Local mode: the Jupyter server talks to the hub on this machine'
            )}
      </span>
      <span className="jp-escape-SampHub">
        {status?.hub ? trans.__('Hub found') : trans.__('No hub connected')}
      </span>
      {(status?.error || model.error) && (
        <span className="jp-escape-SampError" role="alert">
          {model.error ?? status?.error}
        </span>
      )}
    </div>
  );
}

/** Refresh, and connect to the desktop hub (remote) or start one here (local) when there is none. */
function SampActions(props: {
  model: SampModel;
  trans: TranslationBundle;
}): JSX.Element {
  const { model, trans } = props;
  const [busy, setBusy] = React.useState(false);
  const status = model.status;
  const remote = status?.mode === 'remote';
  const act = (fn: () => Promise<void>) => async () => {
    setBusy(true);
    try {
      await fn();
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="jp-escape-SampActions">
      <button
        type="button"
        className="jp-mod-styled"
        disabled={busy}
        onClick={act(async () => void (await model.refresh()))}
      >
        {trans.__('Refresh')}
      </button>
      {remote && !status?.hub && (
        <button
          type="button"
          className="jp-mod-styled jp-mod-accept"
          disabled={busy}
          onClick={act(() => model.connect())}
        >
          {trans.__('Connect to the desktop hub')}
        </button>
      )}
      {!remote && status && !status.hub && (
        <button
          type="button"
          className="jp-mod-styled"
          disabled={busy}
          onClick={act(() => model.startHub())}
        >
          {trans.__('Start a hub here')}
        </button>
      )}
    </div>
  );
}

/** What was sent last (a table, a selection) with each client's answer, or why a send failed. */
function SampSent(props: { section: SampSection }): JSX.Element {
  const { model, trans } = props.section;
  const last = model.lastSend;
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
      {model.lastSelection && (
        <div
          className="jp-escape-SampSelection"
          data-table-id={model.lastSelection.tableId}
          data-rows={model.lastSelection.rows.join(',')}
        >
          {trans.__(
            'Selection of %1 row(s) sent (table.select.rowList):',
            model.lastSelection.rows.length
          )}{' '}
          {replyText(model.lastSelection.replies)}
        </div>
      )}
      {last && (
        <div className="jp-escape-SampLast" data-table-id={last.table_id}>
          <span>
            {trans.__('Sent %1 (%2):', last.name, last.mtype)}{' '}
            {replyText(last.replies ?? [])}
          </span>
          <button
            type="button"
            className="jp-mod-styled"
            onClick={() => void props.section.insertCode(last.code)}
          >
            {trans.__('Show me the code')}
          </button>
        </div>
      )}
    </>
  );
}

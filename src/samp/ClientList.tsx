/** The desktop tools on the hub, with their icons, names and the messages of ours they take. */
import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
import { ISampClient, ISampStatus } from './api';

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
export function ClientList(props: {
  status: ISampStatus;
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

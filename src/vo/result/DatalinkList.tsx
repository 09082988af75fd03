/** The DataLink links of a result row, each fetched to the workspace on request. */
import * as React from 'react';
import { IDatalinkAnswer } from '../api';
import { formatBytes } from '../components';
import type { ResultPane } from '../ResultPane';

export function DatalinkList(props: {
  pane: ResultPane;
  answer: IDatalinkAnswer;
}): JSX.Element {
  const { pane, answer } = props;
  const model = pane.model;
  const trans = pane.ctx.trans;
  return (
    <section
      className="jp-escape-VO-datalink"
      aria-label={trans.__('DataLink links')}
    >
      <header>
        <strong>{trans.__('DataLink links (%1)', answer.links.length)}</strong>{' '}
        <button
          type="button"
          className="jp-mod-styled"
          onClick={() => model.setLinks(null)}
        >
          {trans.__('Close')}
        </button>
      </header>
      <ul>
        {answer.links.map((link, i) => (
          <li key={i}>
            <code>{link.semantics ?? '?'}</code>{' '}
            {link.description ?? link.access_url ?? link.service_def}{' '}
            {link.content_type && (
              <span className="jp-escape-VO-muted">
                {link.content_type}
                {link.content_length
                  ? `, ${formatBytes(Number(link.content_length))}`
                  : ''}
              </span>
            )}{' '}
            {link.error_message ? (
              <span className="jp-escape-VO-muted">{link.error_message}</span>
            ) : (
              <button
                type="button"
                className="jp-mod-styled"
                onClick={() => void model.fetchLink(i)}
              >
                {link.service_def
                  ? trans.__('Fetch (service)')
                  : trans.__('Fetch to workspace')}
              </button>
            )}{' '}
            {model.linkStatus[i] && (
              <span role="status">{model.linkStatus[i]}</span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A TAP service's published examples (DALI examples) and its capabilities (VOSI). */
import * as React from 'react';
import { ITapCapabilities } from '../api';
import { ErrorBox } from '../components';
import type { ServiceView } from '../ServiceView';

export function ExamplesTab(props: { view: ServiceView }): JSX.Element {
  const { view } = props;
  const trans = view.ctx.trans;
  const { examples, examplesError } = view.model;
  if (examplesError) {
    return <ErrorBox error={examplesError} trans={trans} />;
  }
  if (!examples) {
    return <p role="status">{trans.__('Loading examples…')}</p>;
  }
  if (!examples.length) {
    return (
      <p className="jp-escape-VO-muted">
        {trans.__('This service publishes no examples.')}
      </p>
    );
  }
  return (
    <ul className="jp-escape-Examples">
      {examples.map((ex, i) => (
        <li key={ex.id ?? i}>
          <strong>{ex.name || ex.id}</strong>
          {ex.description && (
            <p className="jp-escape-VO-desc">{ex.description}</p>
          )}
          <pre>{ex.query}</pre>
          <button
            type="button"
            className="jp-mod-styled"
            onClick={() => view.setQuery(ex.query)}
          >
            {trans.__('Use this query')}
          </button>
        </li>
      ))}
    </ul>
  );
}

/** "name: key value unit, …; …" for the service's limits. */
function limitsText(limits: ITapCapabilities['limits']): string {
  return Object.entries(limits)
    .map(
      ([name, v]) =>
        `${name}: ${Object.entries(v)
          .map(([k, x]) => `${k} ${x.value}${x.unit ? ' ' + x.unit : ''}`)
          .join(', ')}`
    )
    .join('; ');
}

export function CapabilitiesTab(props: { view: ServiceView }): JSX.Element {
  const { view } = props;
  const trans = view.ctx.trans;
  const { caps, capsError } = view.model;
  if (capsError) {
    return <ErrorBox error={capsError} trans={trans} />;
  }
  if (!caps) {
    return <p role="status">{trans.__('Loading capabilities…')}</p>;
  }
  return (
    <dl className="jp-escape-Caps">
      <dt>{trans.__('Languages')}</dt>
      <dd>
        {caps.languages
          .map(l => `${l.name} ${l.versions.join(', ')}`)
          .join('; ') || '—'}
      </dd>
      <dt>{trans.__('Output formats')}</dt>
      <dd>{caps.output_formats.map(f => f.mime).join(', ') || '—'}</dd>
      <dt>{trans.__('Limits')}</dt>
      <dd>{limitsText(caps.limits) || '—'}</dd>
      <dt>{trans.__('Upload methods')}</dt>
      <dd>{caps.upload_methods.length || '—'}</dd>
      <dt>{trans.__('Capabilities')}</dt>
      <dd>
        <ul>
          {caps.capabilities.map((c, i) => (
            <li key={i}>
              <code>{c.standard_id ?? '?'}</code>
            </li>
          ))}
        </ul>
      </dd>
    </dl>
  );
}

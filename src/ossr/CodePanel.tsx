/** "Show me the code" of a record: its snippets (download, install, cite...) to copy or insert as a cell. */
import * as React from 'react';
import { Tabs } from '../components';
import { useSignals } from '../components/useSignals';
import { Busy, ErrorBox } from './components';
import { IOSSRContext } from './context';
import { cellFor, SnippetsModel } from './snippetsModel';

export function CodePanel(props: {
  ctx: IOSSRContext;
  model: SnippetsModel;
}): JSX.Element {
  const { model } = props;
  const trans = props.ctx.trans;
  useSignals([model.changed]);
  if (model.error !== null) {
    return (
      <ErrorBox
        error={model.error}
        trans={trans}
        onRetry={() => model.retry()}
      />
    );
  }
  if (!model.snippets) {
    return <Busy label={trans.__('Loading the code…')} />;
  }
  const snippet = model.snippet;
  const cell = snippet ? cellFor(snippet) : null;
  return (
    <section
      className="jp-escape-OSSR-panel"
      aria-label={trans.__('Show me the code')}
    >
      <Tabs
        className="jp-escape-OSSR-tabs"
        tabClassName="jp-escape-OSSR-tab"
        label={trans.__('Code snippets')}
        current={snippet?.id ?? ''}
        onSelect={id => model.select(id)}
        items={model.snippets.map(s => ({ id: s.id, label: s.title }))}
      />
      {snippet && (
        <div role="tabpanel">
          <pre className="jp-escape-OSSR-code" tabIndex={0}>
            {snippet.code}
          </pre>
          <div className="jp-escape-OSSR-row">
            {cell !== null && (
              <button
                type="button"
                className="jp-mod-styled jp-mod-accept"
                onClick={() => void model.insertSnippet(cell)}
              >
                {trans.__('Insert into notebook')}
              </button>
            )}
            <button
              type="button"
              className="jp-mod-styled"
              onClick={() => model.copy(snippet.code)}
            >
              {trans.__('Copy')}
            </button>
            <span
              className="jp-escape-OSSR-muted"
              role="status"
              aria-live="polite"
            >
              {model.copied ?? model.inserted ?? ''}
            </span>
          </div>
        </div>
      )}
    </section>
  );
}

/** "Cite": the record's citation as BibTeX, CITATION.cff or DataCite JSON; copy it or write it from a cell. */
import * as React from 'react';
import { Tabs } from '../components';
import { useSignals } from '../components/useSignals';
import { Busy, ErrorBox } from './components';
import { IOSSRContext } from './context';
import { CitationModel } from './citationModel';

export function CitePanel(props: {
  ctx: IOSSRContext;
  model: CitationModel;
}): JSX.Element {
  const { model } = props;
  const trans = props.ctx.trans;
  useSignals([model.changed]);
  const citation = model.citation;
  return (
    <section
      className="jp-escape-OSSR-panel"
      aria-label={trans.__('Cite this record')}
    >
      <Tabs
        className="jp-escape-OSSR-tabs"
        tabClassName="jp-escape-OSSR-tab"
        label={trans.__('Citation format')}
        current={model.format}
        onSelect={format => model.select(format)}
        items={[
          { id: 'bibtex', label: 'BibTeX' },
          { id: 'cff', label: 'CITATION.cff' },
          { id: 'datacite', label: 'DataCite JSON' }
        ]}
      />
      <div role="tabpanel">
        {model.error !== null ? (
          <ErrorBox
            error={model.error}
            trans={trans}
            onRetry={() => model.retry()}
          />
        ) : !citation ? (
          <Busy label={trans.__('Formatting the citation…')} />
        ) : (
          <>
            <pre
              className="jp-escape-OSSR-code jp-escape-OSSR-citation"
              tabIndex={0}
            >
              {citation.text}
            </pre>
            <div className="jp-escape-OSSR-row">
              <button
                type="button"
                className="jp-mod-styled jp-mod-accept"
                onClick={() => model.copy(citation.text)}
              >
                {trans.__('Copy')}
              </button>
              <button
                type="button"
                className="jp-mod-styled"
                title={trans.__(
                  'Insert a cell that writes %1 next to the notebook',
                  citation.filename
                )}
                onClick={() => void model.insertCitation(citation)}
              >
                {trans.__('Insert into notebook')}
              </button>
              <span
                className="jp-escape-OSSR-muted"
                role="status"
                aria-live="polite"
              >
                {model.copied ?? model.inserted ?? citation.filename}
              </span>
            </div>
          </>
        )}
      </div>
    </section>
  );
}

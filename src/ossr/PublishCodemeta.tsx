/** The codemeta.json part of the publish view: where it came from, the form or JSON editor, the OSSR report, save. */
import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
import { Tabs } from '../components';
import { rulesFor } from './codemetaForm';
import { CodemetaEditor } from './CodemetaEditor';
import { ComplianceBadge } from './compliance';
import { ComplianceReport } from './ComplianceReport';
import { ErrorBox } from './components';
import { PublishModel } from './publishModel';

export function PublishCodemeta(props: {
  model: PublishModel;
  trans: TranslationBundle;
}): JSX.Element | null {
  const { model, trans } = props;
  const { doc, report, saved, busy, jsonError } = model;
  if (!doc) {
    return null;
  }
  const folder = model.loadedPath || '/';
  return (
    <>
      <p className="jp-escape-OSSR-muted">
        {model.origin === 'existing'
          ? trans.__('Using the codemeta.json of %1.', folder)
          : trans.__(
              'Generated from the files of %1: %2',
              folder,
              describeSources(model.sources, trans.__('nothing found'))
            )}
      </p>
      <section aria-labelledby="ossr-publish-meta">
        <div className="jp-escape-OSSR-row">
          <h2 id="ossr-publish-meta">codemeta.json</h2>
          {report && (
            <ComplianceBadge state={{ kind: 'report', report }} trans={trans} />
          )}
          <span className="jp-escape-OSSR-muted" aria-live="polite">
            {model.validating ? trans.__('checking…') : ''}
          </span>
        </div>
        <Tabs
          className="jp-escape-OSSR-tabs"
          tabClassName="jp-escape-OSSR-tab"
          label={trans.__('Editor')}
          current={model.mode}
          onSelect={mode => model.setMode(mode)}
          items={[
            { id: 'form', label: trans.__('Form') },
            { id: 'json', label: trans.__('JSON') }
          ]}
        />
        {model.mode === 'form' ? (
          <CodemetaEditor
            doc={doc}
            onChange={next => model.setDoc(next)}
            rules={term => rulesFor(report, term)}
            trans={trans}
            disabled={busy}
          />
        ) : (
          <label className="jp-escape-OSSR-field">
            {trans.__('codemeta.json (checked as you type)')}
            <textarea
              className="jp-escape-OSSR-json"
              spellCheck={false}
              value={model.jsonText}
              aria-invalid={!!jsonError}
              aria-describedby="ossr-json-error"
              disabled={busy}
              onChange={e => model.setJsonText(e.target.value)}
            />
          </label>
        )}
        <div
          id="ossr-json-error"
          role="alert"
          className="jp-escape-OSSR-fieldError"
        >
          {jsonError ? trans.__('Not valid JSON: %1', jsonError) : ''}
        </div>
        {model.validateError !== null && (
          <ErrorBox error={model.validateError} trans={trans} />
        )}
        {report && <ComplianceReport report={report} trans={trans} />}
        <div className="jp-escape-OSSR-row">
          <button
            type="button"
            className="jp-mod-styled"
            disabled={!!jsonError || busy}
            onClick={() => void model.saveToFolder()}
          >
            {trans.__('Save codemeta.json to the folder')}
          </button>
          <span className="jp-escape-OSSR-muted" role="status">
            {saved === null
              ? ''
              : saved.error === null
                ? trans.__('Saved %1', saved.file)
                : trans.__('Could not save %1: %2', saved.file, saved.error)}
          </span>
        </div>
      </section>
    </>
  );
}

/** "name ← pyproject.toml, license ← LICENSE. <note>" */
function describeSources(
  sources: Record<string, string>,
  none: string
): string {
  const entries = Object.entries(sources).filter(([k]) => !k.startsWith('_'));
  const text = entries.length
    ? entries.map(([term, from]) => `${term} ← ${from}`).join(', ')
    : none;
  return sources._note ? `${text}. ${sources._note}` : text;
}

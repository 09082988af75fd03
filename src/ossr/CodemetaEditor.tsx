/** The codemeta.json form: the common OSSR terms and the authors, with each term's failing rules beside it. */
import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
import {
  authorsOf,
  Codemeta,
  IAuthorFields,
  setAuthors,
  setTerm,
  termText
} from './codemetaForm';
import { closeIcon } from '@jupyterlab/ui-components';

const SPDX = [
  'MIT',
  'Apache-2.0',
  'BSD-3-Clause',
  'BSD-2-Clause',
  'GPL-3.0-or-later',
  'LGPL-3.0-or-later',
  'MPL-2.0',
  'CC-BY-4.0',
  'CC0-1.0'
];

/** Form over the common terms; anything else stays as it is in the JSON. */
export function CodemetaEditor(props: {
  doc: Codemeta;
  onChange: (doc: Codemeta) => void;
  rules: (term: string) => { level: string; message: string }[];
  trans: TranslationBundle;
  disabled: boolean;
}): JSX.Element {
  const { doc, onChange, trans } = props;
  const uid = React.useId();
  const field = (
    term: string,
    label: string,
    opts: {
      multiline?: boolean;
      list?: boolean;
      placeholder?: string;
      datalist?: string[];
    } = {}
  ) => {
    const rules = props.rules(term);
    const inputId = `${uid}-${term}`;
    const errorId = `${inputId}-rules`;
    const value = termText(doc, term, !!opts.list);
    const set = (text: string) =>
      onChange(setTerm(doc, term, text, !!opts.list));
    return (
      <div className="jp-escape-OSSR-field" key={term}>
        <label htmlFor={inputId}>{label}</label>
        {opts.multiline ? (
          <textarea
            id={inputId}
            className="jp-mod-styled"
            value={value}
            rows={3}
            aria-invalid={rules.some(r => r.level === 'error')}
            aria-describedby={errorId}
            onChange={e => set(e.target.value)}
          />
        ) : (
          <input
            id={inputId}
            type="text"
            className="jp-mod-styled"
            value={value}
            placeholder={opts.placeholder}
            list={opts.datalist ? `${errorId}-list` : undefined}
            aria-invalid={rules.some(r => r.level === 'error')}
            aria-describedby={errorId}
            onChange={e => set(e.target.value)}
          />
        )}
        {opts.datalist && (
          <datalist id={`${errorId}-list`}>
            {opts.datalist.map(v => (
              <option key={v} value={v} />
            ))}
          </datalist>
        )}
        <span id={errorId} className="jp-escape-OSSR-fieldRules">
          {rules.map((r, i) => (
            <span key={i} className={`jp-escape-OSSR-level-${r.level}`}>
              {r.message}
            </span>
          ))}
        </span>
      </div>
    );
  };
  const authors = authorsOf(doc);
  const setAuthor = (i: number, patch: Partial<IAuthorFields>) =>
    onChange(
      setAuthors(
        doc,
        authors.map((a, j) => (i === j ? { ...a, ...patch } : a))
      )
    );
  const authorRules = props.rules('author');
  return (
    <fieldset
      className="jp-escape-OSSR-fieldset jp-escape-OSSR-form"
      disabled={props.disabled}
    >
      <legend className="jp-escape-OSSR-muted">
        {trans.__('Common terms; edit the JSON for the others')}
      </legend>
      {field('name', trans.__('Name'))}
      {field('description', trans.__('Description'), { multiline: true })}
      {field('softwareVersion', trans.__('Version (semver, e.g. 1.2.0)'))}
      {field('license', trans.__('Licence (SPDX URL)'), {
        placeholder: 'https://spdx.org/licenses/MIT',
        datalist: SPDX.map(id => `https://spdx.org/licenses/${id}`)
      })}
      {field('codeRepository', trans.__('Code repository (https URL)'))}
      {field('readme', trans.__('README (URL)'))}
      {field('keywords', trans.__('Keywords (comma separated)'), {
        list: true
      })}
      {field('programmingLanguage', trans.__('Programming language'))}
      {field(
        'softwareRequirements',
        trans.__('Requirements (comma separated)'),
        { list: true }
      )}
      <div className="jp-escape-OSSR-field">
        <span>{trans.__('Authors')}</span>
        <table className="jp-escape-OSSR-table">
          <thead>
            <tr>
              <th scope="col">{trans.__('Given name')}</th>
              <th scope="col">{trans.__('Family name')}</th>
              <th scope="col">{trans.__('ORCID URL')}</th>
              <th scope="col">
                <span className="jp-escape-OSSR-srOnly">
                  {trans.__('Remove')}
                </span>
              </th>
            </tr>
          </thead>
          <tbody>
            {authors.map((a, i) => (
              <tr key={i}>
                <td>
                  <input
                    type="text"
                    className="jp-mod-styled"
                    aria-label={trans.__('Given name of author %1', i + 1)}
                    value={a.givenName}
                    onChange={e => setAuthor(i, { givenName: e.target.value })}
                  />
                </td>
                <td>
                  <input
                    type="text"
                    className="jp-mod-styled"
                    aria-label={trans.__('Family name of author %1', i + 1)}
                    value={a.familyName}
                    onChange={e => setAuthor(i, { familyName: e.target.value })}
                  />
                </td>
                <td>
                  <input
                    type="text"
                    className="jp-mod-styled"
                    aria-label={trans.__('ORCID of author %1', i + 1)}
                    placeholder="https://orcid.org/0000-0000-0000-0000"
                    value={a.orcid}
                    onChange={e => setAuthor(i, { orcid: e.target.value })}
                  />
                </td>
                <td>
                  <button
                    type="button"
                    className="jp-mod-styled"
                    aria-label={trans.__('Remove author %1', i + 1)}
                    onClick={() =>
                      onChange(
                        setAuthors(
                          doc,
                          authors.filter((_, j) => j !== i)
                        )
                      )
                    }
                  >
                    <closeIcon.react tag="span" />
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <button
          type="button"
          className="jp-mod-styled"
          onClick={() =>
            onChange(
              setAuthors(doc, [
                ...authors,
                { givenName: '', familyName: '', orcid: '' }
              ])
            )
          }
        >
          {trans.__('Add an author')}
        </button>
        <span className="jp-escape-OSSR-fieldRules">
          {authorRules.map((r, i) => (
            <span key={i} className={`jp-escape-OSSR-level-${r.level}`}>
              {r.message}
            </span>
          ))}
        </span>
      </div>
    </fieldset>
  );
}

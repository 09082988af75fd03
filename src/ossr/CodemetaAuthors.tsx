/** The authors of the codemeta.json form: given and family name, ORCID; add and remove; the author rules. */
import { TranslationBundle } from '@jupyterlab/translation';
import { closeIcon } from '@jupyterlab/ui-components';
import * as React from 'react';
import {
  authorsOf,
  Codemeta,
  IAuthorFields,
  maintainerIndex,
  setAuthors,
  setMaintainer
} from './codemetaForm';

/** A rule a term fails, as the form shows it beside the term. */
export interface IFieldRule {
  level: string;
  message: string;
  /** Whose rule: "eossr 2.3.1" or "jupyter-escape". */
  source?: string;
}

export function CodemetaAuthors(props: {
  doc: Codemeta;
  onChange: (doc: Codemeta) => void;
  rules: IFieldRule[];
  trans: TranslationBundle;
}): JSX.Element {
  const { doc, onChange, trans } = props;
  const authors = authorsOf(doc);
  const maintainer = maintainerIndex(doc);
  const setAuthor = (i: number, patch: Partial<IAuthorFields>) => {
    const next = setAuthors(
      doc,
      authors.map((a, j) => (i === j ? { ...a, ...patch } : a))
    );
    // the maintainer is a copy of an author's entry: it follows that author's edits
    onChange(i === maintainer ? setMaintainer(next, i) : next);
  };
  /** An input of author `i`'s `name` field. */
  const input = (
    i: number,
    name: 'givenName' | 'familyName' | 'orcid',
    label: string,
    placeholder?: string
  ) => (
    <td>
      <input
        type="text"
        className="jp-mod-styled"
        aria-label={label}
        placeholder={placeholder}
        value={authors[i][name]}
        onChange={e => setAuthor(i, { [name]: e.target.value })}
      />
    </td>
  );
  return (
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
              {input(
                i,
                'givenName',
                trans.__('Given name of author %1', i + 1)
              )}
              {input(
                i,
                'familyName',
                trans.__('Family name of author %1', i + 1)
              )}
              {input(
                i,
                'orcid',
                trans.__('ORCID of author %1', i + 1),
                'https://orcid.org/0000-0000-0000-0000'
              )}
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
      <FieldRules rules={props.rules} />
    </div>
  );
}

/** The rules a term fails, one line each, coloured by level. */
export function FieldRules(props: {
  id?: string;
  rules: IFieldRule[];
}): JSX.Element {
  return (
    <span id={props.id} className="jp-escape-OSSR-fieldRules">
      {props.rules.map((r, i) => (
        <span key={i} className={`jp-escape-OSSR-level-${r.level}`}>
          {r.message}
          {r.source && (
            <span className="jp-escape-OSSR-muted"> ({r.source})</span>
          )}
        </span>
      ))}
    </span>
  );
}

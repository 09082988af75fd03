/**
 * The maintainer of the codemeta.json form (eossr requires one): chosen among the authors, written as that
 * author's entry; eossr's rules about it beside the choice. A maintainer who is not an author stays as the JSON
 * has it and is named in the list.
 */
import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
import { FieldRules, IFieldRule } from './CodemetaAuthors';
import {
  authorsOf,
  Codemeta,
  maintainerIndex,
  maintainerName,
  setMaintainer
} from './codemetaForm';

export function CodemetaMaintainer(props: {
  id: string;
  doc: Codemeta;
  onChange: (doc: Codemeta) => void;
  rules: IFieldRule[];
  trans: TranslationBundle;
}): JSX.Element {
  const { id, doc, onChange, rules, trans } = props;
  const authors = authorsOf(doc);
  const index = maintainerIndex(doc);
  const other = index < 0 ? maintainerName(doc) : '';
  const rulesId = `${id}-rules`;
  return (
    <div className="jp-escape-OSSR-field">
      <label htmlFor={id}>{trans.__('Maintainer (one of the authors)')}</label>
      <select
        id={id}
        className="jp-mod-styled"
        value={index < 0 ? (other ? 'other' : '') : String(index)}
        aria-invalid={rules.some(r => r.level === 'error')}
        aria-describedby={rulesId}
        onChange={e =>
          e.target.value !== 'other' &&
          onChange(setMaintainer(doc, e.target.value ? +e.target.value : -1))
        }
      >
        <option value="">
          {authors.length
            ? trans.__('(none)')
            : trans.__('(add an author first)')}
        </option>
        {other && (
          <option value="other">
            {trans.__('%1 (not an author; as in the JSON)', other)}
          </option>
        )}
        {authors.map((a, i) => (
          <option key={i} value={String(i)}>
            {[a.givenName, a.familyName].filter(Boolean).join(' ') ||
              trans.__('author %1 (no name yet)', i + 1)}
          </option>
        ))}
      </select>
      <FieldRules id={rulesId} rules={rules} />
    </div>
  );
}

/** The codemeta.json form: the common OSSR terms and the authors, with each term's failing rules beside it. */
import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
import { CodemetaAuthors, FieldRules, IFieldRule } from './CodemetaAuthors';
import { CodemetaMaintainer } from './CodemetaMaintainer';
import { Codemeta, setTerm, termText } from './codemetaForm';

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

interface IEditorProps {
  doc: Codemeta;
  onChange: (doc: Codemeta) => void;
  rules: (term: string) => IFieldRule[];
  trans: TranslationBundle;
  disabled: boolean;
}

/** Form over the common terms; anything else stays as it is in the JSON. */
export function CodemetaEditor(props: IEditorProps): JSX.Element {
  const { doc, onChange, trans } = props;
  const uid = React.useId();
  const field = (term: string, label: string, opts: ITermOptions = {}) => (
    <TermField
      key={term}
      id={`${uid}-${term}`}
      term={term}
      label={label}
      options={opts}
      {...props}
    />
  );
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
      {field('datePublished', trans.__('Date published'), { date: true })}
      <CodemetaAuthors
        doc={doc}
        onChange={onChange}
        rules={props.rules('author')}
        trans={trans}
      />
      <CodemetaMaintainer
        id={`${uid}-maintainer`}
        doc={doc}
        onChange={onChange}
        rules={props.rules('maintainer')}
        trans={trans}
      />
    </fieldset>
  );
}

interface ITermOptions {
  multiline?: boolean;
  /** A list term, typed comma separated. */
  list?: boolean;
  placeholder?: string;
  /** Suggestions offered while typing. */
  datalist?: string[];
  /** A calendar date (YYYY-MM-DD, the form codemeta and eossr read). */
  date?: boolean;
}

/** One term: its label, input (or textarea) and the rules it fails. */
function TermField(
  props: IEditorProps & {
    id: string;
    term: string;
    label: string;
    options: ITermOptions;
  }
): JSX.Element {
  const { doc, term, id, options: opts } = props;
  const rules = props.rules(term);
  const rulesId = `${id}-rules`;
  const value = termText(doc, term, !!opts.list);
  const set = (text: string) =>
    props.onChange(setTerm(doc, term, text, !!opts.list));
  const invalid = rules.some(r => r.level === 'error');
  return (
    <div className="jp-escape-OSSR-field">
      <label htmlFor={id}>{props.label}</label>
      {opts.multiline ? (
        <textarea
          id={id}
          className="jp-mod-styled"
          value={value}
          rows={3}
          aria-invalid={invalid}
          aria-describedby={rulesId}
          onChange={e => set(e.target.value)}
        />
      ) : (
        <input
          id={id}
          type={opts.date ? 'date' : 'text'}
          className="jp-mod-styled"
          value={value}
          placeholder={opts.placeholder}
          list={opts.datalist ? `${rulesId}-list` : undefined}
          aria-invalid={invalid}
          aria-describedby={rulesId}
          onChange={e => set(e.target.value)}
        />
      )}
      {opts.datalist && (
        <datalist id={`${rulesId}-list`}>
          {opts.datalist.map(v => (
            <option key={v} value={v} />
          ))}
        </datalist>
      )}
      <FieldRules id={rulesId} rules={rules} />
    </div>
  );
}

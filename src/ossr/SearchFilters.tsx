/** The OSSR search's filters and sort: type, facility, licence, language (with facet counts), keywords, versions. */
import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
import { ISearchQuery } from './api';
import { SearchModel } from './searchModel';

const FACILITIES = ['CTA', 'LOFAR', 'KM3NeT', 'SKA', 'EGO-Virgo', 'LST', 'HST'];
const LANGUAGES = ['Python', 'C++', 'C', 'Julia', 'R', 'Java', 'Fortran'];
const LICENCES = [
  'mit',
  'apache-2.0',
  'bsd-3-clause',
  'gpl-3.0',
  'lgpl-3.0',
  'cc-by-4.0',
  'cc0-1.0'
];

export function SearchFilters(props: {
  model: SearchModel;
  trans: TranslationBundle;
}): JSX.Element {
  const { model, trans } = props;
  const { query } = model;
  /** " (12)": how many hits of the last answer have this facet value. */
  const count = (name: string, key: string) => {
    const f = model
      .facet(name)
      .find(x => x.key.toLowerCase() === key.toLowerCase());
    return f ? ` (${f.count})` : '';
  };
  const licences = Array.from(
    new Set([...model.facet('license').map(f => f.key), ...LICENCES])
  );
  /** A select of one query term: '' means any. */
  const choice = (
    term: keyof ISearchQuery & ('type' | 'facility' | 'license' | 'language'),
    label: string,
    options: { value: string; label: string; facet: string }[]
  ) => (
    <label>
      {label}
      <select
        className="jp-mod-styled"
        value={String(query[term] ?? '')}
        onChange={e => model.set({ [term]: e.target.value || undefined })}
      >
        <option value="">{trans.__('any')}</option>
        {options.map(o => (
          <option key={o.value} value={o.value}>
            {o.label}
            {count(o.facet, o.value)}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <details className="jp-escape-OSSR-filters">
      <summary>
        {model.filtersOn > 0
          ? trans.__('Filters and sort (%1 on)', model.filtersOn)
          : trans.__('Filters and sort')}
      </summary>
      <div className="jp-escape-OSSR-filterGrid">
        {choice('type', trans.__('Type'), [
          { value: 'software', label: trans.__('software'), facet: 'type' },
          { value: 'dataset', label: trans.__('dataset'), facet: 'type' }
        ])}
        {choice(
          'facility',
          trans.__('Facility'),
          FACILITIES.map(f => ({ value: f, label: f, facet: 'keywords' }))
        )}
        {choice(
          'license',
          trans.__('Licence'),
          licences.map(l => ({ value: l, label: l, facet: 'license' }))
        )}
        {choice(
          'language',
          trans.__('Language'),
          LANGUAGES.map(l => ({ value: l, label: l, facet: 'keywords' }))
        )}
        <label className="jp-escape-OSSR-wideField">
          {trans.__('Keywords (comma separated, all must match)')}
          <input
            type="text"
            className="jp-mod-styled"
            defaultValue={query.keywords ?? ''}
            onKeyDown={e => {
              if (e.key === 'Enter') {
                e.preventDefault();
                model.set({
                  keywords: e.currentTarget.value.trim() || undefined
                });
              }
            }}
            onBlur={e => {
              const value = e.target.value.trim() || undefined;
              if (value !== model.query.keywords) {
                model.set({ keywords: value });
              }
            }}
          />
        </label>
        <label>
          {trans.__('Sort')}
          <select
            className="jp-mod-styled"
            value={query.sort ?? ''}
            onChange={e => model.set({ sort: e.target.value || undefined })}
          >
            <option value="">{trans.__('default')}</option>
            <option value="bestmatch">{trans.__('best match')}</option>
            <option value="mostrecent">{trans.__('newest first')}</option>
            <option value="-mostrecent">{trans.__('oldest first')}</option>
          </select>
        </label>
        <label className="jp-escape-OSSR-check">
          <input
            type="checkbox"
            checked={!!query.all_versions}
            onChange={e =>
              model.set({ all_versions: e.target.checked || undefined })
            }
          />
          {trans.__('all versions')}
        </label>
      </div>
    </details>
  );
}

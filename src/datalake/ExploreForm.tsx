/** The Explore search form: scope, name wildcard, DID type, metadata filters; Search. Renders an ExploreModel. */
import * as React from 'react';
import { Busy } from '../components/Busy';
import { SearchType } from './api';
import { IDatalakeContext } from './context';
import { ExploreModel } from './exploreModel';
import { FilterRows } from './FilterRows';

export function ExploreForm(props: {
  ctx: IDatalakeContext;
  model: ExploreModel;
}): JSX.Element {
  const { ctx, model } = props;
  const trans = ctx.trans;
  const form = model.form;
  const ids = {
    scope: React.useId(),
    pattern: React.useId(),
    type: React.useId()
  };
  const scopes = model.scopes.data?.scopes ?? null;
  return (
    <form
      className="jp-escape-DL-searchForm"
      role="search"
      aria-label={trans.__('Search data identifiers')}
      onSubmit={e => {
        e.preventDefault();
        model.submit();
      }}
    >
      <div className="jp-escape-DL-row">
        <label htmlFor={ids.scope} className="jp-escape-DL-label">
          {trans.__('Scope')}
        </label>
        <select
          id={ids.scope}
          className="jp-mod-styled jp-escape-DL-grow"
          value={form.scope}
          disabled={!scopes}
          onChange={e => model.setForm({ scope: e.target.value })}
        >
          {!scopes && (
            <option value="">
              {model.scopes.busy ? trans.__('loading scopes…') : ''}
            </option>
          )}
          {(scopes ?? []).map(s => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </div>
      <div className="jp-escape-DL-row">
        <label htmlFor={ids.pattern} className="jp-escape-DL-label">
          {trans.__('Name')}
        </label>
        <input
          id={ids.pattern}
          type="search"
          className="jp-mod-styled jp-escape-DL-grow"
          placeholder={trans.__('wildcard, e.g. lofar_*')}
          value={form.pattern}
          onChange={e => model.setForm({ pattern: e.target.value })}
        />
      </div>
      <div className="jp-escape-DL-row">
        <label htmlFor={ids.type} className="jp-escape-DL-label">
          {trans.__('Type')}
        </label>
        <select
          id={ids.type}
          className="jp-mod-styled jp-escape-DL-grow"
          value={form.type}
          onChange={e => model.setForm({ type: e.target.value as SearchType })}
        >
          <option value="collection">
            {trans.__('containers and datasets')}
          </option>
          <option value="container">{trans.__('containers')}</option>
          <option value="dataset">{trans.__('datasets')}</option>
          <option value="file">{trans.__('files')}</option>
          <option value="all">{trans.__('everything')}</option>
        </select>
      </div>
      <FilterRows
        ctx={ctx}
        filters={form.filters}
        onChange={filters => model.setForm({ filters })}
      />
      {model.incomplete && (
        <p className="jp-escape-DL-hint" role="status">
          {trans.__('A filter with a key needs a value.')}
        </p>
      )}
      <div className="jp-escape-DL-row">
        <button
          type="submit"
          className="jp-mod-styled jp-mod-accept"
          disabled={!form.scope || model.incomplete}
        >
          {trans.__('Search')}
        </button>
        {(model.results.busy || model.collections.contents.busy) && (
          <Busy label={trans.__('Asking Rucio…')} inline showAfter={2} />
        )}
      </div>
    </form>
  );
}

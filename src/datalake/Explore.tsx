/**
 * Explore an instance: scope, name wildcard, DID type and metadata filters (key, operator, value) -> one page
 * of DIDs at a time; open a container or dataset to page through its children (a page is read from Rucio's
 * stream and the stream closed, so a 100,000-file dataset pages as fast as a small one); details open in the
 * main area. Every request is aborted when a newer one replaces it or the section goes away.
 */
import * as React from 'react';
import {
  datalakeAPI,
  FILTER_OPS,
  FilterOp,
  IContentsReply,
  IDIDRow,
  IFilter,
  ISearchQuery,
  ISearchReply,
  SearchType
} from './api';
import { Busy, formatBytes, isAbort } from '../components';
import { ErrorBox } from './components';
import { IDatalakeContext } from './context';
import { infoIcon } from '@jupyterlab/ui-components';
import { useFocusNewRow } from '../components/useFocusNewRow';

const SEARCH_PAGE = 50;
const CONTENTS_PAGE = 100;

/** Run `fetch` whenever `deps` change, aborting the previous run; returns [data, error, busy]. */
function useRequest<T>(
  fetch: ((signal: AbortSignal) => Promise<T>) | null,
  deps: React.DependencyList
): [T | null, unknown, boolean, () => void] {
  const [data, setData] = React.useState<T | null>(null);
  const [error, setError] = React.useState<unknown>(null);
  const [busy, setBusy] = React.useState(false);
  const [tick, setTick] = React.useState(0);
  React.useEffect(() => {
    if (!fetch) {
      setData(null);
      setError(null);
      return;
    }
    const controller = new AbortController();
    setBusy(true);
    setError(null);
    fetch(controller.signal)
      .then(
        value => {
          if (!controller.signal.aborted) {
            setData(value);
          }
        },
        e => {
          if (!controller.signal.aborted && !isAbort(e)) {
            setError(e);
          }
        }
      )
      .finally(() => {
        if (!controller.signal.aborted) {
          setBusy(false);
        }
      });
    return () => controller.abort();
  }, [...deps, tick]);
  return [data, error, busy, () => setTick(t => t + 1)];
}

function typeLabel(type: string, trans: IDatalakeContext['trans']): string {
  switch (type) {
    case 'CONTAINER':
      return trans.__('container');
    case 'DATASET':
      return trans.__('dataset');
    case 'FILE':
      return trans.__('file');
    default:
      return type.toLowerCase();
  }
}

function DIDList(props: {
  ctx: IDatalakeContext;
  instance: string;
  rows: IDIDRow[];
  label: string;
  onOpen: (row: IDIDRow) => void;
}): JSX.Element {
  const { ctx, rows } = props;
  const trans = ctx.trans;
  if (rows.length === 0) {
    return (
      <p className="jp-escape-DL-muted jp-escape-DL-empty">
        {trans.__('Nothing here.')}
      </p>
    );
  }
  return (
    <ul className="jp-escape-DL-list" aria-label={props.label}>
      {rows.map(row => {
        const collection = row.type === 'CONTAINER' || row.type === 'DATASET';
        return (
          <li
            key={row.did}
            className="jp-escape-DL-item"
            data-type={row.type}
            data-did={row.did}
          >
            <span
              className={`jp-escape-DL-type jp-escape-DL-type-${row.type.toLowerCase() || 'unknown'}`}
              title={
                row.type
                  ? typeLabel(row.type, trans)
                  : trans.__('type not reported by the search')
              }
            >
              {row.type ? row.type.charAt(0) : '?'}
            </span>
            <button
              type="button"
              className="jp-escape-DL-linkButton jp-escape-DL-itemName"
              title={
                collection
                  ? trans.__('Open %1', row.did)
                  : trans.__('Details of %1', row.did)
              }
              onClick={() => props.onOpen(row)}
            >
              {row.name}
            </button>
            <span className="jp-escape-DL-muted jp-escape-DL-size">
              {row.type === 'FILE'
                ? formatBytes(row.bytes)
                : row.length !== null && row.length !== undefined
                  ? trans._n('%1 item', '%1 items', row.length)
                  : ''}
            </span>
            {collection && (
              <button
                type="button"
                className="jp-escape-DL-iconButton"
                aria-label={trans.__('Details of %1', row.did)}
                title={trans.__('Details, replicas, rules; stage')}
                onClick={() => ctx.openDetails(props.instance, row.did)}
              >
                <infoIcon.react tag="span" />
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}

function Pager(props: {
  ctx: IDatalakeContext;
  offset: number;
  limit: number;
  shown: number;
  total: number | null;
  hasMore: boolean;
  busy: boolean;
  onOffset: (offset: number) => void;
}): JSX.Element | null {
  const { trans } = props.ctx;
  const { offset, limit, total, hasMore } = props;
  const pages = total !== null ? Math.max(1, Math.ceil(total / limit)) : null;
  const page = Math.floor(offset / limit) + 1;
  const [jump, setJump] = React.useState('');
  if (offset === 0 && !hasMore) {
    return null;
  }
  const from = props.shown === 0 ? 0 : offset + 1;
  const to = offset + props.shown;
  return (
    <nav className="jp-escape-DL-pager" aria-label={trans.__('Pages')}>
      <button
        type="button"
        className="jp-mod-styled jp-escape-DL-small"
        aria-label={trans.__('First page')}
        disabled={props.busy || offset === 0}
        onClick={() => props.onOffset(0)}
      >
        «
      </button>
      <button
        type="button"
        className="jp-mod-styled jp-escape-DL-small"
        aria-label={trans.__('Previous page')}
        disabled={props.busy || offset === 0}
        onClick={() => props.onOffset(Math.max(0, offset - limit))}
      >
        ‹
      </button>
      <span className="jp-escape-DL-pagerText" aria-live="polite">
        {total !== null
          ? trans.__(
              '%1–%2 of %3',
              from.toLocaleString(),
              to.toLocaleString(),
              total.toLocaleString()
            )
          : trans.__('%1–%2', from.toLocaleString(), to.toLocaleString())}
      </span>
      <button
        type="button"
        className="jp-mod-styled jp-escape-DL-small"
        aria-label={trans.__('Next page')}
        disabled={props.busy || !hasMore}
        onClick={() => props.onOffset(offset + limit)}
      >
        ›
      </button>
      {pages !== null && (
        <>
          <button
            type="button"
            className="jp-mod-styled jp-escape-DL-small"
            aria-label={trans.__('Last page')}
            disabled={props.busy || page >= pages}
            onClick={() => props.onOffset((pages - 1) * limit)}
          >
            »
          </button>
          <form
            className="jp-escape-DL-jump"
            onSubmit={e => {
              e.preventDefault();
              const n = parseInt(jump, 10);
              if (n >= 1 && n <= pages) {
                props.onOffset((n - 1) * limit);
              }
            }}
          >
            <input
              type="number"
              min={1}
              max={pages}
              className="jp-mod-styled"
              aria-label={trans.__('Go to page (of %1)', pages)}
              placeholder={`${page}/${pages}`}
              value={jump}
              onChange={e => setJump(e.target.value)}
            />
          </form>
        </>
      )}
    </nav>
  );
}

interface IFormState {
  scope: string;
  pattern: string;
  type: SearchType;
  filters: IFilter[];
}

function FilterRows(props: {
  ctx: IDatalakeContext;
  filters: IFilter[];
  onChange: (filters: IFilter[]) => void;
}): JSX.Element {
  const { trans } = props.ctx;
  const set = (i: number, patch: Partial<IFilter>) =>
    props.onChange(
      props.filters.map((f, j) => (j === i ? { ...f, ...patch } : f))
    );
  const fieldset = React.useRef<HTMLFieldSetElement>(null);
  const focusNewRow = useFocusNewRow(
    props.filters.length,
    fieldset,
    '.jp-escape-DL-filterKey'
  );
  return (
    <fieldset className="jp-escape-DL-filters" ref={fieldset}>
      <legend>{trans.__('Metadata filters (all must match)')}</legend>
      {props.filters.map((f, i) => (
        <div className="jp-escape-DL-filterRow" key={i}>
          <input
            type="text"
            className="jp-mod-styled jp-escape-DL-filterKey"
            aria-label={trans.__('Filter %1 key', i + 1)}
            placeholder={trans.__('key, e.g. telescope')}
            value={f.key}
            onChange={e => set(i, { key: e.target.value })}
          />
          <select
            className="jp-mod-styled jp-escape-DL-filterOp"
            aria-label={trans.__('Filter %1 operator', i + 1)}
            value={f.op}
            onChange={e => set(i, { op: e.target.value as FilterOp })}
          >
            {FILTER_OPS.map(op => (
              <option key={op} value={op}>
                {op}
              </option>
            ))}
          </select>
          <input
            type="text"
            className="jp-mod-styled jp-escape-DL-filterValue"
            aria-label={trans.__('Filter %1 value', i + 1)}
            placeholder={trans.__('value')}
            value={f.value}
            onChange={e => set(i, { value: e.target.value })}
          />
          <button
            type="button"
            className="jp-escape-DL-iconButton"
            aria-label={trans.__('Remove filter %1', i + 1)}
            onClick={() =>
              props.onChange(props.filters.filter((_, j) => j !== i))
            }
          >
            ×
          </button>
        </div>
      ))}
      <button
        type="button"
        className="jp-escape-DL-linkButton"
        onClick={() => {
          focusNewRow();
          props.onChange([...props.filters, { key: '', op: '=', value: '' }]);
        }}
      >
        {trans.__('+ Add a filter')}
      </button>
    </fieldset>
  );
}

interface ICrumb {
  did: string;
  name: string;
  type: string;
  offset: number;
}

export function Explore(props: {
  ctx: IDatalakeContext;
  instance: string;
}): JSX.Element {
  const { ctx, instance } = props;
  const trans = ctx.trans;
  const ids = {
    scope: React.useId(),
    pattern: React.useId(),
    type: React.useId()
  };
  const [form, setForm] = React.useState<IFormState>({
    scope: '',
    pattern: '*',
    type: 'collection',
    filters: []
  });
  const [query, setQuery] = React.useState<ISearchQuery | null>(null);
  const [path, setPath] = React.useState<ICrumb[]>([]);

  // "Browse contents" from a details view lands here.
  React.useEffect(() => {
    const take = () => {
      const request = ctx.model.takeBrowse(instance);
      if (request) {
        const name = request.did.slice(request.did.indexOf(':') + 1);
        setPath([{ did: request.did, name, type: request.type, offset: 0 }]);
      }
    };
    take();
    ctx.model.browseRequested.connect(take);
    return () => {
      ctx.model.browseRequested.disconnect(take);
    };
  }, [instance]);

  const [scopesReply, scopesError, scopesBusy, retryScopes] = useRequest(
    signal => datalakeAPI.scopes(instance, signal),
    [instance]
  );
  React.useEffect(() => {
    const scopes = scopesReply?.scopes;
    if (scopes && scopes.length > 0 && !form.scope) {
      // the configured default first; else a shared scope (the user's own scope is rarely the interesting one)
      const configured = scopesReply?.default_scope;
      const preferred =
        (configured && scopes.includes(configured) ? configured : null) ??
        scopes.find(
          s => !s.startsWith('user.') && s !== 'root' && !s.startsWith('mock')
        ) ??
        scopes[0];
      setForm(f => ({ ...f, scope: preferred }));
    }
  }, [scopesReply]);
  const scopes = scopesReply?.scopes ?? null;

  const [results, searchError, searching, retrySearch] =
    useRequest<ISearchReply>(
      query ? signal => datalakeAPI.search(instance, query, signal) : null,
      [instance, query]
    );

  const top = path.length > 0 ? path[path.length - 1] : null;
  const [contents, contentsError, listing, retryContents] =
    useRequest<IContentsReply>(
      top
        ? signal =>
            datalakeAPI.contents(
              instance,
              top.did,
              top.offset,
              CONTENTS_PAGE,
              signal
            )
        : null,
      [instance, top?.did, top?.offset]
    );

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (!form.scope) {
      return;
    }
    setPath([]);
    setQuery({
      scope: form.scope,
      pattern: form.pattern.trim() || '*',
      type: form.type,
      filters: form.filters.filter(f => f.key.trim()),
      offset: 0,
      limit: SEARCH_PAGE
    });
  };

  const open = (row: IDIDRow) => {
    // Rucio's metadata search answers without DID types: details tell, and offer "Browse contents".
    if (row.type === 'FILE' || !row.type) {
      ctx.openDetails(instance, row.did);
    } else {
      setPath(p => [
        ...p,
        { did: row.did, name: row.name, type: row.type, offset: 0 }
      ]);
    }
  };

  const incomplete = form.filters.some(f => f.key.trim() && !f.value.trim());

  return (
    <div className="jp-escape-DL-explore">
      <h3 className="jp-escape-DL-heading">{trans.__('Explore')}</h3>
      <form
        className="jp-escape-DL-searchForm"
        role="search"
        aria-label={trans.__('Search data identifiers')}
        onSubmit={submit}
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
            onChange={e => setForm(f => ({ ...f, scope: e.target.value }))}
          >
            {!scopes && (
              <option value="">
                {scopesBusy ? trans.__('loading scopes…') : ''}
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
            onChange={e => setForm(f => ({ ...f, pattern: e.target.value }))}
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
            onChange={e =>
              setForm(f => ({ ...f, type: e.target.value as SearchType }))
            }
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
          onChange={filters => setForm(f => ({ ...f, filters }))}
        />
        {incomplete && (
          <p className="jp-escape-DL-hint" role="status">
            {trans.__('A filter with a key needs a value.')}
          </p>
        )}
        <div className="jp-escape-DL-row">
          <button
            type="submit"
            className="jp-mod-styled jp-mod-accept"
            disabled={!form.scope || incomplete}
          >
            {trans.__('Search')}
          </button>
          {(searching || listing) && (
            <Busy label={trans.__('Asking Rucio…')} inline showAfter={2} />
          )}
        </div>
      </form>
      {scopesError !== null && (
        <ErrorBox error={scopesError} trans={trans} onRetry={retryScopes} />
      )}

      {path.length > 0 && (
        <nav className="jp-escape-DL-crumbs" aria-label={trans.__('Location')}>
          <button
            type="button"
            className="jp-escape-DL-linkButton"
            onClick={() => setPath([])}
          >
            {query ? trans.__('Search results') : trans.__('Back')}
          </button>
          {path.map((c, i) => (
            <React.Fragment key={c.did}>
              <span aria-hidden="true"> › </span>
              {i < path.length - 1 ? (
                <button
                  type="button"
                  className="jp-escape-DL-linkButton"
                  onClick={() => setPath(p => p.slice(0, i + 1))}
                >
                  {c.name}
                </button>
              ) : (
                <span
                  aria-current="location"
                  className="jp-escape-DL-crumbHere"
                >
                  {c.name}
                </span>
              )}
            </React.Fragment>
          ))}
        </nav>
      )}

      {top ? (
        <div className="jp-escape-DL-contents">
          <div className="jp-escape-DL-row">
            <span className="jp-escape-DL-muted jp-escape-DL-grow">
              {typeLabel(top.type, trans)} <code>{top.did}</code>
            </span>
            <button
              type="button"
              className="jp-mod-styled jp-escape-DL-small"
              onClick={() => ctx.openDetails(instance, top.did)}
            >
              {trans.__('Details & stage')}
            </button>
          </div>
          {contentsError !== null && (
            <ErrorBox
              error={contentsError}
              trans={trans}
              onRetry={retryContents}
            />
          )}
          {contents && contents.did === top.did && (
            <>
              <Pager
                ctx={ctx}
                offset={contents.offset}
                limit={contents.limit}
                shown={contents.items.length}
                total={contents.total}
                hasMore={contents.has_more}
                busy={listing}
                onOffset={offset =>
                  setPath(p => [...p.slice(0, -1), { ...top, offset }])
                }
              />
              <DIDList
                ctx={ctx}
                instance={instance}
                rows={contents.items}
                label={trans.__('Contents of %1', top.did)}
                onOpen={open}
              />
            </>
          )}
        </div>
      ) : (
        <div className="jp-escape-DL-results">
          {searchError !== null && (
            <ErrorBox error={searchError} trans={trans} onRetry={retrySearch} />
          )}
          {results && query && (
            <>
              <div className="jp-escape-DL-summary" aria-live="polite">
                {results.items.length === 0 && results.offset === 0
                  ? trans.__('No match in %1.', results.scope)
                  : trans.__(
                      'Matches in %1%2',
                      results.scope,
                      results.has_more
                        ? ''
                        : ` (${results.offset + results.items.length})`
                    )}
              </div>
              <Pager
                ctx={ctx}
                offset={results.offset}
                limit={results.limit}
                shown={results.items.length}
                total={null}
                hasMore={results.has_more}
                busy={searching}
                onOffset={offset => setQuery(q => (q ? { ...q, offset } : q))}
              />
              <DIDList
                ctx={ctx}
                instance={instance}
                rows={results.items}
                label={trans.__('Search results')}
                onOpen={open}
              />
            </>
          )}
        </div>
      )}
    </div>
  );
}

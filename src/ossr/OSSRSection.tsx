/**
 * The "Software (OSSR)" section of the ESCAPE sidebar: search the community (text, type, keywords, facility,
 * licence, language, sort, all versions), page through hits, open a record, start a publication.
 */
import { ReactWidget } from '@jupyterlab/apputils';
import * as React from 'react';
import { IConfig, IHit, ISearchQuery, ISearchReply, ossrAPI } from './api';
import {
  Busy,
  ComplianceBadge,
  ComplianceState,
  ErrorBox,
  RateLimitNotice
} from './components';
import { IOSSRContext } from './context';

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
const PAGE_SIZE = 10;

export class OSSRSection extends ReactWidget {
  constructor(private _ctx: IOSSRContext) {
    super();
    this.addClass('jp-escape-OSSRSection');
    this.title.label = _ctx.trans.__('Software (OSSR)');
  }

  render(): JSX.Element {
    return <Section ctx={this._ctx} />;
  }
}

/** Compliance of a hit's codemeta.json, fetched once per record and at most three at a time. */
const compliance = new Map<number, Promise<ComplianceState>>();
let running = 0;
const waiting: (() => void)[] = [];
function complianceOf(hit: IHit): Promise<ComplianceState> {
  if (!hit.has_codemeta) {
    return Promise.resolve({ kind: 'none' });
  }
  let known = compliance.get(hit.id);
  if (!known) {
    known = new Promise<void>(resolve => {
      running < 3 ? resolve() : waiting.push(resolve);
      running += 1;
    })
      .then(() => ossrAPI.codemeta(hit.id))
      .then(
        (view): ComplianceState =>
          view.report
            ? { kind: 'report', report: view.report }
            : { kind: 'none' },
        (error): ComplianceState => {
          compliance.delete(hit.id); // try again next time
          return { kind: 'unknown', message: String(error?.message ?? error) };
        }
      )
      .finally(() => {
        running -= 1;
        waiting.shift()?.();
      });
    compliance.set(hit.id, known);
  }
  return known;
}

function HitBadge(props: { hit: IHit; ctx: IOSSRContext }): JSX.Element {
  const [state, setState] = React.useState<ComplianceState>({
    kind: 'checking'
  });
  React.useEffect(() => {
    let live = true;
    void complianceOf(props.hit).then(s => live && setState(s));
    return () => {
      live = false;
    };
  }, [props.hit.id]);
  return <ComplianceBadge state={state} trans={props.ctx.trans} />;
}

function authorsLine(creators: string[], etAl: string): string {
  return creators.length > 3
    ? `${creators.slice(0, 3).join('; ')} ${etAl}`
    : creators.join('; ');
}

function Section(props: { ctx: IOSSRContext }): JSX.Element {
  const { ctx } = props;
  const trans = ctx.trans;
  const [config, setConfig] = React.useState<IConfig | null>(null);
  const [text, setText] = React.useState('');
  const [query, setQuery] = React.useState<ISearchQuery>({
    page: 1,
    size: PAGE_SIZE
  });
  const [reply, setReply] = React.useState<ISearchReply | null>(null);
  const [error, setError] = React.useState<unknown>(null);
  const [busy, setBusy] = React.useState(false);
  const [tick, setTick] = React.useState(0);
  const liveId = React.useId();

  React.useEffect(() => {
    ctx.config().then(setConfig, () => setConfig(null));
  }, []);

  React.useEffect(() => {
    let live = true;
    setBusy(true);
    setError(null);
    ossrAPI
      .search(query)
      .then(
        r => live && setReply(r),
        e => {
          if (live) {
            // the previous results would pass for answers to this query
            setReply(null);
            setError(e);
          }
        }
      )
      .finally(() => live && setBusy(false));
    return () => {
      live = false;
    };
  }, [query, tick]);

  const set = (patch: ISearchQuery) =>
    setQuery(q => ({ ...q, page: 1, ...patch }));
  const facet = (name: string) => reply?.facets?.[name] ?? [];
  const count = (name: string, key: string) => {
    const f = facet(name).find(x => x.key.toLowerCase() === key.toLowerCase());
    return f ? ` (${f.count})` : '';
  };
  const licences = Array.from(
    new Set([...facet('license').map(f => f.key), ...LICENCES])
  );
  const filtersOn = [
    'type',
    'keywords',
    'facility',
    'license',
    'language'
  ].filter(k => (query as any)[k]).length;

  if (config && !config.configured) {
    return (
      <div className="jp-escape-OSSRSection-body">
        <p className="jp-escape-OSSR-muted">
          {trans.__(
            'No software repository is configured on the server (EscapeConfig.software_repository).'
          )}
        </p>
      </div>
    );
  }

  return (
    <div className="jp-escape-OSSRSection-body">
      <form
        className="jp-escape-OSSR-searchForm"
        role="search"
        aria-label={trans.__('Search the software repository')}
        onSubmit={e => {
          e.preventDefault();
          set({ q: text.trim() });
        }}
      >
        <input
          type="search"
          className="jp-mod-styled"
          aria-label={trans.__('Search text')}
          placeholder={
            config?.community
              ? trans.__('Search %1', config.community)
              : trans.__('Search the OSSR')
          }
          value={text}
          onChange={e => setText(e.target.value)}
        />
        <button type="submit" className="jp-mod-styled jp-mod-accept">
          {trans.__('Search')}
        </button>
      </form>
      <details className="jp-escape-OSSR-filters">
        <summary>
          {filtersOn > 0
            ? trans.__('Filters and sort (%1 on)', filtersOn)
            : trans.__('Filters and sort')}
        </summary>
        <div className="jp-escape-OSSR-filterGrid">
          <label>
            {trans.__('Type')}
            <select
              className="jp-mod-styled"
              value={query.type ?? ''}
              onChange={e => set({ type: e.target.value || undefined })}
            >
              <option value="">{trans.__('any')}</option>
              <option value="software">
                {trans.__('software')}
                {count('type', 'software')}
              </option>
              <option value="dataset">
                {trans.__('dataset')}
                {count('type', 'dataset')}
              </option>
            </select>
          </label>
          <label>
            {trans.__('Facility')}
            <select
              className="jp-mod-styled"
              value={query.facility ?? ''}
              onChange={e => set({ facility: e.target.value || undefined })}
            >
              <option value="">{trans.__('any')}</option>
              {FACILITIES.map(f => (
                <option key={f} value={f}>
                  {f}
                  {count('keywords', f)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {trans.__('Licence')}
            <select
              className="jp-mod-styled"
              value={query.license ?? ''}
              onChange={e => set({ license: e.target.value || undefined })}
            >
              <option value="">{trans.__('any')}</option>
              {licences.map(l => (
                <option key={l} value={l}>
                  {l}
                  {count('license', l)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {trans.__('Language')}
            <select
              className="jp-mod-styled"
              value={query.language ?? ''}
              onChange={e => set({ language: e.target.value || undefined })}
            >
              <option value="">{trans.__('any')}</option>
              {LANGUAGES.map(l => (
                <option key={l} value={l}>
                  {l}
                  {count('keywords', l)}
                </option>
              ))}
            </select>
          </label>
          <label className="jp-escape-OSSR-wideField">
            {trans.__('Keywords (comma separated, all must match)')}
            <input
              type="text"
              className="jp-mod-styled"
              defaultValue={query.keywords ?? ''}
              onKeyDown={e => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  set({ keywords: e.currentTarget.value.trim() || undefined });
                }
              }}
              onBlur={e => {
                const value = e.target.value.trim() || undefined;
                if (value !== query.keywords) {
                  set({ keywords: value });
                }
              }}
            />
          </label>
          <label>
            {trans.__('Sort')}
            <select
              className="jp-mod-styled"
              value={query.sort ?? ''}
              onChange={e => set({ sort: e.target.value || undefined })}
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
                set({ all_versions: e.target.checked || undefined })
              }
            />
            {trans.__('all versions')}
          </label>
        </div>
      </details>
      <div id={liveId} className="jp-escape-OSSR-summary" aria-live="polite">
        {busy ? (
          <Busy label={trans.__('Searching…')} />
        ) : reply ? (
          trans._n('%1 record', '%1 records', reply.total) +
          (reply.total > 0
            ? ' · ' +
              trans.__(
                'page %1 of %2',
                reply.page,
                Math.max(1, Math.ceil(reply.total / reply.size))
              )
            : '')
        ) : null}
      </div>
      {error !== null && (
        <ErrorBox
          error={error}
          trans={trans}
          onRetry={() => setTick(t => t + 1)}
        />
      )}
      <RateLimitNotice events={reply?.rate_limited} trans={trans} />
      {reply && (
        <ul
          className="jp-escape-OSSR-hits"
          aria-busy={busy}
          aria-label={trans.__('Search results')}
        >
          {reply.hits.map(hit => (
            <li key={hit.id} className="jp-escape-OSSR-hit">
              <button
                type="button"
                className="jp-escape-OSSR-linkButton jp-escape-OSSR-hitTitle"
                onClick={() => ctx.openRecord(hit.id, hit.title)}
                title={hit.summary}
              >
                {hit.title}
              </button>
              <div className="jp-escape-OSSR-hitMeta">
                {hit.version && <span>{hit.version}</span>}
                {hit.type && (
                  <span className="jp-escape-OSSR-pill">{hit.type}</span>
                )}
                {hit.license && (
                  <span className="jp-escape-OSSR-pill">{hit.license}</span>
                )}
                {!hit.is_latest && (
                  <span className="jp-escape-OSSR-pill">
                    {trans.__('older version')}
                  </span>
                )}
                <HitBadge hit={hit} ctx={ctx} />
              </div>
              <div className="jp-escape-OSSR-muted jp-escape-OSSR-authors">
                {authorsLine(hit.creators, trans.__('et al.'))}
                {hit.publication_date ? ` · ${hit.publication_date}` : ''}
              </div>
            </li>
          ))}
        </ul>
      )}
      {reply && reply.total > reply.size && (
        <nav
          className="jp-escape-OSSR-pager"
          aria-label={trans.__('Result pages')}
        >
          <button
            type="button"
            className="jp-mod-styled"
            disabled={busy || reply.page <= 1}
            onClick={() => setQuery(q => ({ ...q, page: (q.page ?? 1) - 1 }))}
          >
            {trans.__('Previous')}
          </button>
          <button
            type="button"
            className="jp-mod-styled"
            disabled={busy || !reply.has_next}
            onClick={() => setQuery(q => ({ ...q, page: (q.page ?? 1) + 1 }))}
          >
            {trans.__('Next')}
          </button>
        </nav>
      )}
      <div className="jp-escape-OSSR-sectionActions">
        <button
          type="button"
          className="jp-mod-styled"
          onClick={() => ctx.openPublish(ctx.currentFolder())}
          title={
            config && !config.can_publish
              ? trans.__(
                  'Publishing is not enabled on this server; you can still prepare codemeta.json'
                )
              : trans.__('Publish the folder shown in the file browser')
          }
        >
          {trans.__('Publish a folder…')}
        </button>
      </div>
    </div>
  );
}

/**
 * One TAP service: tables and columns (VOSI detail=min, then one table's columns on demand), examples,
 * capabilities and this service's jobs on the left; the ADQL editor with MAXREC/format, Run (sync) and
 * Submit (async) on top; the result grid below.
 */
import { Notification, ReactWidget } from '@jupyterlab/apputils';
import { SplitPanel } from '@lumino/widgets';
import * as React from 'react';
import { requestArrow } from '../grid';
import type { ADQLSchema, IADQLEditor } from './adqlEditor';
import { IExample, IJob, ITableInfo, ITapCapabilities, voAPI } from './api';
import { ErrorBox } from './components';
import { IVOContext } from './context';
import { describeError, IErrorView } from './errors';
import { JobsList } from './JobsList';
import { ResultPane } from './ResultPane';
import { pythonAPISnippet } from './snippets';
import { addServiceToBasket, basketAvailable } from '../basket/voLink';
import { querySummary } from '../components/querySummary';

type Tab = 'tables' | 'examples' | 'capabilities' | 'jobs';

interface IServiceState {
  tables: ITableInfo[] | null;
  tablesError: IErrorView | null;
  details: Record<string, ITableInfo | 'loading' | IErrorView>;
  examples: IExample[] | null;
  examplesError: IErrorView | null;
  caps: ITapCapabilities | null;
  capsError: IErrorView | null;
}

/** Transports of a sync query: "auto" moves rows as FITS when that gives exactly the VOTable result. */
const FORMATS: [string, string][] = [
  ['auto', 'auto (fastest exact)'],
  ['binary2', 'VOTable BINARY2'],
  ['binary', 'VOTable BINARY'],
  ['tabledata', 'VOTable TABLEDATA'],
  ['fits', 'FITS']
];

export class ServiceView extends SplitPanel {
  constructor(
    private _ctx: IVOContext,
    readonly url: string,
    title?: string
  ) {
    super({ orientation: 'horizontal' });
    this.addClass('jp-escape-ServiceView');
    this.id = `jp-escape-vo-service-${hash(url)}`;
    this.title.label = title || url;
    this.title.caption = url;
    this.title.closable = true;

    this._left = new LeftPanel(this);
    this._query = new QueryPanel(this);
    this._pane = new ResultPane(
      _ctx,
      _ctx.trans.__(
        'Run a query (Ctrl+Enter) or submit it as an async job (Shift+Ctrl+Enter); the result appears here.'
      )
    );
    const right = new SplitPanel({ orientation: 'vertical' });
    right.addWidget(this._query);
    right.addWidget(this._pane);
    right.setRelativeSizes([1, 2]);
    this.addWidget(this._left);
    this.addWidget(right);
    this.setRelativeSizes([1, 3]);
    void this._loadService();
  }

  readonly state: IServiceState = {
    tables: null,
    tablesError: null,
    details: {},
    examples: null,
    examplesError: null,
    caps: null,
    capsError: null
  };
  tab: Tab = 'tables';
  maxrec: number | null = 1000;
  format = 'auto';
  jobsKey = 0;
  editor: IADQLEditor | null = null;
  /** Text to put in the editor once it exists. */
  pendingQuery: string | null = null;

  get ctx(): IVOContext {
    return this._ctx;
  }

  get resultPane(): ResultPane {
    return this._pane;
  }

  refresh(): void {
    this._left.update();
    this._query.update();
  }

  setQuery(text: string): void {
    if (this.editor) {
      this.editor.setValue(text);
      this.editor.focus();
    } else {
      this.pendingQuery = text;
    }
  }

  /** Fetch one table's columns (once) and feed them to the editor's completion. */
  async loadTable(name: string): Promise<void> {
    const current = this.state.details[name];
    if (current && (current === 'loading' || 'columns' in (current as any))) {
      return;
    }
    this.state.details[name] = 'loading';
    this._defaultTable = name;
    this.refresh();
    try {
      this.state.details[name] = await voAPI.table(this.url, name);
    } catch (e) {
      this.state.details[name] = describeError(e);
    }
    this.updateSchema();
    this.refresh();
  }

  /** Tables named in the query get their columns fetched, so completion knows them. */
  watchQuery(text: string): void {
    const lower = text.toLowerCase();
    let named: string | null = null;
    for (const t of this.state.tables ?? []) {
      if (lower.includes(t.name.toLowerCase())) {
        named = t.name;
        if (!this.state.details[t.name]) {
          void this.loadTable(t.name);
        }
      }
    }
    // unqualified column names complete from the table the query names (else the last one opened)
    if (named && named !== this._defaultTable) {
      this._defaultTable = named;
      this.updateSchema();
    }
  }

  updateSchema(): void {
    if (!this.editor) {
      return;
    }
    const schema: ADQLSchema = {};
    for (const t of this.state.tables ?? []) {
      const d = this.state.details[t.name];
      schema[t.name] =
        d && typeof d === 'object' && 'columns' in d
          ? (d.columns ?? []).map(c => c.name)
          : [];
    }
    this.editor.setSchema(schema, this._defaultTable ?? undefined);
  }

  run(): void {
    const query = this.editor?.getValue().trim() ?? '';
    if (!query) {
      return;
    }
    const maxrec = this.maxrec;
    void this._pane.run({
      // Named after what it asks (table, region, TOP): the tab, sky layer, plot and basket item take it.
      label: querySummary(query),
      query,
      provenance: { kind: 'tap', url: this.url, query, maxrec, mode: 'sync' },
      fetch: signal =>
        requestArrow('vo/tap/sync', {
          method: 'POST',
          body: JSON.stringify({
            url: this.url,
            query,
            maxrec,
            format: this.format
          }),
          signal
        }),
      onRerun: m => {
        this.maxrec = m;
        this.refresh();
        this.run();
      },
      onSubmitAsync: () => void this.submit(),
      onGoTo: (line, column) => this.editor?.focusAt(line, column)
    });
  }

  async submit(): Promise<void> {
    const query = this.editor?.getValue().trim() ?? '';
    if (!query) {
      return;
    }
    const trans = this._ctx.trans;
    try {
      const job = await voAPI.submit({
        url: this.url,
        query,
        maxrec: this.maxrec
      });
      Notification.info(
        trans.__(
          'Async job %1 submitted (%2)',
          job.job_id ?? job.id,
          job.phase
        ),
        {
          autoClose: 4000
        }
      );
      this.tab = 'jobs';
      this.jobsKey++;
      this.refresh();
    } catch (e) {
      const err = describeError(e, query);
      Notification.error(
        `${err.service ? err.service + ': ' : ''}${err.message}`,
        { autoClose: false }
      );
    }
  }

  showJob(job: IJob): void {
    void this._pane.run({
      label: this._ctx.trans.__(
        '%1 (job %2)',
        querySummary(job.query),
        job.job_id ?? job.id
      ),
      query: job.query,
      provenance: {
        kind: 'tap',
        url: job.service_url,
        query: job.query,
        maxrec: job.maxrec ?? null,
        mode: 'async'
      },
      fetch: signal =>
        requestArrow(`vo/tap/jobs/${encodeURIComponent(job.id)}/results`, {
          signal
        })
    });
  }

  async showCode(kind: 'pyvo' | 'api'): Promise<void> {
    const query = this.editor?.getValue().trim() ?? '';
    const provenance = {
      kind: 'tap' as const,
      url: this.url,
      query,
      maxrec: this.maxrec,
      mode: 'sync' as const
    };
    try {
      const code =
        kind === 'pyvo'
          ? (await voAPI.code(provenance)).code
          : pythonAPISnippet(provenance);
      await this._ctx.insertCode(code);
    } catch (e) {
      const err = describeError(e);
      Notification.error(
        `${err.service ? err.service + ': ' : ''}${err.message}`
      );
    }
  }

  dispose(): void {
    this.editor?.dispose();
    this.editor = null;
    super.dispose();
  }

  private async _loadService(): Promise<void> {
    const s = this.state;
    const tables = voAPI
      .tables(this.url)
      .then(r => {
        s.tables = r.tables;
        this.updateSchema();
      })
      .catch(e => (s.tablesError = describeError(e)));
    const examples = voAPI
      .examples(this.url)
      .then(r => (s.examples = r.examples))
      .catch(e => (s.examplesError = describeError(e)));
    const caps = voAPI
      .capabilities(this.url)
      .then(r => (s.caps = r))
      .catch(e => (s.capsError = describeError(e)));
    await tables;
    this.refresh();
    await Promise.all([examples, caps]);
    this.refresh();
  }

  private _defaultTable: string | null = null;
  private _left: ReactWidget;
  private _query: ReactWidget;
  private _pane: ResultPane;
}

function hash(text: string): string {
  let h = 0;
  for (let i = 0; i < text.length; i++) {
    h = (h * 31 + text.charCodeAt(i)) | 0;
  }
  return (h >>> 0).toString(36);
}

class LeftPanel extends ReactWidget {
  constructor(private _view: ServiceView) {
    super();
    this.addClass('jp-escape-ServiceView-left');
  }

  render(): JSX.Element {
    return <ServiceSidebar view={this._view} />;
  }
}

class QueryPanel extends ReactWidget {
  constructor(private _view: ServiceView) {
    super();
    this.addClass('jp-escape-ServiceView-query');
  }

  render(): JSX.Element {
    return <QueryEditor view={this._view} />;
  }
}

function ServiceSidebar(props: { view: ServiceView }): JSX.Element {
  const { view } = props;
  const trans = view.ctx.trans;
  const [filter, setFilter] = React.useState('');
  const tabs: [Tab, string][] = [
    ['tables', trans.__('Tables')],
    ['examples', trans.__('Examples')],
    ['capabilities', trans.__('Capabilities')],
    ['jobs', trans.__('Jobs')]
  ];
  const select = (tab: Tab) => {
    view.tab = tab;
    view.refresh();
  };
  return (
    <div className="jp-escape-ServiceSidebar">
      <div className="jp-escape-ServiceSidebar-url" title={view.url}>
        {view.url}
      </div>
      {basketAvailable(view.ctx.app.commands) && (
        <button
          type="button"
          className="jp-mod-styled jp-escape-VO-basketService"
          onClick={() =>
            addServiceToBasket(
              view.ctx.app.commands,
              view.url,
              view.title.label
            ).then(
              item =>
                Notification.success(
                  trans.__('Added "%1" to the basket', item.title),
                  { autoClose: 3000 }
                ),
              error =>
                Notification.error(
                  `${error?.service ? error.service + ': ' : ''}${error?.message ?? error}`
                )
            )
          }
        >
          {trans.__('Add service to basket')}
        </button>
      )}
      <div
        role="tablist"
        aria-label={trans.__('Service information')}
        className="jp-escape-Tabs"
      >
        {tabs.map(([id, label]) => (
          <button
            key={id}
            role="tab"
            type="button"
            id={`${view.id}-tab-${id}`}
            aria-selected={view.tab === id}
            aria-controls={`${view.id}-panel`}
            className={`jp-escape-Tab${view.tab === id ? ' jp-mod-active' : ''}`}
            onClick={() => select(id)}
            onKeyDown={e => {
              const i = tabs.findIndex(([t]) => t === id);
              if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
                const next =
                  tabs[
                    (i + (e.key === 'ArrowRight' ? 1 : tabs.length - 1)) %
                      tabs.length
                  ][0];
                select(next);
                window.requestAnimationFrame(() =>
                  document.getElementById(`${view.id}-tab-${next}`)?.focus()
                );
              }
            }}
          >
            {label}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={`${view.id}-panel`}
        aria-labelledby={`${view.id}-tab-${view.tab}`}
        className="jp-escape-ServiceSidebar-panel"
      >
        {view.tab === 'tables' && (
          <TablesTab view={view} filter={filter} setFilter={setFilter} />
        )}
        {view.tab === 'examples' && <ExamplesTab view={view} />}
        {view.tab === 'capabilities' && <CapabilitiesTab view={view} />}
        {view.tab === 'jobs' && (
          <JobsList
            trans={trans}
            serviceUrl={view.url}
            reloadKey={view.jobsKey}
            onShowResult={job => view.showJob(job)}
          />
        )}
      </div>
    </div>
  );
}

function TablesTab(props: {
  view: ServiceView;
  filter: string;
  setFilter: (f: string) => void;
}): JSX.Element {
  const { view, filter } = props;
  const trans = view.ctx.trans;
  const s = view.state;
  if (s.tablesError) {
    return <ErrorBox error={s.tablesError} trans={trans} />;
  }
  if (!s.tables) {
    return <p role="status">{trans.__('Loading tables…')}</p>;
  }
  const f = filter.toLowerCase();
  const shown = s.tables.filter(
    t =>
      !f ||
      t.name.toLowerCase().includes(f) ||
      (t.description ?? '').toLowerCase().includes(f)
  );
  return (
    <div>
      <input
        type="search"
        className="jp-mod-styled jp-escape-VO-wide"
        placeholder={trans.__('Filter %1 tables', s.tables.length)}
        aria-label={trans.__('Filter tables')}
        value={filter}
        onChange={e => props.setFilter(e.target.value)}
      />
      <ul className="jp-escape-TableList">
        {shown.slice(0, 500).map(t => {
          const detail = s.details[t.name];
          return (
            <li key={t.name}>
              <details
                onToggle={e => {
                  if ((e.target as HTMLDetailsElement).open) {
                    void view.loadTable(t.name);
                  }
                }}
              >
                <summary title={t.description}>
                  <code>{t.name}</code>
                  {t.nrows ? (
                    <span className="jp-escape-VO-muted">
                      {' '}
                      {trans.__('%1 rows', t.nrows)}
                    </span>
                  ) : null}
                </summary>
                {t.description && (
                  <p className="jp-escape-VO-desc">{t.description}</p>
                )}
                <button
                  type="button"
                  className="jp-mod-styled"
                  onClick={() =>
                    view.setQuery(`SELECT TOP 100 *\nFROM ${t.name}`)
                  }
                >
                  {trans.__('Query this table')}
                </button>
                {detail === 'loading' && (
                  <p role="status">{trans.__('Loading columns…')}</p>
                )}
                {detail &&
                  typeof detail === 'object' &&
                  'message' in detail && (
                    <ErrorBox error={detail} trans={trans} />
                  )}
                {detail &&
                  typeof detail === 'object' &&
                  'columns' in detail && (
                    <table className="jp-escape-ColumnTable">
                      <thead>
                        <tr>
                          <th scope="col">{trans.__('Column')}</th>
                          <th scope="col">{trans.__('Unit')}</th>
                          <th scope="col">{trans.__('UCD')}</th>
                          <th scope="col">{trans.__('Description')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {(detail.columns ?? []).map(c => (
                          <tr key={c.name}>
                            <th scope="row" title={c.datatype ?? ''}>
                              <code>{c.name}</code>
                            </th>
                            <td>{c.unit}</td>
                            <td>{c.ucd}</td>
                            <td>{c.description}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  )}
              </details>
            </li>
          );
        })}
      </ul>
      {shown.length > 500 && (
        <p className="jp-escape-VO-muted">
          {trans.__('%1 more: refine the filter', shown.length - 500)}
        </p>
      )}
    </div>
  );
}

function ExamplesTab(props: { view: ServiceView }): JSX.Element {
  const { view } = props;
  const trans = view.ctx.trans;
  const s = view.state;
  if (s.examplesError) {
    return <ErrorBox error={s.examplesError} trans={trans} />;
  }
  if (!s.examples) {
    return <p role="status">{trans.__('Loading examples…')}</p>;
  }
  if (!s.examples.length) {
    return (
      <p className="jp-escape-VO-muted">
        {trans.__('This service publishes no examples.')}
      </p>
    );
  }
  return (
    <ul className="jp-escape-Examples">
      {s.examples.map((ex, i) => (
        <li key={ex.id ?? i}>
          <strong>{ex.name || ex.id}</strong>
          {ex.description && (
            <p className="jp-escape-VO-desc">{ex.description}</p>
          )}
          <pre>{ex.query}</pre>
          <button
            type="button"
            className="jp-mod-styled"
            onClick={() => view.setQuery(ex.query)}
          >
            {trans.__('Use this query')}
          </button>
        </li>
      ))}
    </ul>
  );
}

function CapabilitiesTab(props: { view: ServiceView }): JSX.Element {
  const { view } = props;
  const trans = view.ctx.trans;
  const caps = view.state.caps;
  if (view.state.capsError) {
    return <ErrorBox error={view.state.capsError} trans={trans} />;
  }
  if (!caps) {
    return <p role="status">{trans.__('Loading capabilities…')}</p>;
  }
  return (
    <dl className="jp-escape-Caps">
      <dt>{trans.__('Languages')}</dt>
      <dd>
        {caps.languages
          .map(l => `${l.name} ${l.versions.join(', ')}`)
          .join('; ') || '—'}
      </dd>
      <dt>{trans.__('Output formats')}</dt>
      <dd>{caps.output_formats.map(f => f.mime).join(', ') || '—'}</dd>
      <dt>{trans.__('Limits')}</dt>
      <dd>
        {Object.entries(caps.limits)
          .map(
            ([name, v]) =>
              `${name}: ${Object.entries(v)
                .map(([k, x]) => `${k} ${x.value}${x.unit ? ' ' + x.unit : ''}`)
                .join(', ')}`
          )
          .join('; ') || '—'}
      </dd>
      <dt>{trans.__('Upload methods')}</dt>
      <dd>{caps.upload_methods.length || '—'}</dd>
      <dt>{trans.__('Capabilities')}</dt>
      <dd>
        <ul>
          {caps.capabilities.map((c, i) => (
            <li key={i}>
              <code>{c.standard_id ?? '?'}</code>
            </li>
          ))}
        </ul>
      </dd>
    </dl>
  );
}

function QueryEditor(props: { view: ServiceView }): JSX.Element {
  const { view } = props;
  const trans = view.ctx.trans;
  const host = React.useRef<HTMLDivElement>(null);
  const [loadError, setLoadError] = React.useState<IErrorView | null>(null);
  // local copy so typing stays smooth; follows the view when it changes MAXREC itself ("fetch more")
  const [maxrec, setMaxrec] = React.useState(
    view.maxrec === null ? '' : String(view.maxrec)
  );
  React.useEffect(() => {
    setMaxrec(view.maxrec === null ? '' : String(view.maxrec));
  }, [view.maxrec]);

  React.useEffect(() => {
    let disposed = false;
    import('./adqlEditor')
      .then(({ createADQLEditor }) => {
        if (disposed || !host.current) {
          return;
        }
        view.editor = createADQLEditor({
          host: host.current,
          doc: view.pendingQuery ?? '',
          label: trans.__('ADQL query'),
          placeholder: trans.__(
            'SELECT TOP 10 * FROM … (Ctrl+Space completes table and column names)'
          ),
          onRun: () => view.run(),
          onSubmit: () => void view.submit(),
          onChange: text => view.watchQuery(text)
        });
        view.pendingQuery = null;
        view.updateSchema();
      })
      .catch(e => setLoadError(describeError(e)));
    return () => {
      disposed = true;
    };
  }, []);

  return (
    <div className="jp-escape-QueryEditor">
      <div className="jp-escape-QueryEditor-host" ref={host} />
      {loadError && <ErrorBox error={loadError} trans={trans} />}
      <div
        className="jp-escape-QueryEditor-bar"
        role="toolbar"
        aria-label={trans.__('Query')}
      >
        <button
          type="button"
          className="jp-mod-styled jp-mod-accept jp-escape-VO-run"
          onClick={() => view.run()}
          title={trans.__('Run synchronously (Ctrl+Enter)')}
        >
          {trans.__('Run')}
        </button>
        <button
          type="button"
          className="jp-mod-styled jp-escape-VO-submit"
          onClick={() => void view.submit()}
          title={trans.__('Submit as an async job (Shift+Ctrl+Enter)')}
        >
          {trans.__('Submit job')}
        </button>
        <label>
          {trans.__('MAXREC')}{' '}
          <input
            type="number"
            min={0}
            className="jp-mod-styled jp-escape-VO-maxrec"
            value={maxrec}
            placeholder={trans.__('service default')}
            aria-label={trans.__('MAXREC: most rows the service returns')}
            onChange={e => {
              setMaxrec(e.target.value);
              view.maxrec =
                e.target.value === ''
                  ? null
                  : Math.max(0, Math.floor(Number(e.target.value)));
            }}
          />
        </label>
        <label>
          {trans.__('Format')}{' '}
          <select
            className="jp-mod-styled"
            value={view.format}
            onChange={e => {
              view.format = e.target.value;
              view.refresh();
            }}
          >
            {FORMATS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="jp-mod-styled"
          onClick={() => void view.showCode('pyvo')}
        >
          {trans.__('Show me the code (pyvo)')}
        </button>
        <button
          type="button"
          className="jp-mod-styled"
          onClick={() => void view.showCode('api')}
        >
          {trans.__('Python API code')}
        </button>
      </div>
    </div>
  );
}

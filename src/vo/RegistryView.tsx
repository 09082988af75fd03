/**
 * Registry search (RegTAP): keywords, service type, waveband, data model, sky cone, time range; results with
 * title, publisher, sanitised description, capabilities and coverage; sorted and paged.
 */
import { ReactWidget } from '@jupyterlab/apputils';
import * as React from 'react';
import {
  accessURL,
  IRegistryPage,
  IRegistryQuery,
  IResource,
  serviceKinds,
  voAPI
} from './api';
import { Busy, ErrorBox, SafeHTML } from './components';
import { IDalTarget, IVOContext } from './context';
import { describeError, IErrorView } from './errors';
import { pythonAPISnippet } from './snippets';
import { formatSpectralRange } from '../components/spectral';

const SERVICE_TYPES: [string, string][] = [
  ['', 'any'],
  ['tap', 'TAP'],
  ['scs', 'Cone search'],
  ['sia', 'SIA 1'],
  ['sia2', 'SIA 2'],
  ['ssa', 'SSA']
];
const WAVEBANDS = [
  'radio',
  'millimeter',
  'infrared',
  'optical',
  'uv',
  'euv',
  'x-ray',
  'gamma-ray',
  'neutrino',
  'gravitational-waves',
  'particle'
];
const DATAMODELS: [string, string][] = [
  ['', 'any'],
  ['obscore', 'ObsCore'],
  ['epntap', 'EPN-TAP'],
  ['regtap', 'RegTAP']
];
const PAGE = 20;
const DAL_KINDS = ['scs', 'sia', 'sia2', 'ssa'];

/** ISO date (YYYY-MM-DD) -> MJD. */
function mjd(date: string): number {
  return Date.parse(date) / 86400000 + 40587;
}

export class RegistryView extends ReactWidget {
  constructor(
    private _ctx: IVOContext,
    private _initial: string = ''
  ) {
    super();
    this.addClass('jp-escape-RegistryView');
    this.id = 'jp-escape-vo-registry';
    this.title.label = _ctx.trans.__('VO Registry');
    this.title.closable = true;
  }

  /** Start a keyword search (e.g. from the sidebar). */
  search(keywords: string): void {
    this._initial = keywords;
    this._searchKey++;
    this.update();
  }

  render(): JSX.Element {
    return (
      <RegistrySearch
        ctx={this._ctx}
        initial={this._initial}
        searchKey={this._searchKey}
      />
    );
  }

  private _searchKey = 0;
}

interface IForm {
  keywords: string;
  servicetype: string;
  waveband: string[];
  datamodel: string;
  ra: string;
  dec: string;
  radius: string;
  start: string;
  end: string;
  sort: 'title' | 'short_name' | 'updated' | 'ivoid';
  auxiliary: boolean;
}

function toQuery(f: IForm, offset: number): IRegistryQuery {
  const q: IRegistryQuery = { sort: f.sort, limit: PAGE, offset };
  if (f.keywords.trim()) {
    q.keywords = f.keywords.trim();
  }
  if (f.servicetype) {
    q.servicetype = f.servicetype;
    q.include_auxiliary = f.auxiliary;
  }
  if (f.waveband.length) {
    q.waveband = f.waveband;
  }
  if (f.datamodel) {
    q.datamodel = f.datamodel;
  }
  if (f.ra !== '' || f.dec !== '' || f.radius !== '') {
    q.cone = {
      ra: Number(f.ra),
      dec: Number(f.dec),
      radius: Number(f.radius || 1)
    };
  }
  if (f.start || f.end) {
    q.temporal = {
      start: f.start ? mjd(f.start) : -1e6,
      end: f.end ? mjd(f.end) : 1e6
    };
  }
  return q;
}

function RegistrySearch(props: {
  ctx: IVOContext;
  initial: string;
  searchKey: number;
}): JSX.Element {
  const { ctx } = props;
  const trans = ctx.trans;
  const [form, setForm] = React.useState<IForm>({
    keywords: props.initial,
    servicetype: '',
    waveband: [],
    datamodel: '',
    ra: '',
    dec: '',
    radius: '',
    start: '',
    end: '',
    sort: 'title',
    auxiliary: true
  });
  const [page, setPage] = React.useState<IRegistryPage | null>(null);
  const [error, setError] = React.useState<IErrorView | null>(null);
  const [running, setRunning] = React.useState<number | null>(null);
  const [picked, setPicked] = React.useState<Record<string, IDalTarget>>({});
  const controller = React.useRef<AbortController | null>(null);

  const search = async (f: IForm, offset: number) => {
    controller.current?.abort();
    const c = new AbortController();
    controller.current = c;
    setRunning(Date.now());
    setError(null);
    try {
      const result = await voAPI.searchRegistry(toQuery(f, offset), c.signal);
      if (!c.signal.aborted) {
        setPage(result);
      }
    } catch (e) {
      if (!c.signal.aborted) {
        setError(describeError(e));
      }
    } finally {
      if (controller.current === c) {
        setRunning(null);
        controller.current = null;
      }
    }
  };

  React.useEffect(() => {
    if (props.searchKey > 0 || props.initial) {
      const f = { ...form, keywords: props.initial };
      setForm(f);
      void search(f, 0);
    }
  }, [props.searchKey]);
  React.useEffect(() => () => controller.current?.abort(), []);

  const set = <K extends keyof IForm>(key: K, value: IForm[K]) =>
    setForm(f => ({ ...f, [key]: value }));
  const pickedList = Object.values(picked);

  return (
    <div className="jp-escape-Registry">
      <form
        className="jp-escape-Registry-form"
        aria-label={trans.__('Registry search')}
        onSubmit={e => {
          e.preventDefault();
          void search(form, 0);
        }}
      >
        <div className="jp-escape-Registry-row">
          <label className="jp-escape-Registry-keywords">
            {trans.__('Keywords')}
            <input
              type="search"
              className="jp-mod-styled"
              value={form.keywords}
              placeholder={trans.__('e.g. gaia, lofar, spectra')}
              onChange={e => set('keywords', e.target.value)}
            />
          </label>
          <label>
            {trans.__('Service type')}
            <select
              className="jp-mod-styled"
              value={form.servicetype}
              onChange={e => set('servicetype', e.target.value)}
            >
              {SERVICE_TYPES.map(([v, l]) => (
                <option key={v} value={v}>
                  {v ? l : trans.__('any')}
                </option>
              ))}
            </select>
          </label>
          <label className="jp-escape-Check">
            <input
              type="checkbox"
              checked={form.auxiliary}
              onChange={e => set('auxiliary', e.target.checked)}
            />
            {trans.__('include data collections (auxiliary)')}
          </label>
          <label>
            {trans.__('Data model')}
            <select
              className="jp-mod-styled"
              value={form.datamodel}
              onChange={e => set('datamodel', e.target.value)}
            >
              {DATAMODELS.map(([v, l]) => (
                <option key={v} value={v}>
                  {v ? l : trans.__('any')}
                </option>
              ))}
            </select>
          </label>
          <label>
            {trans.__('Sort by')}
            <select
              className="jp-mod-styled"
              value={form.sort}
              onChange={e => set('sort', e.target.value as IForm['sort'])}
            >
              <option value="title">{trans.__('title')}</option>
              <option value="short_name">{trans.__('short name')}</option>
              <option value="updated">{trans.__('last updated')}</option>
              <option value="ivoid">{trans.__('identifier')}</option>
            </select>
          </label>
          <button type="submit" className="jp-mod-styled jp-mod-accept">
            {trans.__('Search')}
          </button>
        </div>
        <details className="jp-escape-Registry-more">
          <summary>{trans.__('Waveband, sky region, time')}</summary>
          <fieldset>
            <legend>{trans.__('Waveband')}</legend>
            {WAVEBANDS.map(b => (
              <label key={b} className="jp-escape-Check">
                <input
                  type="checkbox"
                  checked={form.waveband.includes(b)}
                  onChange={e =>
                    set(
                      'waveband',
                      e.target.checked
                        ? [...form.waveband, b]
                        : form.waveband.filter(x => x !== b)
                    )
                  }
                />
                {b}
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>{trans.__('Sky region (cone, degrees)')}</legend>
            {(['ra', 'dec', 'radius'] as const).map(k => (
              <label key={k}>
                {k === 'ra' ? 'RA' : k === 'dec' ? 'Dec' : trans.__('Radius')}
                <input
                  type="number"
                  step="any"
                  className="jp-mod-styled jp-escape-VO-num"
                  value={form[k]}
                  onChange={e => set(k, e.target.value)}
                />
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>{trans.__('Time coverage')}</legend>
            <label>
              {trans.__('From')}
              <input
                type="date"
                className="jp-mod-styled"
                value={form.start}
                onChange={e => set('start', e.target.value)}
              />
            </label>
            <label>
              {trans.__('To')}
              <input
                type="date"
                className="jp-mod-styled"
                value={form.end}
                onChange={e => set('end', e.target.value)}
              />
            </label>
          </fieldset>
        </details>
      </form>
      {running !== null && (
        <Busy
          label={trans.__('Searching the registry…')}
          since={running}
          onCancel={() => controller.current?.abort()}
          trans={trans}
        />
      )}
      {error && <ErrorBox error={error} trans={trans} />}
      {page && (
        <div className="jp-escape-Registry-results">
          <div
            className="jp-escape-Registry-pager"
            role="navigation"
            aria-label={trans.__('Result pages')}
          >
            <span role="status">
              {page.resources.length
                ? trans.__(
                    'Results %1–%2%3',
                    page.offset + 1,
                    page.offset + page.resources.length,
                    page.has_more ? '+' : ''
                  )
                : trans.__('No resource matches.')}
            </span>
            <button
              type="button"
              className="jp-mod-styled"
              disabled={page.offset === 0 || running !== null}
              onClick={() => void search(form, Math.max(0, page.offset - PAGE))}
            >
              {trans.__('Previous')}
            </button>
            <button
              type="button"
              className="jp-mod-styled"
              disabled={!page.has_more || running !== null}
              onClick={() => void search(form, page.offset + PAGE)}
            >
              {trans.__('Next')}
            </button>
            <button
              type="button"
              className="jp-mod-styled"
              onClick={() => void ctx.insertCode(page.code)}
            >
              {trans.__('Show me the code (pyvo)')}
            </button>
            <button
              type="button"
              className="jp-mod-styled"
              onClick={() => {
                const q = toQuery(form, page.offset);
                void ctx.insertCode(
                  pythonAPISnippet({
                    kind: 'registry',
                    url: page.registry_url,
                    params: { ...q, keywords: q.keywords?.split(/\s+/) }
                  })
                );
              }}
            >
              {trans.__('Python API code')}
            </button>
            {pickedList.length > 0 && (
              <button
                type="button"
                className="jp-mod-styled jp-mod-accept"
                onClick={() => ctx.openDal(pickedList)}
              >
                {trans.__('Search %1 services at once', pickedList.length)}
              </button>
            )}
          </div>
          <ol className="jp-escape-Registry-list" start={page.offset + 1}>
            {page.resources.map(r => (
              <ResourceItem
                key={r.ivoid}
                ctx={ctx}
                resource={r}
                picked={picked}
                onPick={(key, target) =>
                  setPicked(p => {
                    const rest = { ...p };
                    delete rest[key];
                    return target ? { ...rest, [key]: target } : rest;
                  })
                }
              />
            ))}
          </ol>
        </div>
      )}
    </div>
  );
}

function coverageText(r: IResource): string {
  const parts: string[] = [];
  if (r.coverage.spatial) {
    parts.push('sky');
  }
  for (const [a, b] of r.coverage.temporal.slice(0, 2)) {
    parts.push(`MJD ${Math.round(a)}–${Math.round(b)}`);
  }
  for (const [a, b] of r.coverage.spectral.slice(0, 2)) {
    parts.push(formatSpectralRange(a, b));
  }
  return parts.join(', ');
}

function ResourceItem(props: {
  ctx: IVOContext;
  resource: IResource;
  picked: Record<string, IDalTarget>;
  onPick: (key: string, target: IDalTarget | null) => void;
}): JSX.Element {
  const { ctx, resource: r } = props;
  const trans = ctx.trans;
  const kinds = serviceKinds(r);
  const tap = accessURL(r, 'tap');
  const title = r.title || r.short_name || r.ivoid;
  const sanitize = React.useCallback(
    (html: string) => ctx.sanitizer.sanitize(html),
    [ctx.sanitizer]
  );
  const coverage = coverageText(r);
  return (
    <li className="jp-escape-Resource">
      <h3 className="jp-escape-Resource-title">{title}</h3>
      <div className="jp-escape-Resource-meta">
        {r.publisher && <span>{r.publisher}</span>}
        <code className="jp-escape-VO-muted">{r.ivoid}</code>
        {r.waveband.length > 0 && <span>{r.waveband.join(', ')}</span>}
        {coverage && (
          <span title={trans.__('Coverage')}>
            {trans.__('coverage: %1', coverage)}
          </span>
        )}
      </div>
      <details className="jp-escape-Resource-desc">
        <summary>
          {r.description.slice(0, 160) || trans.__('(no description)')}
        </summary>
        <SafeHTML
          html={r.description_html}
          sanitize={sanitize}
          className="jp-escape-VO-desc"
        />
        {r.reference_url && (
          <a href={r.reference_url} target="_blank" rel="noopener noreferrer">
            {trans.__('More information')}
          </a>
        )}
      </details>
      <div className="jp-escape-Resource-caps">
        {kinds.map(k => (
          <span key={k} className="jp-escape-Badge">
            {k.toUpperCase()}
          </span>
        ))}
        {tap && (
          <button
            type="button"
            className="jp-mod-styled jp-mod-accept jp-escape-VO-openService"
            aria-label={trans.__('Open TAP service %1', title)}
            onClick={() => ctx.openService(tap, r.short_name || title)}
          >
            {trans.__('Open TAP')}
          </button>
        )}
        {DAL_KINDS.filter(k => kinds.includes(k)).map(k => {
          const url = accessURL(r, k)!;
          const key = `${k} ${url}`;
          return (
            <label key={k} className="jp-escape-Check">
              <input
                type="checkbox"
                checked={!!props.picked[key]}
                onChange={e =>
                  props.onPick(
                    key,
                    e.target.checked ? { kind: k, url, label: title } : null
                  )
                }
              />
              {trans.__('add %1 to multi-search', k.toUpperCase())}
            </label>
          );
        })}
      </div>
    </li>
  );
}

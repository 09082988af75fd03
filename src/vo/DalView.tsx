/**
 * Cone search / SIA / SSA over several services at once. Each service is asked separately and in parallel
 * (`POST vo/dal/<kind>`, Arrow IPC), so results show up as they arrive and every failure is shown against
 * its service; Cancel aborts what is still running.
 */
import { ReactWidget } from '@jupyterlab/apputils';
import { SplitPanel } from '@lumino/widgets';
import * as React from 'react';
import { IArrowResponse, isAbort, requestArrow } from '../grid';
import { accessURL, voAPI } from './api';
import { Busy, ErrorBox } from './components';
import { IDalTarget, IVOContext } from './context';
import { describeError, IErrorView } from './errors';
import { ResultPane } from './ResultPane';
import { multiSearchSnippet } from './snippets';

const KINDS: [string, string][] = [
  ['scs', 'Cone search'],
  ['sia', 'SIA 1'],
  ['sia2', 'SIA 2'],
  ['ssa', 'SSA']
];

interface IOutcome {
  state: 'running' | 'ok' | 'error' | 'cancelled';
  since: number;
  seconds?: number;
  rows?: number;
  overflow?: boolean;
  error?: IErrorView;
  response?: IArrowResponse;
}

export class DalView extends SplitPanel {
  constructor(ctx: IVOContext, targets: IDalTarget[] = []) {
    super({ orientation: 'vertical' });
    this.addClass('jp-escape-DalView');
    this.id = 'jp-escape-vo-dal';
    this.title.label = ctx.trans.__('VO Multi-Search');
    this.title.closable = true;
    this._pane = new ResultPane(
      ctx,
      ctx.trans.__('Pick a finished service above to see its result.')
    );
    this._form = new FormWidget(ctx, this._pane, targets);
    this.addWidget(this._form);
    this.addWidget(this._pane);
    this.setRelativeSizes([1, 1]);
  }

  addTargets(targets: IDalTarget[]): void {
    this._form.addTargets(targets);
  }

  private _pane: ResultPane;
  private _form: FormWidget;
}

class FormWidget extends ReactWidget {
  constructor(
    private _ctx: IVOContext,
    private _pane: ResultPane,
    private _targets: IDalTarget[]
  ) {
    super();
    this.addClass('jp-escape-DalForm');
  }

  addTargets(targets: IDalTarget[]): void {
    const known = new Set(this._targets.map(t => `${t.kind} ${t.url}`));
    this._targets = [
      ...this._targets,
      ...targets.filter(t => !known.has(`${t.kind} ${t.url}`))
    ];
    this.update();
  }

  render(): JSX.Element {
    return (
      <DalForm
        ctx={this._ctx}
        pane={this._pane}
        targets={this._targets}
        setTargets={t => {
          this._targets = t;
          this.update();
        }}
      />
    );
  }
}

function DalForm(props: {
  ctx: IVOContext;
  pane: ResultPane;
  targets: IDalTarget[];
  setTargets: (t: IDalTarget[]) => void;
}): JSX.Element {
  const { ctx, pane, targets } = props;
  const trans = ctx.trans;
  const [kind, setKind] = React.useState(targets[0]?.kind ?? 'scs');
  const [ra, setRa] = React.useState('');
  const [dec, setDec] = React.useState('');
  const [radius, setRadius] = React.useState('0.1');
  const [maxrec, setMaxrec] = React.useState('1000');
  const [manual, setManual] = React.useState('');
  const [enabled, setEnabled] = React.useState<Record<string, boolean>>({});
  const [outcomes, setOutcomes] = React.useState<Record<string, IOutcome>>({});
  const [finding, setFinding] = React.useState<number | null>(null);
  const [findError, setFindError] = React.useState<IErrorView | null>(null);
  const controllers = React.useRef<Record<string, AbortController>>({});

  React.useEffect(() => {
    // the configured services of the server are candidates too
    voAPI
      .services()
      .then(r => {
        const extra = r.services
          .filter(s => KINDS.some(([k]) => k === s.kind))
          .map(s => ({ kind: s.kind, url: s.url, label: s.name }));
        if (extra.length) {
          const known = new Set(targets.map(t => `${t.kind} ${t.url}`));
          props.setTargets([
            ...targets,
            ...extra.filter(t => !known.has(`${t.kind} ${t.url}`))
          ]);
        }
      })
      .catch(() => undefined);
    return () => Object.values(controllers.current).forEach(c => c.abort());
  }, []);

  const key = (t: IDalTarget) => `${t.kind} ${t.url}`;
  const chosen = targets.filter(
    t => t.kind === kind && enabled[key(t)] !== false
  );
  const params = (): Record<string, number> => {
    const p: Record<string, number> = {
      ra: Number(ra),
      dec: Number(dec),
      radius: Number(radius)
    };
    if (kind === 'sia' || kind === 'ssa') {
      p.size = Number(radius) * 2;
    }
    if (maxrec !== '') {
      p.maxrec = Number(maxrec);
    }
    return p;
  };

  const run = () => {
    const p = params();
    const next: Record<string, IOutcome> = {};
    for (const t of chosen) {
      next[key(t)] = { state: 'running', since: Date.now() };
    }
    setOutcomes(next);
    for (const t of chosen) {
      const k = key(t);
      controllers.current[k]?.abort();
      const c = new AbortController();
      controllers.current[k] = c;
      const since = Date.now();
      requestArrow(`vo/dal/${t.kind}`, {
        method: 'POST',
        body: JSON.stringify({ url: t.url, ...p }),
        signal: c.signal
      })
        .then(response => {
          const info = JSON.parse(
            response.headers.get('X-Escape-Result-Info') ?? '{}'
          );
          setOutcomes(o => ({
            ...o,
            [k]: {
              state: 'ok',
              since,
              seconds: (Date.now() - since) / 1000,
              rows: response.table.numRows,
              overflow: !!info.overflow,
              response
            }
          }));
        })
        .catch(error =>
          setOutcomes(o => ({
            ...o,
            [k]: {
              state: isAbort(error) ? 'cancelled' : 'error',
              since,
              seconds: (Date.now() - since) / 1000,
              error: describeError(error)
            }
          }))
        );
    }
  };

  const show = (t: IDalTarget, o: IOutcome) => {
    const response = o.response!;
    void pane.run({
      label: t.label,
      provenance: { kind: t.kind as any, url: t.url, params: params() },
      fetch: () => Promise.resolve(response)
    });
  };

  const findServices = async () => {
    setFinding(Date.now());
    setFindError(null);
    try {
      const page = await voAPI.searchRegistry({ servicetype: kind, limit: 50 });
      const found: IDalTarget[] = [];
      for (const r of page.resources) {
        const url = accessURL(r, kind);
        if (url) {
          found.push({ kind, url, label: r.title || r.short_name || r.ivoid });
        }
      }
      const known = new Set(targets.map(key));
      props.setTargets([...targets, ...found.filter(t => !known.has(key(t)))]);
    } catch (e) {
      setFindError(describeError(e));
    } finally {
      setFinding(null);
    }
  };

  const anyRunning = Object.values(outcomes).some(o => o.state === 'running');
  const forKind = targets.filter(t => t.kind === kind);

  return (
    <div className="jp-escape-Dal">
      <form
        className="jp-escape-Dal-form"
        aria-label={trans.__('Search several services')}
        onSubmit={e => {
          e.preventDefault();
          run();
        }}
      >
        <label>
          {trans.__('Protocol')}
          <select
            className="jp-mod-styled"
            value={kind}
            onChange={e => setKind(e.target.value)}
          >
            {KINDS.map(([k, l]) => (
              <option key={k} value={k}>
                {l}
              </option>
            ))}
          </select>
        </label>
        <label>
          RA (deg)
          <input
            type="number"
            step="any"
            required
            className="jp-mod-styled jp-escape-VO-num"
            value={ra}
            onChange={e => setRa(e.target.value)}
          />
        </label>
        <label>
          Dec (deg)
          <input
            type="number"
            step="any"
            required
            className="jp-mod-styled jp-escape-VO-num"
            value={dec}
            onChange={e => setDec(e.target.value)}
          />
        </label>
        <label>
          {trans.__('Radius (deg)')}
          <input
            type="number"
            step="any"
            min="0"
            required
            className="jp-mod-styled jp-escape-VO-num"
            value={radius}
            onChange={e => setRadius(e.target.value)}
          />
        </label>
        <label>
          MAXREC
          <input
            type="number"
            min="1"
            className="jp-mod-styled jp-escape-VO-num"
            value={maxrec}
            onChange={e => setMaxrec(e.target.value)}
          />
        </label>
        <button
          type="submit"
          className="jp-mod-styled jp-mod-accept"
          disabled={!chosen.length}
        >
          {trans.__('Search %1 services', chosen.length)}
        </button>
        {anyRunning && (
          <button
            type="button"
            className="jp-mod-styled jp-mod-warn"
            onClick={() =>
              Object.values(controllers.current).forEach(c => c.abort())
            }
          >
            {trans.__('Cancel')}
          </button>
        )}
        <button
          type="button"
          className="jp-mod-styled"
          disabled={!chosen.length}
          onClick={() =>
            void ctx.insertCode(multiSearchSnippet(chosen, params()))
          }
        >
          {trans.__('Python API code')}
        </button>
      </form>
      <div className="jp-escape-Dal-services">
        <div className="jp-escape-Dal-add">
          <input
            type="url"
            className="jp-mod-styled"
            placeholder={trans.__('Add a %1 service URL', kind.toUpperCase())}
            aria-label={trans.__('Service URL to add')}
            value={manual}
            onChange={e => setManual(e.target.value)}
          />
          <button
            type="button"
            className="jp-mod-styled"
            disabled={!manual.trim()}
            onClick={() => {
              props.setTargets([
                ...targets,
                { kind, url: manual.trim(), label: manual.trim() }
              ]);
              setManual('');
            }}
          >
            {trans.__('Add')}
          </button>
          <button
            type="button"
            className="jp-mod-styled"
            onClick={() => void findServices()}
          >
            {trans.__('Find %1 services in the registry', kind.toUpperCase())}
          </button>
        </div>
        {finding !== null && (
          <Busy
            label={trans.__('Asking the registry…')}
            since={finding}
            trans={trans}
          />
        )}
        {findError && <ErrorBox error={findError} trans={trans} />}
        {!forKind.length && (
          <p className="jp-escape-VO-muted">
            {trans.__(
              'No %1 service chosen: find some in the registry or add a URL.',
              kind.toUpperCase()
            )}
          </p>
        )}
        <table className="jp-escape-Dal-table">
          <tbody>
            {forKind.map(t => {
              const k = key(t);
              const o = outcomes[k];
              return (
                <tr key={k} className={o ? `jp-escape-Dal-${o.state}` : ''}>
                  <td>
                    <label className="jp-escape-Check">
                      <input
                        type="checkbox"
                        checked={enabled[k] !== false}
                        onChange={e =>
                          setEnabled(x => ({ ...x, [k]: e.target.checked }))
                        }
                      />
                      <span title={t.url}>{t.label}</span>
                    </label>
                  </td>
                  <td role="status">
                    {o?.state === 'running' && (
                      <Busy
                        label={trans.__('searching')}
                        since={o.since}
                        trans={trans}
                        onCancel={() => controllers.current[k]?.abort()}
                      />
                    )}
                    {o?.state === 'ok' && (
                      <>
                        {trans.__(
                          '%1 rows in %2 s',
                          o.rows!,
                          o.seconds!.toFixed(1)
                        )}
                        {o.overflow && ` (${trans.__('truncated at MAXREC')})`}{' '}
                        <button
                          type="button"
                          className="jp-mod-styled"
                          onClick={() => show(t, o)}
                        >
                          {trans.__('Show')}
                        </button>
                      </>
                    )}
                    {o?.state === 'cancelled' && trans.__('cancelled')}
                    {o?.state === 'error' && (
                      <ErrorBox error={o.error!} trans={trans} />
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}

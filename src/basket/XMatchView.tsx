/**
 * Cross-match two tables (basket items, workspace tables or files): the form, then the result in the grid
 * with "Show on sky" (left and right positions as two layers) and "Show me the code".
 */
import { Notification } from '@jupyterlab/apputils';
import { SplitPanel } from '@lumino/widgets';
import * as React from 'react';
import { createResultGrid, requestArrow } from '../grid';
import { basketAPI, ITableInfo, IXMatchResult, XMatchRef } from './api';
import { BasketError } from './components';
import { IBasketContext } from './context';
import { EscapeAPIError } from '../handler';
import { ClusterControls, JobProgress } from './ClusterControls';
import { clusterCrossmatchSnippet } from './clusterSnippets';
import { crossmatchSnippet, isTabular } from './kinds';
import { RenderBar, TablePane } from './TablePane';

import { FILE, FORMATS, formRequest, IForm, SUFFIX } from './xmatchForm';

export class XMatchView extends SplitPanel {
  constructor(
    private _ctx: IBasketContext,
    left?: XMatchRef,
    right?: XMatchRef
  ) {
    super({ orientation: 'vertical' });
    this.addClass('jp-escape-XMatch');
    this.id = 'jp-escape-basket-xmatch';
    this.title.label = _ctx.trans.__('Cross-match');
    this.title.closable = true;
    const init = (r: XMatchRef | undefined, side: 'left' | 'right') =>
      r === undefined
        ? {}
        : typeof r === 'string'
          ? { [side]: r }
          : { [side]: FILE, [`${side}Path`]: r.path };
    this.form = {
      left: '',
      leftPath: '',
      right: '',
      rightPath: '',
      radius: '1',
      find: 'best',
      join: 'inner',
      engine: 'auto',
      table: 'xmatch_result',
      saveFile: false,
      format: 'parquet',
      path: 'results/xmatch_result.parquet',
      ...init(left, 'left'),
      ...init(right, 'right')
    };
    this._formBar = new RenderBar(() => <XMatchForm view={this} />);
    this._formBar.addClass('jp-escape-XMatch-form');
    this._result = new TablePane({
      ctx: _ctx,
      label: () => this.result?.saved?.table ?? 'cross-match',
      origin: () => ({
        source: 'cross-match',
        table: this.result?.saved?.table
      })
    });
    this.addWidget(this._formBar);
    this.addWidget(this._result);
    this.setRelativeSizes([1, 1]);
    _ctx.model.changed.connect(() => this._formBar.update(), this);
    // the basket list may be stale while its section is collapsed
    void _ctx.model.refresh();
    void this.refreshTables();
  }

  form: IForm;
  tables: ITableInfo[] = [];
  result: IXMatchResult | null = null;
  running = false;
  error: unknown = null;

  get ctx(): IBasketContext {
    return this._ctx;
  }

  /** Choose inputs (e.g. from the basket's "Cross-match…" on an item). */
  setInputs(left?: XMatchRef, right?: XMatchRef): void {
    const set = (r: XMatchRef | undefined, side: 'left' | 'right') => {
      if (r === undefined) {
        return;
      }
      if (typeof r === 'string') {
        this.form[side] = r;
      } else {
        this.form[side] = FILE;
        this.form[`${side}Path`] = r.path;
      }
    };
    set(left, 'left');
    set(right, 'right');
    this._formBar.update();
  }

  setForm(changes: Partial<IForm>): void {
    this.form = { ...this.form, ...changes };
    this._formBar.update();
  }

  async refreshTables(): Promise<void> {
    try {
      this.tables = (await basketAPI.tables()).tables;
    } catch {
      this.tables = [];
    }
    this._formBar.update();
  }

  /** LSDB on the cluster (a job with progress and cancel) when asked for, or when an input is HATS on disk. */
  get onCluster(): boolean {
    const hats = (id: string) =>
      this._ctx.model.items.some(i => i.id === id && i.kind === 'hats_catalog');
    return (
      this.form.engine === 'dask' ||
      (this.form.engine !== 'scipy' &&
        (hats(this.form.left) || hats(this.form.right)))
    );
  }

  async run(): Promise<void> {
    const request = formRequest(this.form);
    if (typeof request === 'string') {
      this.error = new Error(request);
      this._formBar.update();
      return;
    }
    if (this.onCluster && request.path) {
      this.error = new Error(
        this._ctx.trans.__(
          'file: a cross-match on the cluster saves to a workspace table (untick "Also save as a file")'
        )
      );
      this._formBar.update();
      return;
    }
    this.running = true;
    this.error = null;
    this.result = null; // the summary shown is always this run's
    this._formBar.update();
    try {
      if (this.onCluster) {
        const job = await this._ctx.cluster.runJob({
          left: request.left,
          right: request.right,
          radius_arcsec: request.radius_arcsec,
          find: request.find,
          engine: request.engine ?? 'auto',
          table: request.table
        });
        if (!job || job.state !== 'done' || !job.result) {
          // the progress line says "cancelled"; a failure is shown as the cluster reported it
          this.error =
            this._ctx.cluster.jobError ??
            (job?.error && job.state === 'error'
              ? new EscapeAPIError({
                  message: job.error.error,
                  status: 500,
                  service: job.error.service,
                  url: `scale/xmatch/${job.id}`
                })
              : null);
          return;
        }
        this.result = job.result;
      } else {
        this.result = await basketAPI.xmatch(request);
      }
      const table = this.result.saved?.table ?? request.table!;
      const response = await requestArrow('basket/sql', {
        method: 'POST',
        body: JSON.stringify({
          sql: `SELECT * FROM "${table}"`,
          format: 'arrow',
          limit: 100000
        })
      });
      const grid = await createResultGrid({
        table: response.table,
        translator: this._ctx.translator,
        label: this._ctx.trans.__('Cross-match result %1', table)
      });
      this._result.setGrid(grid);
      void this.refreshTables();
      Notification.success(
        this._ctx.trans.__(
          '%1 matches in table %2',
          this.result.n_matches.toLocaleString(),
          table
        ),
        { autoClose: 4000 }
      );
    } catch (error) {
      this.error = error;
    } finally {
      this.running = false;
      this._formBar.update();
    }
  }

  code(): string {
    const request = formRequest(this.form);
    if (typeof request === 'string') {
      throw new Error(request);
    }
    if (this.form.engine === 'dask') {
      return clusterCrossmatchSnippet(
        { ...request, engine: 'dask' },
        this._ctx.cluster.form,
        this._ctx.cluster.status?.cluster ?? null
      );
    }
    return crossmatchSnippet({
      left: request.left,
      right: request.right,
      radius: request.radius_arcsec,
      find: request.find,
      join: request.join,
      table: request.table,
      path: request.path,
      engine: request.engine
    });
  }

  private _formBar: RenderBar;
  private _result: TablePane;
}

function TableChoice(props: {
  view: XMatchView;
  side: 'left' | 'right';
  label: string;
}): JSX.Element {
  const { view, side } = props;
  const trans = view.ctx.trans;
  const items = view.ctx.model.items.filter(isTabular);
  const id = `jp-escape-xmatch-${side}`;
  const value = view.form[side];
  return (
    <div className="jp-escape-XMatch-field">
      <label htmlFor={id}>{props.label}</label>
      <select
        id={id}
        className="jp-mod-styled"
        value={value}
        onChange={e =>
          view.setForm({ [side]: e.target.value } as Partial<IForm>)
        }
      >
        <option value="">{trans.__('(choose)')}</option>
        <optgroup label={trans.__('Basket items')}>
          {items.map(i => (
            <option key={i.id} value={i.id}>
              {i.title}
            </option>
          ))}
        </optgroup>
        <optgroup label={trans.__('Workspace database tables')}>
          {view.tables.map(t => (
            <option key={t.table} value={t.table}>
              {t.table}
            </option>
          ))}
        </optgroup>
        <option value={FILE}>{trans.__('A file…')}</option>
      </select>
      {value === FILE && (
        <input
          type="text"
          className="jp-mod-styled"
          aria-label={trans.__(
            '%1 file path (relative to the server root)',
            props.label
          )}
          placeholder={trans.__('data/catalogue.fits')}
          value={view.form[`${side}Path`]}
          onChange={e =>
            view.setForm({ [`${side}Path`]: e.target.value } as Partial<IForm>)
          }
        />
      )}
    </div>
  );
}

function XMatchForm(props: { view: XMatchView }): JSX.Element {
  const { view } = props;
  const { form, result } = view;
  const trans = view.ctx.trans;
  return (
    <form
      className="jp-escape-XMatch-body"
      aria-label={trans.__('Cross-match')}
      onSubmit={e => {
        e.preventDefault();
        void view.run();
      }}
    >
      <div className="jp-escape-XMatch-row">
        <TableChoice view={view} side="left" label={trans.__('Left table')} />
        <TableChoice view={view} side="right" label={trans.__('Right table')} />
      </div>
      <div className="jp-escape-XMatch-row">
        <div className="jp-escape-XMatch-field">
          <label htmlFor="jp-escape-xmatch-radius">
            {trans.__('Radius (arcsec)')}
          </label>
          <input
            id="jp-escape-xmatch-radius"
            type="number"
            min="0"
            step="any"
            className="jp-mod-styled"
            value={form.radius}
            onChange={e => view.setForm({ radius: e.target.value })}
          />
        </div>
        <div className="jp-escape-XMatch-field">
          <label htmlFor="jp-escape-xmatch-find">{trans.__('Matches')}</label>
          <select
            id="jp-escape-xmatch-find"
            className="jp-mod-styled"
            value={form.find}
            onChange={e =>
              view.setForm({ find: e.target.value as IForm['find'] })
            }
          >
            <option value="best">
              {trans.__('best: nearest right row per left row')}
            </option>
            <option value="mutual">
              {trans.__("mutual: each other's nearest")}
            </option>
            <option value="all">
              {trans.__('all: every pair within the radius')}
            </option>
          </select>
        </div>
        <div className="jp-escape-XMatch-field">
          <label htmlFor="jp-escape-xmatch-join">{trans.__('Rows')}</label>
          <select
            id="jp-escape-xmatch-join"
            className="jp-mod-styled"
            value={form.join}
            onChange={e =>
              view.setForm({ join: e.target.value as IForm['join'] })
            }
          >
            <option value="inner">{trans.__('matched only')}</option>
            <option value="left">
              {trans.__('all left rows (unmatched too)')}
            </option>
          </select>
        </div>
        <div className="jp-escape-XMatch-field">
          <label htmlFor="jp-escape-xmatch-engine">{trans.__('Engine')}</label>
          <select
            id="jp-escape-xmatch-engine"
            className="jp-mod-styled"
            value={form.engine ?? 'auto'}
            onChange={e =>
              view.setForm({ engine: e.target.value as IForm['engine'] })
            }
          >
            <option value="auto">
              {trans.__('automatic (from input sizes and memory)')}
            </option>
            <option value="scipy">{trans.__('in memory (KD-tree)')}</option>
            <option value="dask">
              {trans.__('LSDB on a Dask cluster (out of core)')}
            </option>
          </select>
        </div>
      </div>
      <div className="jp-escape-XMatch-row">
        <div className="jp-escape-XMatch-field">
          <label htmlFor="jp-escape-xmatch-table">
            {trans.__('Output table (workspace database)')}
          </label>
          <input
            id="jp-escape-xmatch-table"
            type="text"
            className="jp-mod-styled"
            value={form.table}
            onChange={e => view.setForm({ table: e.target.value })}
          />
        </div>
        <div className="jp-escape-XMatch-field">
          <label>
            <input
              type="checkbox"
              checked={form.saveFile}
              onChange={e => view.setForm({ saveFile: e.target.checked })}
            />{' '}
            {trans.__('Also save as a file')}
          </label>
          {form.saveFile && (
            <span className="jp-escape-XMatch-file">
              <select
                className="jp-mod-styled"
                aria-label={trans.__('File format')}
                value={form.format}
                onChange={e => {
                  const format = e.target.value;
                  const path =
                    form.path.replace(/\.[A-Za-z0-9]+$/, '') +
                    '.' +
                    SUFFIX[format];
                  view.setForm({ format, path });
                }}
              >
                {FORMATS.map(f => (
                  <option key={f} value={f}>
                    {f === 'votable' ? 'VOTable' : f.toUpperCase()}
                  </option>
                ))}
              </select>
              <input
                type="text"
                className="jp-mod-styled"
                aria-label={trans.__(
                  'Result file path (relative to the server root)'
                )}
                value={form.path}
                onChange={e => view.setForm({ path: e.target.value })}
              />
            </span>
          )}
        </div>
      </div>
      {form.engine !== 'scipy' && (
        <ClusterControls
          model={view.ctx.cluster}
          trans={trans}
          insertCode={code => void view.ctx.insertCode(code)}
        />
      )}
      <div className="jp-escape-Basket-actions">
        <button
          type="submit"
          className="jp-mod-styled jp-mod-accept jp-escape-XMatch-run"
          disabled={view.running}
        >
          {view.running ? trans.__('Cross-matching…') : trans.__('Cross-match')}
        </button>
        <button
          type="button"
          className="jp-mod-styled"
          onClick={() => {
            try {
              void view.ctx.insertCode(view.code());
            } catch (error) {
              view.error = error;
              view.setForm({});
            }
          }}
        >
          {trans.__('Show me the code')}
        </button>
      </div>
      <JobProgress model={view.ctx.cluster} trans={trans} />
      {view.error !== null && <BasketError error={view.error} trans={trans} />}
      {result && (
        <div className="jp-escape-XMatch-summary" role="status">
          {trans.__(
            '%1 matches (left %2 rows, right %3 rows) in %4 s',
            result.n_matches.toLocaleString(),
            result.n_left.toLocaleString(),
            result.n_right.toLocaleString(),
            Object.values(result.timings ?? {})
              .reduce((a, b) => a + Number(b || 0), 0)
              .toFixed(2)
          )}
          {result.saved?.path
            ? ` — ${trans.__('saved to %1', result.saved.path)}`
            : ''}
          {result.notes?.length ? (
            <ul>
              {result.notes.map((n, i) => (
                <li key={i}>{n}</li>
              ))}
            </ul>
          ) : null}
        </div>
      )}
    </form>
  );
}

/**
 * Where a query's result is shown: progress with Cancel while it runs, the server's error verbatim when it
 * fails, then the grid with its actions (export, code, DataLink, fetch more when truncated).
 */
import { Notification, ReactWidget } from '@jupyterlab/apputils';
import { Panel } from '@lumino/widgets';
import * as React from 'react';
import { createResultGrid, IArrowResponse, isAbort, ResultGrid } from '../grid';
import { IDatalinkAnswer, IProvenance, IResultInfo, voAPI } from './api';
import { Busy, ErrorBox, formatBytes } from './components';
import { IVOContext } from './context';
import { describeError, IErrorView } from './errors';
import { sendToSky } from './skyLink';
import { pythonAPISnippet } from './snippets';
import { addResultToBasket, basketAvailable } from '../basket/voLink';
import { linkGrid } from '../plots/links';
import { linkedSelections, RowSelection } from '../plots/selection';
import { PlotCommandIDs } from '../plots/tokens';

export interface IRunOptions {
  label: string;
  fetch: (signal: AbortSignal) => Promise<IArrowResponse>;
  provenance: IProvenance;
  /** The query text, to locate ADQL errors. */
  query?: string;
  /** Offered when the result was truncated at MAXREC. */
  onRerun?: (maxrec: number) => void;
  onSubmitAsync?: () => void;
  /** Move the editor cursor to an error position. */
  onGoTo?: (line: number, column: number) => void;
}

type State =
  | { kind: 'idle' }
  | { kind: 'running'; label: string; since: number }
  | { kind: 'error'; label: string; error: IErrorView }
  | {
      kind: 'done';
      label: string;
      info: IResultInfo;
      seconds: number;
      bytes: number;
    };

const EXPORT_FORMATS = ['votable', 'fits', 'csv', 'parquet'];

export class ResultPane extends Panel {
  constructor(
    private _ctx: IVOContext,
    private _emptyText?: string
  ) {
    super();
    this.addClass('jp-escape-ResultPane');
    this._bar = new BarWidget(this);
    this.addWidget(this._bar);
  }

  get grid(): ResultGrid | null {
    return this._grid;
  }

  get info(): IResultInfo | null {
    return this._state.kind === 'done' ? this._state.info : null;
  }

  /** Run a fetch and show its result; a previous run still going is cancelled. */
  async run(options: IRunOptions): Promise<void> {
    this.cancel();
    const controller = new AbortController();
    this._controller = controller;
    this._options = options;
    this._links = null;
    const since = Date.now();
    this._setState({ kind: 'running', label: options.label, since });
    try {
      const response = await options.fetch(controller.signal);
      const info = parseInfo(response);
      const grid = await createResultGrid({
        table: response.table,
        translator: this._ctx.translator,
        label: options.label
      });
      if (controller.signal.aborted) {
        grid.dispose();
        return;
      }
      this._grid?.dispose();
      this._grid = grid;
      grid.selectionChanged.connect(() => this._render());
      this.addWidget(grid);
      // The grid writes to and follows the result's shared selection (plots and the sky do the same).
      this._selection = info.id
        ? linkedSelections.get(
            { kind: 'vo-result', id: info.id },
            options.label
          )
        : null;
      this._gridLink?.dispose();
      this._gridLink = this._selection ? linkGrid(this._selection, grid) : null;
      this._setState({
        kind: 'done',
        label: options.label,
        info,
        seconds: (Date.now() - since) / 1000,
        bytes: response.bytes
      });
    } catch (error) {
      if (isAbort(error) || controller.signal.aborted) {
        this._setState({
          kind: 'error',
          label: options.label,
          error: {
            message: this._ctx.trans.__('Cancelled.'),
            service: null,
            status: 0,
            position: null
          }
        });
        return;
      }
      this._setState({
        kind: 'error',
        label: options.label,
        error: describeError(error, options.query)
      });
    } finally {
      if (this._controller === controller) {
        this._controller = null;
      }
    }
  }

  /** Show the result on a sky view, with the selection kept in step both ways. */
  async showOnSky(): Promise<number> {
    const sky = this._ctx.sky;
    if (!sky || !this._grid) {
      throw new Error(this._ctx.trans.__('No sky view is available'));
    }
    if (!this._selection) {
      throw new Error(
        this._ctx.trans.__('This result is not kept on the server')
      );
    }
    this._skyLink?.dispose();
    const link = await sendToSky(
      sky,
      this._grid,
      this._options?.label ?? 'VO result',
      this._selection
    );
    this._skyLink = link;
    return link.rows;
  }

  /** Open a linked plot of this result (scatter of the first two numeric columns to start with). */
  async openPlot(): Promise<void> {
    if (!this._selection) {
      throw new Error(
        this._ctx.trans.__('This result is not kept on the server')
      );
    }
    await this._ctx.app.commands.execute(PlotCommandIDs.open, {
      source: this._selection.source as any,
      title: this._options?.label ?? 'VO result'
    });
  }

  cancel(): void {
    this._controller?.abort();
    this._controller = null;
  }

  dispose(): void {
    this.cancel();
    super.dispose();
  }

  private _setState(state: State): void {
    this._state = state;
    this._skyLink?.dispose();
    this._skyLink = null;
    if (state.kind !== 'done') {
      this._gridLink?.dispose();
      this._gridLink = null;
    }
    if (state.kind !== 'done' && this._grid) {
      this._grid.dispose();
      this._grid = null;
    }
    this._render();
  }

  private _render(): void {
    this._bar.update();
  }

  /** The toolbar's content, rendered from the pane's state. */
  renderBar(): JSX.Element {
    return (
      <ResultBar
        key={
          this._state.kind === 'done' ? this._state.info.id : this._state.kind
        }
        ctx={this._ctx}
        onSky={this._ctx.sky ? () => this.showOnSky() : undefined}
        onPlot={
          this._selection &&
          this._ctx.app.commands.hasCommand(PlotCommandIDs.open)
            ? () => this.openPlot()
            : undefined
        }
        onBasket={
          this._grid && basketAvailable(this._ctx.app.commands)
            ? () =>
                addResultToBasket(
                  this._ctx.app.commands,
                  this._grid!,
                  this._options!.provenance,
                  this._options!.label,
                  this._grid!.selectedRows
                ).then(item => item.title)
            : undefined
        }
        state={this._state}
        options={this._options}
        emptyText={this._emptyText}
        selected={this._grid?.selectedRows ?? []}
        links={this._links}
        onCancel={() => this.cancel()}
        onLinks={links => {
          this._links = links;
          this._render();
        }}
      />
    );
  }

  private _bar: BarWidget;
  private _grid: ResultGrid | null = null;
  private _state: State = { kind: 'idle' };
  private _options: IRunOptions | null = null;
  private _controller: AbortController | null = null;
  private _links: IDatalinkAnswer | null = null;
  private _skyLink: { dispose(): void } | null = null;
  private _gridLink: { dispose(): void } | null = null;
  private _selection: RowSelection | null = null;
}

class BarWidget extends ReactWidget {
  constructor(private _pane: ResultPane) {
    super();
    this.addClass('jp-escape-ResultPane-bar');
  }

  render(): JSX.Element {
    return this._pane.renderBar();
  }
}

function parseInfo(response: IArrowResponse): IResultInfo {
  const id = response.headers.get('X-Escape-Result-Id') ?? '';
  const header = response.headers.get('X-Escape-Result-Info');
  let info: Partial<IResultInfo> = {};
  if (header) {
    try {
      info = JSON.parse(header);
    } catch {
      info = {};
    }
  }
  return {
    id: info.id ?? id,
    rows: info.rows ?? response.table.numRows,
    columns: info.columns ?? response.table.numCols,
    overflow: !!info.overflow,
    query_status: info.query_status ?? null,
    infos: info.infos ?? [],
    error: info.error ?? null,
    warnings: info.warnings ?? []
  };
}

function ResultBar(props: {
  ctx: IVOContext;
  state: State;
  options: IRunOptions | null;
  emptyText?: string;
  selected: number[];
  links: IDatalinkAnswer | null;
  onCancel: () => void;
  onLinks: (links: IDatalinkAnswer | null) => void;
  onSky?: () => Promise<number>;
  onPlot?: () => Promise<void>;
  onBasket?: () => Promise<string>;
}): JSX.Element {
  const { ctx, state, options } = props;
  const trans = ctx.trans;
  const [format, setFormat] = React.useState('parquet');
  const [busy, setBusy] = React.useState<string | null>(null);
  const [actionError, setActionError] = React.useState<IErrorView | null>(null);

  const act = async (label: string, work: () => Promise<void>) => {
    setBusy(label);
    setActionError(null);
    try {
      await work();
    } catch (error) {
      setActionError(describeError(error));
    } finally {
      setBusy(null);
    }
  };

  if (state.kind === 'idle') {
    return (
      <div className="jp-escape-ResultPane-empty">
        {props.emptyText ?? trans.__('Run a query to see its result here.')}
      </div>
    );
  }
  if (state.kind === 'running') {
    return (
      <Busy
        label={state.label}
        since={state.since}
        onCancel={props.onCancel}
        trans={trans}
      />
    );
  }
  if (state.kind === 'error') {
    return (
      <ErrorBox error={state.error} trans={trans} onGoTo={options?.onGoTo} />
    );
  }
  const { info } = state;
  const provenance = options!.provenance;
  const maxrec = provenance.maxrec ?? info.rows;
  return (
    <div className="jp-escape-ResultPane-tools">
      <div className="jp-escape-ResultPane-summary" role="status">
        {trans.__(
          '%1: %2 rows, %3 columns in %4 s (%5)',
          state.label,
          info.rows.toLocaleString(),
          info.columns,
          state.seconds.toFixed(1),
          formatBytes(state.bytes)
        )}
      </div>
      {info.error && (
        <div
          className="jp-escape-Banner jp-escape-Banner-warn jp-escape-VO-query-error"
          role="alert"
        >
          {trans.__(
            'The service reported an error after these rows: %1',
            info.error
          )}
        </div>
      )}
      {!!info.warnings?.length && (
        <div
          className="jp-escape-Banner jp-escape-Banner-warn jp-escape-VO-cell-warnings"
          role="status"
        >
          {info.warnings
            .map(w =>
              w.column
                ? trans.__(
                    '%1: %2 cell(s) shown empty (%3, first in row %4)',
                    w.column,
                    w.count,
                    w.problem,
                    w.row ?? '?'
                  )
                : w.problem
            )
            .join('; ')}
        </div>
      )}
      {info.overflow && (
        <div
          className="jp-escape-Banner jp-escape-Banner-warn jp-escape-VO-overflow"
          role="alert"
        >
          {trans.__(
            'Truncated: the service stopped at MAXREC (%1 rows). There are more rows.',
            info.rows.toLocaleString()
          )}{' '}
          {options?.onRerun && (
            <button
              type="button"
              className="jp-mod-styled"
              onClick={() => options.onRerun!(Math.max(maxrec, 1) * 10)}
            >
              {trans.__(
                'Fetch more (MAXREC %1)',
                (Math.max(maxrec, 1) * 10).toLocaleString()
              )}
            </button>
          )}{' '}
          {options?.onSubmitAsync && (
            <button
              type="button"
              className="jp-mod-styled"
              onClick={options.onSubmitAsync}
            >
              {trans.__('Run as async job')}
            </button>
          )}
        </div>
      )}
      <div
        className="jp-escape-ResultPane-actions"
        role="toolbar"
        aria-label={trans.__('Result actions')}
      >
        <label>
          {trans.__('Save as')}{' '}
          <select
            className="jp-mod-styled"
            value={format}
            onChange={e => setFormat(e.target.value)}
          >
            {EXPORT_FORMATS.map(f => (
              <option key={f} value={f}>
                {f === 'votable' ? 'VOTable' : f.toUpperCase()}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="jp-mod-styled jp-escape-VO-export"
          disabled={!!busy}
          onClick={() =>
            act(trans.__('Saving'), async () => {
              const written = await voAPI.exportResult(info.id, {
                format,
                overwrite: true
              });
              Notification.success(
                trans.__('Saved the result to %1', written.path),
                { autoClose: 5000 }
              );
            })
          }
        >
          {trans.__('Save to workspace')}
        </button>
        <button
          type="button"
          className="jp-mod-styled jp-escape-VO-code"
          disabled={!!busy}
          title={trans.__(
            'Insert the pyvo code of this query into the notebook'
          )}
          onClick={() =>
            act(trans.__('Writing code'), async () => {
              const { code } = await voAPI.resultCode(info.id);
              await ctx.insertCode(code);
            })
          }
        >
          {trans.__('Show me the code (pyvo)')}
        </button>
        <button
          type="button"
          className="jp-mod-styled jp-escape-VO-apiCode"
          disabled={!!busy}
          onClick={() =>
            act(trans.__('Writing code'), () =>
              ctx.insertCode(pythonAPISnippet(provenance))
            )
          }
        >
          {trans.__('Python API code')}
        </button>
        <button
          type="button"
          className="jp-mod-styled"
          disabled={!!busy || props.selected.length !== 1}
          title={trans.__('List the DataLink links of the selected row')}
          onClick={() =>
            act(trans.__('Asking DataLink'), async () => {
              props.onLinks(
                await voAPI.datalink({
                  result_id: info.id,
                  row: props.selected[0]
                })
              );
            })
          }
        >
          {trans.__('DataLink…')}
        </button>
        {props.onSky && (
          <button
            type="button"
            className="jp-mod-styled"
            disabled={!!busy}
            title={trans.__(
              'Show the rows on a sky view; selections follow both ways'
            )}
            onClick={() =>
              act(trans.__('Sending to the sky'), async () => {
                const n = await props.onSky!();
                Notification.info(
                  trans.__('%1 sources on the sky', n.toLocaleString()),
                  {
                    autoClose: 3000
                  }
                );
              })
            }
          >
            {trans.__('Show on sky')}
          </button>
        )}
        {props.onPlot && (
          <button
            type="button"
            className="jp-mod-styled jp-escape-VO-plot"
            disabled={!!busy}
            title={trans.__(
              'Plot the result (scatter, histogram, density); brushing selects rows here and on the sky'
            )}
            onClick={() =>
              act(trans.__('Opening the plot'), () => props.onPlot!())
            }
          >
            {trans.__('Plot')}
          </button>
        )}
        {props.onBasket && (
          <button
            type="button"
            className="jp-mod-styled jp-escape-VO-basket"
            disabled={!!busy}
            title={trans.__(
              'Add the selected rows to the research basket (or, with no selection, the query and its result)'
            )}
            onClick={() =>
              act(trans.__('Adding to the basket'), async () => {
                const title = await props.onBasket!();
                Notification.success(
                  trans.__('Added "%1" to the basket', title),
                  { autoClose: 3000 }
                );
              })
            }
          >
            {props.selected.length
              ? trans.__('Add selection to basket (%1)', props.selected.length)
              : trans.__('Add to basket')}
          </button>
        )}
        {state.info.id && ctx.app.commands.hasCommand('escape:samp-send') && (
          <button
            type="button"
            className="jp-mod-styled jp-escape-VO-samp"
            disabled={!!busy}
            title={trans.__(
              'Send the result to desktop tools (TOPCAT, Aladin) over SAMP; selections follow both ways'
            )}
            onClick={() =>
              act(trans.__('Sending via SAMP'), async () => {
                await ctx.app.commands.execute('escape:samp-send', {
                  source: { kind: 'vo-result', id: state.info.id! },
                  name: options?.label ?? state.label
                });
              })
            }
          >
            {trans.__('Send via SAMP')}
          </button>
        )}
        {busy && <span role="status">{busy}…</span>}
      </div>
      {actionError && <ErrorBox error={actionError} trans={trans} />}
      {props.links && (
        <DatalinkList
          ctx={ctx}
          answer={props.links}
          onClose={() => props.onLinks(null)}
        />
      )}
    </div>
  );
}

function DatalinkList(props: {
  ctx: IVOContext;
  answer: IDatalinkAnswer;
  onClose: () => void;
}): JSX.Element {
  const { ctx, answer } = props;
  const trans = ctx.trans;
  const [status, setStatus] = React.useState<Record<number, string>>({});
  const fetchLink = async (i: number) => {
    const link = answer.links[i];
    setStatus(s => ({ ...s, [i]: trans.__('fetching…') }));
    try {
      const saved = link.access_url
        ? await voAPI.datalinkFetch({ access_url: link.access_url })
        : await voAPI.datalinkFetch({
            service: answer.services[link.service_def ?? ''],
            id: link.id ?? undefined
          });
      setStatus(s => ({ ...s, [i]: trans.__('saved to %1', saved.path) }));
    } catch (error) {
      const e = describeError(error);
      setStatus(s => ({
        ...s,
        [i]: `${e.service ? e.service + ': ' : ''}${e.message}`
      }));
    }
  };
  return (
    <section
      className="jp-escape-VO-datalink"
      aria-label={trans.__('DataLink links')}
    >
      <header>
        <strong>{trans.__('DataLink links (%1)', answer.links.length)}</strong>{' '}
        <button type="button" className="jp-mod-styled" onClick={props.onClose}>
          {trans.__('Close')}
        </button>
      </header>
      <ul>
        {answer.links.map((link, i) => (
          <li key={i}>
            <code>{link.semantics ?? '?'}</code>{' '}
            {link.description ?? link.access_url ?? link.service_def}{' '}
            {link.content_type && (
              <span className="jp-escape-VO-muted">
                {link.content_type}
                {link.content_length
                  ? `, ${formatBytes(Number(link.content_length))}`
                  : ''}
              </span>
            )}{' '}
            {link.error_message ? (
              <span className="jp-escape-VO-muted">{link.error_message}</span>
            ) : (
              <button
                type="button"
                className="jp-mod-styled"
                onClick={() => fetchLink(i)}
              >
                {link.service_def
                  ? trans.__('Fetch (service)')
                  : trans.__('Fetch to workspace')}
              </button>
            )}{' '}
            {status[i] && <span role="status">{status[i]}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}

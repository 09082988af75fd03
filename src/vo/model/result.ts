/**
 * The state of a result pane: idle, running (with Cancel), failed (the server's words), or done with the
 * result's summary; and what its toolbar holds (save format, the action under way, its error, DataLink links).
 * The pane (../ResultPane.tsx) owns the grid widget; the model only says what to show.
 */
import { TranslationBundle } from '@jupyterlab/translation';
import { IArrowResponse, isAbort } from '../../grid';
import type { RowSelection } from '../../plots/selection';
import { IDatalinkAnswer, IProvenance, IResultInfo, voAPI } from '../api';
import { ActionModel } from '../../components/actionModel';
import { describeError, IErrorView } from '../errors';
import { VOModel } from './base';

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

export type ResultState =
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

export const EXPORT_FORMATS = ['votable', 'fits', 'csv', 'parquet'];

/** Shows a fetched result (builds the grid); false when it was cancelled meanwhile. */
export type Presenter = (
  response: IArrowResponse,
  info: IResultInfo,
  signal: AbortSignal
) => Promise<boolean>;

export class ResultModel extends VOModel {
  constructor(private _trans: TranslationBundle) {
    super();
    this.action.changed.connect(() => this.emit(), this);
  }

  state: ResultState = { kind: 'idle' };
  options: IRunOptions | null = null;
  /** The result's shared row selection (grid, plots, sky, SAMP), when the server keeps the result. */
  selection: RowSelection | null = null;
  exportFormat = 'parquet';
  /** The toolbar action under way and its failure (one at a time). */
  readonly action = new ActionModel();
  links: IDatalinkAnswer | null = null;
  /** Per DataLink row: fetching, saved to…, or the error. */
  linkStatus: Record<number, string> = {};

  /** Run a fetch and show its result; a previous run still going is cancelled. */
  async run(options: IRunOptions, present: Presenter): Promise<void> {
    this.cancel();
    const controller = new AbortController();
    this._controller = controller;
    this.options = options;
    this.links = null;
    const since = Date.now();
    this.setState({ kind: 'running', label: options.label, since });
    try {
      const response = await options.fetch(controller.signal);
      const info = parseInfo(response);
      if (!(await present(response, info, controller.signal))) {
        return;
      }
      this.setState({
        kind: 'done',
        label: options.label,
        info,
        seconds: (Date.now() - since) / 1000,
        bytes: response.bytes
      });
    } catch (error) {
      const aborted = isAbort(error) || controller.signal.aborted;
      this.setState({
        kind: 'error',
        label: options.label,
        error: aborted
          ? {
              message: this._trans.__('Cancelled.'),
              service: null,
              status: 0,
              position: null
            }
          : describeError(error, options.query)
      });
    } finally {
      if (this._controller === controller) {
        this._controller = null;
      }
    }
  }

  cancel(): void {
    this._controller?.abort();
    this._controller = null;
  }

  /** The toolbar action under way ("Saving"), if any. */
  get busy(): string | null {
    return this.action.busy;
  }

  /** The last toolbar action's failure, as the VO views show failures. */
  get actionError(): IErrorView | null {
    return this.action.error === null ? null : describeError(this.action.error);
  }

  /** A toolbar action: shown as under way, its failure kept below the toolbar. */
  act(label: string, work: () => Promise<void>): Promise<void> {
    return this.action.run(label, work);
  }

  setExportFormat(format: string): void {
    this.exportFormat = format;
    this.emit();
  }

  setLinks(links: IDatalinkAnswer | null): void {
    this.links = links;
    this.emit();
  }

  /** Fetch DataLink row `i` into the workspace (directly, or through its service descriptor). */
  async fetchLink(i: number): Promise<void> {
    const answer = this.links;
    if (!answer) {
      return;
    }
    const link = answer.links[i];
    this._setLinkStatus(i, this._trans.__('fetching…'));
    try {
      const saved = link.access_url
        ? await voAPI.datalinkFetch({ access_url: link.access_url })
        : await voAPI.datalinkFetch({
            service: answer.services[link.service_def ?? ''],
            id: link.id ?? undefined
          });
      this._setLinkStatus(i, this._trans.__('saved to %1', saved.path));
    } catch (error) {
      const e = describeError(error);
      this._setLinkStatus(
        i,
        `${e.service ? e.service + ': ' : ''}${e.message}`
      );
    }
  }

  /** A new state starts a fresh toolbar (the default format, no action, no links' statuses). */
  setState(state: ResultState): void {
    this.state = state;
    this.exportFormat = 'parquet';
    this.action.busy = null;
    this.action.error = null;
    this.linkStatus = {};
    this.emit();
  }

  dispose(): void {
    this.cancel();
    this.action.dispose();
    super.dispose();
  }

  private _setLinkStatus(i: number, text: string): void {
    this.linkStatus = { ...this.linkStatus, [i]: text };
    this.emit();
  }

  private _controller: AbortController | null = null;
}

/** The result's summary from the server's headers (what the Arrow table itself cannot say). */
export function parseInfo(response: IArrowResponse): IResultInfo {
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

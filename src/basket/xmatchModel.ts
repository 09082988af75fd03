/**
 * State of the cross-match view: the form, the workspace tables offered as inputs, the run under way and its
 * result (or error). Runs in memory through `basket/xmatch`, or on the Dask cluster as a job with progress and
 * cancel (the ClusterModel's) when asked for or when an input is a HATS catalogue.
 */
import { ISignal, Signal } from '@lumino/signaling';
import { EscapeAPIError } from '../handler';
import { basketAPI, ITableInfo, IXMatchResult, XMatchRef } from './api';
import { clusterCrossmatchSnippet } from './clusterSnippets';
import { IBasketContext } from './context';
import { crossmatchSnippet } from './kinds';
import { FILE, formRequest, IForm, SUFFIX } from './xmatchForm';

/** The form's inputs from a basket item id or table name (a string) or a file. */
function inputsOf(
  left?: XMatchRef,
  right?: XMatchRef
): Partial<Pick<IForm, 'left' | 'leftPath' | 'right' | 'rightPath'>> {
  const side = (r: XMatchRef | undefined, name: 'left' | 'right') =>
    r === undefined
      ? {}
      : typeof r === 'string'
        ? { [name]: r }
        : { [name]: FILE, [`${name}Path`]: r.path };
  return { ...side(left, 'left'), ...side(right, 'right') };
}

export class XMatchModel {
  constructor(
    private _ctx: IBasketContext,
    left?: XMatchRef,
    right?: XMatchRef
  ) {
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
      ...inputsOf(left, right)
    };
    void this.refreshTables();
  }

  form: IForm;
  /** The workspace database's tables (inputs besides basket items and files). */
  tables: ITableInfo[] = [];
  result: IXMatchResult | null = null;
  running = false;
  error: unknown = null;

  get changed(): ISignal<this, void> {
    return this._changed;
  }

  /** Choose inputs (e.g. from the basket's "Cross-match…" on an item). */
  setInputs(left?: XMatchRef, right?: XMatchRef): void {
    this.setForm(inputsOf(left, right));
  }

  setForm(changes: Partial<IForm>): void {
    this.form = { ...this.form, ...changes };
    this._changed.emit();
  }

  /** A new file format, and the result path's suffix with it. */
  setFormat(format: string): void {
    const path =
      this.form.path.replace(/\.[A-Za-z0-9]+$/, '') + '.' + SUFFIX[format];
    this.setForm({ format, path });
  }

  setError(error: unknown): void {
    this.error = error;
    this._changed.emit();
  }

  async refreshTables(): Promise<void> {
    try {
      this.tables = (await basketAPI.tables()).tables;
    } catch {
      this.tables = [];
    }
    this._changed.emit();
  }

  /** LSDB on the cluster (a job with progress and cancel) when asked for, or when an input is HATS on disk. */
  get onCluster(): boolean {
    const hats = (id: string) =>
      this._ctx.model.items.some(i => i.id === id && i.kind === 'hats_catalog');
    return (
      this.form.engine === 'dask' ||
      (this.form.engine !== 'memory' &&
        (hats(this.form.left) || hats(this.form.right)))
    );
  }

  /**
   * Cross-match, then `show` the result table (still "running" until it is shown; its failure is the run's).
   */
  async run(
    show: (table: string, result: IXMatchResult) => Promise<void>
  ): Promise<void> {
    const request = formRequest(this.form);
    if (typeof request === 'string') {
      this.setError(new Error(request));
      return;
    }
    if (this.onCluster && request.path) {
      this.setError(
        new Error(
          this._ctx.trans.__(
            'file: a cross-match on the cluster saves to a workspace table (untick "Also save as a file")'
          )
        )
      );
      return;
    }
    this.running = true;
    this.error = null;
    this.result = null; // the summary shown is always this run's
    this._changed.emit();
    try {
      this.result = this.onCluster
        ? await this._runOnCluster(request)
        : await basketAPI.xmatch(request);
      if (this.result) {
        await show(this.result.saved?.table ?? request.table!, this.result);
        void this.refreshTables();
      }
    } catch (error) {
      this.error = error;
    } finally {
      this.running = false;
      this._changed.emit();
    }
  }

  /** "Show me the code" of the form as it is (throws the form's problem). */
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

  dispose(): void {
    Signal.clearData(this);
  }

  private _changed = new Signal<this, void>(this);

  private async _runOnCluster(
    request: Exclude<ReturnType<typeof formRequest>, string>
  ): Promise<IXMatchResult | null> {
    const cluster = this._ctx.cluster;
    const job = await cluster.runJob({
      left: request.left,
      right: request.right,
      radius_arcsec: request.radius_arcsec,
      find: request.find,
      engine: request.engine ?? 'auto',
      table: request.table
    });
    if (job && job.state === 'done' && job.result) {
      return job.result;
    }
    // the progress line says "cancelled"; a failure is shown as the cluster reported it
    this.error =
      cluster.jobError ??
      (job?.error && job.state === 'error'
        ? new EscapeAPIError({
            message: job.error.error,
            status: 500,
            service: job.error.service,
            url: `scale/xmatch/${job.id}`
          })
        : null);
    return null;
  }
}

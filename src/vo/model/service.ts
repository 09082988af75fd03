/**
 * The state of one TAP service view: its tables (VOSI detail=min, then one table's columns on demand), examples
 * and capabilities, the left panel's tab and filter, and the query settings (MAXREC, transport format).
 */
import { ISignal, Signal } from '@lumino/signaling';
import type { ADQLSchema } from '../adqlEditor';
import { IExample, IJob, ITableInfo, ITapCapabilities, voAPI } from '../api';
import { describeError, IErrorView } from '../errors';
import { VOModel } from './base';

export type ServiceTab = 'tables' | 'examples' | 'capabilities' | 'jobs';

/** A table's columns as fetched, still on their way, or why they could not be read. */
export type TableDetail = ITableInfo | 'loading' | IErrorView;

/** Transports of a sync query: "auto" moves rows as FITS when that gives exactly the VOTable result. */
export const QUERY_FORMATS: [string, string][] = [
  ['auto', 'auto (fastest exact)'],
  ['binary2', 'VOTable BINARY2'],
  ['binary', 'VOTable BINARY'],
  ['tabledata', 'VOTable TABLEDATA'],
  ['fits', 'FITS']
];

export function hasColumns(
  detail: TableDetail | undefined
): detail is ITableInfo {
  return typeof detail === 'object' && 'columns' in detail;
}

export function isError(detail: TableDetail | undefined): detail is IErrorView {
  return typeof detail === 'object' && 'message' in detail;
}

export class ServiceModel extends VOModel {
  constructor(readonly url: string) {
    super();
  }

  tables: ITableInfo[] | null = null;
  tablesError: IErrorView | null = null;
  readonly details: Record<string, TableDetail> = {};
  examples: IExample[] | null = null;
  examplesError: IErrorView | null = null;
  caps: ITapCapabilities | null = null;
  capsError: IErrorView | null = null;

  tab: ServiceTab = 'tables';
  /** The tables tab's filter text. */
  filter = '';
  maxrec: number | null = 1000;
  /** The MAXREC field as typed (typing stays smooth; "fetch more" sets both). */
  maxrecText = '1000';
  format = 'auto';
  /** Bumped when a job was submitted here, so the jobs tab lists it. */
  jobsKey = 0;

  /** Emitted when the editor's completion should change (columns arrived, the query names another table). */
  get schemaChanged(): ISignal<this, void> {
    return this._schemaChanged;
  }

  /** Table names with their known columns, and the table unqualified names complete from. */
  get schema(): { tables: ADQLSchema; defaultTable?: string } {
    const tables: ADQLSchema = {};
    for (const t of this.tables ?? []) {
      const d = this.details[t.name];
      tables[t.name] = hasColumns(d) ? (d.columns ?? []).map(c => c.name) : [];
    }
    return { tables, defaultTable: this._defaultTable ?? undefined };
  }

  /** Tables first (the editor completes from them), then examples and capabilities. */
  async load(): Promise<void> {
    const tables = voAPI
      .tables(this.url)
      .then(r => {
        this.tables = r.tables;
        this._schemaChanged.emit();
      })
      .catch(e => (this.tablesError = describeError(e)));
    const examples = voAPI
      .examples(this.url)
      .then(r => (this.examples = r.examples))
      .catch(e => (this.examplesError = describeError(e)));
    const caps = voAPI
      .capabilities(this.url)
      .then(r => (this.caps = r))
      .catch(e => (this.capsError = describeError(e)));
    await tables;
    this.emit();
    await Promise.all([examples, caps]);
    this.emit();
  }

  /** Fetch one table's columns (once) and feed them to the editor's completion. */
  async loadTable(name: string): Promise<void> {
    const current = this.details[name];
    if (current === 'loading' || hasColumns(current)) {
      return;
    }
    this.details[name] = 'loading';
    this._defaultTable = name;
    this.emit();
    try {
      this.details[name] = await voAPI.table(this.url, name);
    } catch (e) {
      this.details[name] = describeError(e);
    }
    this._schemaChanged.emit();
    this.emit();
  }

  /** Tables named in the query get their columns fetched, so completion knows them. */
  watchQuery(text: string): void {
    const lower = text.toLowerCase();
    let named: string | null = null;
    for (const t of this.tables ?? []) {
      if (lower.includes(t.name.toLowerCase())) {
        named = t.name;
        if (!this.details[t.name]) {
          void this.loadTable(t.name);
        }
      }
    }
    // unqualified column names complete from the table the query names (else the last one opened)
    if (named && named !== this._defaultTable) {
      this._defaultTable = named;
      this._schemaChanged.emit();
    }
  }

  setTab(tab: ServiceTab): void {
    this.tab = tab;
    this.emit();
  }

  setFilter(filter: string): void {
    this.filter = filter;
    this.emit();
  }

  setFormat(format: string): void {
    this.format = format;
    this.emit();
  }

  /** The MAXREC field changed: empty is the service's default, else a whole number >= 0. */
  setMaxrecText(text: string): void {
    this.maxrecText = text;
    this.maxrec = text === '' ? null : Math.max(0, Math.floor(Number(text)));
    this.emit();
  }

  setMaxrec(maxrec: number | null): void {
    this.maxrec = maxrec;
    this.maxrecText = maxrec === null ? '' : String(maxrec);
    this.emit();
  }

  /** Submit `query` as an async job; the jobs tab then shows it. */
  async submit(query: string): Promise<IJob> {
    const job = await voAPI.submit({
      url: this.url,
      query,
      maxrec: this.maxrec
    });
    this.tab = 'jobs';
    this.jobsKey++;
    this.emit();
    return job;
  }

  private _defaultTable: string | null = null;
  private _schemaChanged = new Signal<this, void>(this);
}

/**
 * State of the workspace database console: the tables (with the columns of those expanded, for the list and
 * the editor's completion), whether writes are allowed, and the query run last with its summary or error.
 */
import { ISignal, Signal } from '@lumino/signaling';
import { requestArrow } from '../grid';
import { basketAPI, ITableDetail, ITableInfo } from './api';

/** At most this many rows come back to the grid. */
export const ROW_LIMIT = 100000;

/** The query's answer: rows, seconds, and whether the row limit cut it. */
export interface IQuerySummary {
  rows: number;
  elapsed: number;
  truncated: boolean;
}

export type ArrowAnswer = Awaited<ReturnType<typeof requestArrow>>;

export class SQLConsoleModel {
  tables: ITableInfo[] = [];
  details: Record<string, ITableDetail> = {};
  /** Tables whose columns are shown. */
  open = new Set<string>();
  /** Table name -> column names, for completion (names only until a table is expanded). */
  schema: Record<string, string[]> = {};
  tablesError: unknown = null;
  /** CREATE/INSERT/DROP… allowed (the console is read-only otherwise). */
  writeAllowed = false;
  running = false;
  lastSQL = '';
  /** The last query's answer (null while it runs, or when it failed). */
  summary: IQuerySummary | null = null;

  get changed(): ISignal<this, void> {
    return this._changed;
  }

  /** The tables were listed again (the editor's completion follows). */
  get tablesRefreshed(): ISignal<this, void> {
    return this._tablesRefreshed;
  }

  setWriteAllowed(on: boolean): void {
    this.writeAllowed = on;
    this._changed.emit();
  }

  async refreshTables(): Promise<void> {
    try {
      this.tables = (await basketAPI.tables()).tables;
      this.tablesError = null;
      for (const t of this.tables) {
        this.schema[t.table] ??= [];
      }
    } catch (error) {
      this.tablesError = error;
    }
    this._changed.emit();
    this._tablesRefreshed.emit();
  }

  /** Show (fetching once) or hide a table's columns. */
  async toggle(name: string): Promise<void> {
    if (this.open.has(name)) {
      this.open.delete(name);
      this._changed.emit();
      return;
    }
    this.open.add(name);
    this._changed.emit();
    if (this.details[name]) {
      return;
    }
    try {
      const detail = await basketAPI.table(name);
      if (detail.columns.length === 0) {
        // a table made in SQL has no stored metadata: DuckDB still knows names and types
        const described = await basketAPI.sqlJSON(
          `DESCRIBE "${name.replace(/"/g, '""')}"`
        );
        detail.columns = described.rows.map(r => ({
          name: String(r[0]),
          type: String(r[1])
        }));
      }
      this.details[name] = detail;
      this.schema[name] = detail.columns.map(c => c.name);
    } catch (error) {
      this.tablesError = error;
    }
    this._changed.emit();
  }

  /**
   * Run `sql` and `show` its rows (still "running" until they are shown); a failure goes to `fail`. The tables
   * are listed again after a query that may have written.
   */
  async run(
    sql: string,
    show: (answer: ArrowAnswer) => Promise<void>,
    fail: (error: unknown) => void
  ): Promise<void> {
    if (this.running || !sql) {
      return;
    }
    this.running = true;
    this.lastSQL = sql;
    this.summary = null;
    this._changed.emit();
    try {
      const answer = await requestArrow('basket/sql', {
        method: 'POST',
        body: JSON.stringify({
          sql,
          format: 'arrow',
          limit: ROW_LIMIT,
          write: this.writeAllowed
        })
      });
      await show(answer);
      this.summary = {
        rows: answer.table.numRows,
        elapsed: Number(answer.headers.get('X-Escape-Elapsed') ?? 0),
        truncated: answer.headers.get('X-Escape-Truncated') === 'True'
      };
      if (this.writeAllowed) {
        await this.refreshTables();
      }
    } catch (error) {
      this.summary = null;
      fail(error);
    } finally {
      this.running = false;
      this._changed.emit();
    }
  }

  dispose(): void {
    Signal.clearData(this);
  }

  private _changed = new Signal<this, void>(this);
  private _tablesRefreshed = new Signal<this, void>(this);
}

/**
 * The workspace database console: the tables with their column metadata, a SQL editor, and the result in
 * the shared grid. DuckDB's own error message is shown verbatim. Read-only unless "Allow writes" is ticked.
 */
import { ReactWidget } from '@jupyterlab/apputils';
import { Panel, SplitPanel, Widget } from '@lumino/widgets';
import * as React from 'react';
import { createResultGrid, requestArrow } from '../grid';
import { basketAPI, ITableDetail, ITableInfo } from './api';
import { BasketError } from './components';
import { IBasketContext } from './context';
import { sqlSnippet } from './kinds';
import { createSQLEditor, ISQLEditor } from './sqlEditor';
import { RenderBar, TablePane } from './TablePane';

const ROW_LIMIT = 100000;

export class SQLConsole extends SplitPanel {
  constructor(
    private _ctx: IBasketContext,
    sql?: string
  ) {
    super({ orientation: 'horizontal' });
    this.addClass('jp-escape-SQLConsole');
    this.id = 'jp-escape-basket-sql';
    this.title.label = _ctx.trans.__('Workspace database');
    this.title.caption = _ctx.trans.__(
      'SQL console of the workspace database (DuckDB)'
    );
    this.title.closable = true;

    this._tables = new TablesList(_ctx, {
      onInsert: text => this._insert(text),
      onQuery: text => {
        this.setSQL(text);
        void this.run();
      }
    });
    this._editorHost = new EditorPanel(this);
    this._result = new TablePane({
      ctx: _ctx,
      label: () => this._lastSQL.slice(0, 60) || 'SQL result',
      origin: () => ({ source: 'workspace database', query: this._lastSQL }),
      extra: () => (
        <span className="jp-escape-TablePane-summary" role="status">
          {this._summary}
        </span>
      )
    });
    const right = new SplitPanel({ orientation: 'vertical' });
    right.addWidget(this._editorHost);
    right.addWidget(this._result);
    right.setRelativeSizes([1, 3]);
    this.addWidget(this._tables);
    this.addWidget(right);
    this.setRelativeSizes([1, 3]);

    this._editor = createSQLEditor({
      host: this._editorHost.editorNode,
      doc: sql ?? 'SELECT * FROM escape_tables',
      label: _ctx.trans.__('SQL query on the workspace database'),
      placeholder: _ctx.trans.__('SELECT … (Ctrl+Enter runs)'),
      onRun: () => void this.run()
    });
    void this.refreshTables();
  }

  readonly writeAllowed = { value: false };
  running = false;

  setSQL(sql: string): void {
    this._editor.setValue(sql);
  }

  async refreshTables(): Promise<void> {
    await this._tables.refresh();
    this._editor.setSchema(this._tables.schema);
  }

  async run(): Promise<void> {
    if (this.running) {
      return;
    }
    const sql = this._editor.getValue().trim();
    if (!sql) {
      return;
    }
    this.running = true;
    this._lastSQL = sql;
    this._summary = this._ctx.trans.__('Running…');
    this._result.update();
    this._editorHost.update();
    try {
      const response = await requestArrow('basket/sql', {
        method: 'POST',
        body: JSON.stringify({
          sql,
          format: 'arrow',
          limit: ROW_LIMIT,
          write: this.writeAllowed.value
        })
      });
      const truncated = response.headers.get('X-Escape-Truncated') === 'True';
      const elapsed = Number(response.headers.get('X-Escape-Elapsed') ?? 0);
      const grid = await createResultGrid({
        table: response.table,
        translator: this._ctx.translator,
        label: this._ctx.trans.__('SQL result')
      });
      this._summary = truncated
        ? this._ctx.trans.__(
            'first %1 rows (limit) in %2 s',
            response.table.numRows.toLocaleString(),
            elapsed
          )
        : this._ctx.trans._n(
            '%1 row in %2 s',
            '%1 rows in %2 s',
            response.table.numRows,
            elapsed
          );
      this._result.setGrid(grid);
      if (this.writeAllowed.value) {
        await this.refreshTables();
      }
    } catch (error) {
      this._summary = '';
      this._result.setGrid(null);
      this._result.setError(error);
    } finally {
      this.running = false;
      this._editorHost.update();
      this._result.update();
    }
  }

  insertCode(): Promise<void> {
    return this._ctx.insertCode(sqlSnippet(this._editor.getValue().trim()));
  }

  get trans() {
    return this._ctx.trans;
  }

  dispose(): void {
    this._editor?.dispose();
    super.dispose();
  }

  private _insert(text: string): void {
    const view = this._editor.view;
    view.dispatch(view.state.replaceSelection(text));
    view.focus();
  }

  private _tables: TablesList;
  private _editorHost: EditorPanel;
  private _editor: ISQLEditor;
  private _result: TablePane;
  private _summary = '';
  private _lastSQL = '';
}

/** The editor with Run, "Allow writes" and "Show me the code" above it. */
class EditorPanel extends Panel {
  constructor(console: SQLConsole) {
    super();
    this.addClass('jp-escape-SQLConsole-editor');
    this._bar = new RenderBar(() => <EditorBar console={console} />);
    const host = new Widget();
    host.addClass('jp-escape-SQLConsole-host');
    this.editorNode = host.node;
    this.addWidget(this._bar);
    this.addWidget(host);
  }

  readonly editorNode: HTMLElement;

  update(): void {
    super.update();
    this._bar.update();
  }

  private _bar: RenderBar;
}

function EditorBar(props: { console: SQLConsole }): JSX.Element {
  const c = props.console;
  const trans = c.trans;
  const [write, setWrite] = React.useState(c.writeAllowed.value);
  return (
    <div
      className="jp-escape-SQLConsole-bar"
      role="toolbar"
      aria-label={trans.__('SQL console actions')}
    >
      <button
        type="button"
        className="jp-mod-styled jp-mod-accept jp-escape-SQLConsole-run"
        disabled={c.running}
        title={trans.__('Run (Ctrl+Enter)')}
        onClick={() => void c.run()}
      >
        {trans.__('Run')}
      </button>
      <label
        title={trans.__(
          'Allow CREATE/INSERT/DROP… (the console is read-only otherwise)'
        )}
      >
        <input
          type="checkbox"
          checked={write}
          onChange={e => {
            c.writeAllowed.value = e.target.checked;
            setWrite(e.target.checked);
          }}
        />{' '}
        {trans.__('Allow writes')}
      </label>
      <button
        type="button"
        className="jp-mod-styled"
        onClick={() => void c.insertCode()}
      >
        {trans.__('Show me the code')}
      </button>
      <button
        type="button"
        className="jp-mod-styled"
        onClick={() => void c.refreshTables()}
      >
        {trans.__('Refresh tables')}
      </button>
    </div>
  );
}

/** The workspace tables; expanding one shows its columns with unit, UCD and description. */
class TablesList extends ReactWidget {
  constructor(
    private _ctx: IBasketContext,
    private _actions: {
      onInsert: (text: string) => void;
      onQuery: (sql: string) => void;
    }
  ) {
    super();
    this.addClass('jp-escape-SQLConsole-tables');
  }

  schema: Record<string, string[]> = {};

  async refresh(): Promise<void> {
    try {
      this._tables = (await basketAPI.tables()).tables;
      this._error = null;
      for (const t of this._tables) {
        this.schema[t.table] ??= [];
      }
    } catch (error) {
      this._error = error;
    }
    this.update();
  }

  async expand(name: string): Promise<void> {
    if (this._open.has(name)) {
      this._open.delete(name);
      this.update();
      return;
    }
    this._open.add(name);
    this.update();
    if (!this._details[name]) {
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
        this._details[name] = detail;
        this.schema[name] = detail.columns.map(c => c.name);
      } catch (error) {
        this._error = error;
      }
      this.update();
    }
  }

  render(): JSX.Element {
    const trans = this._ctx.trans;
    return (
      <div className="jp-escape-SQLConsole-tablesBody">
        <h3>{trans.__('Tables')}</h3>
        {this._error !== null && (
          <BasketError error={this._error} trans={trans} />
        )}
        {this._tables.length === 0 && (
          <p className="jp-escape-Basket-muted">
            {trans.__(
              'No tables yet: put a basket item into the database ("To workspace database") or cross-match.'
            )}
          </p>
        )}
        <ul className="jp-escape-SQLConsole-tableList">
          {this._tables.map(t => (
            <li key={t.table} data-table={t.table}>
              <button
                type="button"
                className="jp-escape-Basket-link"
                aria-expanded={this._open.has(t.table)}
                onClick={() => void this.expand(t.table)}
              >
                <code>{t.table}</code>
              </button>{' '}
              <span className="jp-escape-Basket-muted">
                {trans.__(
                  '%1 rows, %2 columns',
                  (t.n_rows ?? 0).toLocaleString(),
                  t.n_columns
                )}
                {t.title && t.title !== t.table ? ` — ${t.title}` : ''}
              </span>{' '}
              <button
                type="button"
                className="jp-mod-styled jp-escape-Basket-small"
                aria-label={trans.__('Query table %1', t.table)}
                onClick={() =>
                  this._actions.onQuery(`SELECT * FROM "${t.table}" LIMIT 1000`)
                }
              >
                {trans.__('Query')}
              </button>
              {this._open.has(t.table) && (
                <Columns
                  detail={this._details[t.table]}
                  ctx={this._ctx}
                  onInsert={this._actions.onInsert}
                />
              )}
            </li>
          ))}
        </ul>
      </div>
    );
  }

  private _tables: ITableInfo[] = [];
  private _details: Record<string, ITableDetail> = {};
  private _open = new Set<string>();
  private _error: unknown = null;
}

function Columns(props: {
  detail?: ITableDetail;
  ctx: IBasketContext;
  onInsert: (text: string) => void;
}): JSX.Element {
  const trans = props.ctx.trans;
  if (!props.detail) {
    return <div role="status">{trans.__('Loading…')}</div>;
  }
  return (
    <table className="jp-escape-SQLConsole-columns">
      <thead>
        <tr>
          <th scope="col">{trans.__('Column')}</th>
          <th scope="col">{trans.__('Unit')}</th>
          <th scope="col">{trans.__('UCD')}</th>
          <th scope="col">{trans.__('Description')}</th>
        </tr>
      </thead>
      <tbody>
        {props.detail.columns.map(c => (
          <tr key={c.name}>
            <td>
              <button
                type="button"
                className="jp-escape-Basket-link"
                title={trans.__('Insert into the query')}
                onClick={() => props.onInsert(`"${c.name}"`)}
              >
                {c.name}
              </button>
              {c.type ? (
                <span className="jp-escape-Basket-muted"> {c.type}</span>
              ) : null}
            </td>
            <td>{c.unit ?? ''}</td>
            <td>{c.ucd ?? ''}</td>
            <td>{c.description ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * The workspace database console: the tables with their column metadata, a SQL editor, and the result in
 * the shared grid. DuckDB's own error message is shown verbatim. Read-only unless "Allow writes" is ticked.
 * State is the SQLConsoleModel's (sqlConsoleModel.ts); the table list is SQLTables.
 */
import { Panel, SplitPanel, Widget } from '@lumino/widgets';
import * as React from 'react';
import { useSignals } from '../components/useSignals';
import { createResultGrid } from '../grid';
import { IBasketContext } from './context';
import { sqlSnippet } from './kinds';
import { createSQLEditor, ISQLEditor } from './sqlEditor';
import { SQLConsoleModel } from './sqlConsoleModel';
import { SQLTables } from './SQLTables';
import { RenderBar, TablePane } from './TablePane';

export class SQLConsole extends SplitPanel {
  constructor(
    private _ctx: IBasketContext,
    sql?: string
  ) {
    super({ orientation: 'horizontal' });
    const { trans } = _ctx;
    this.addClass('jp-escape-SQLConsole');
    this.id = 'jp-escape-basket-sql';
    this.title.label = trans.__('Workspace database');
    this.title.caption = trans.__(
      'SQL console of the workspace database (DuckDB)'
    );
    this.title.closable = true;

    const tables = new SQLTables(_ctx, this.model, {
      onInsert: text => this._insert(text),
      onQuery: text => {
        this.setSQL(text);
        void this.run();
      }
    });
    const editorHost = new Panel();
    editorHost.addClass('jp-escape-SQLConsole-editor');
    editorHost.addWidget(new RenderBar(() => <EditorBar console={this} />));
    const host = new Widget();
    host.addClass('jp-escape-SQLConsole-host');
    editorHost.addWidget(host);
    this._result = new TablePane({
      ctx: _ctx,
      label: () => this.model.lastSQL.slice(0, 60) || 'SQL result',
      origin: () => ({
        source: 'workspace database',
        query: this.model.lastSQL
      }),
      extra: () => <QuerySummary console={this} />
    });
    const right = new SplitPanel({ orientation: 'vertical' });
    right.addWidget(editorHost);
    right.addWidget(this._result);
    right.setRelativeSizes([1, 3]);
    this.addWidget(tables);
    this.addWidget(right);
    this.setRelativeSizes([1, 3]);

    this._editor = createSQLEditor({
      host: host.node,
      doc: sql ?? 'SELECT * FROM escape_tables',
      label: trans.__('SQL query on the workspace database'),
      placeholder: trans.__('SELECT … (Ctrl+Enter runs)'),
      onRun: () => void this.run()
    });
    this.model.tablesRefreshed.connect(
      () => this._editor.setSchema(this.model.schema),
      this
    );
    void this.model.refreshTables();
  }

  readonly model = new SQLConsoleModel();

  get trans() {
    return this._ctx.trans;
  }

  setSQL(sql: string): void {
    this._editor.setValue(sql);
  }

  /** Run the editor's query; its rows go to the grid, its error (DuckDB's words) above it. */
  run(): Promise<void> {
    return this.model.run(
      this._editor.getValue().trim(),
      async answer => {
        const grid = await createResultGrid({
          table: answer.table,
          translator: this._ctx.translator,
          label: this.trans.__('SQL result')
        });
        this._result.setGrid(grid);
      },
      error => {
        this._result.setGrid(null);
        this._result.setError(error);
      }
    );
  }

  insertCode(): Promise<void> {
    return this._ctx.insertCode(sqlSnippet(this._editor.getValue().trim()));
  }

  dispose(): void {
    this._editor?.dispose();
    this.model.dispose();
    super.dispose();
  }

  private _insert(text: string): void {
    const view = this._editor.view;
    view.dispatch(view.state.replaceSelection(text));
    view.focus();
  }

  private _editor: ISQLEditor;
  private _result: TablePane;
}

/** "Running…", then "12 rows in 0.01 s" (or "first 100000 rows (limit)"). */
function QuerySummary(props: { console: SQLConsole }): JSX.Element {
  const { model, trans } = props.console;
  useSignals([model.changed]);
  const s = model.summary;
  return (
    <span className="jp-escape-TablePane-summary" role="status">
      {model.running
        ? trans.__('Running…')
        : !s
          ? ''
          : s.truncated
            ? trans.__(
                'first %1 rows (limit) in %2 s',
                s.rows.toLocaleString(),
                s.elapsed
              )
            : trans._n('%1 row in %2 s', '%1 rows in %2 s', s.rows, s.elapsed)}
    </span>
  );
}

/** Run, "Allow writes", "Show me the code" and "Refresh tables" above the editor. */
function EditorBar(props: { console: SQLConsole }): JSX.Element {
  const c = props.console;
  const { model, trans } = c;
  useSignals([model.changed]);
  return (
    <div
      className="jp-escape-SQLConsole-bar"
      role="toolbar"
      aria-label={trans.__('SQL console actions')}
    >
      <button
        type="button"
        className="jp-mod-styled jp-mod-accept jp-escape-SQLConsole-run"
        disabled={model.running}
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
          checked={model.writeAllowed}
          onChange={e => model.setWriteAllowed(e.target.checked)}
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
        onClick={() => void model.refreshTables()}
      >
        {trans.__('Refresh tables')}
      </button>
    </div>
  );
}

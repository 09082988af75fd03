/**
 * The workspace database console: the tables with their column metadata, a SQL editor, and the result in
 * the shared grid. DuckDB's own error message is shown verbatim. Read-only unless "Allow writes" is ticked.
 * State is the SQLConsoleModel's (sqlConsoleModel.ts); the table list is SQLTables.
 */
import { Panel, SplitPanel, Widget } from '@lumino/widgets';
import * as React from 'react';
import { createResultGrid } from '../grid';
import { IBasketContext } from './context';
import { sqlSnippet } from './kinds';
import { createSQLEditor, ISQLEditor } from './sqlEditor';
import { SQLEditorBar, SQLQuerySummary } from './SQLEditorBar';
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
    editorHost.addWidget(
      new RenderBar(() => (
        <SQLEditorBar
          model={this.model}
          trans={trans}
          onRun={() => void this.run()}
          code={() => sqlSnippet(this._editor.getValue().trim())}
          insertCode={_ctx.insertCode}
        />
      ))
    );
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
      extra: () => <SQLQuerySummary model={this.model} trans={trans} />
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

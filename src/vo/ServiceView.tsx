/**
 * One TAP service: tables and columns, examples, capabilities and this service's jobs on the left
 * (service/ServiceSidebar.tsx); the ADQL editor with MAXREC/format, Run (sync) and Submit (async) on top
 * (service/QueryEditor.tsx); the result grid below (ResultPane.tsx). The state is a ServiceModel.
 */
import { ReactWidget } from '@jupyterlab/apputils';
import { SplitPanel } from '@lumino/widgets';
import * as React from 'react';
import type { IADQLEditor } from './adqlEditor';
import { IJob } from './api';
import { IVOContext } from './context';
import { ServiceModel } from './model';
import { ResultPane } from './ResultPane';
import { hashURL, insertQueryCode, submitJob } from './service/actions';
import { QueryEditor } from './service/QueryEditor';
import { jobRun, syncRun } from './service/runs';
import { ServiceSidebar } from './service/ServiceSidebar';

export class ServiceView extends SplitPanel {
  constructor(
    readonly ctx: IVOContext,
    readonly url: string,
    title?: string
  ) {
    super({ orientation: 'horizontal' });
    this.addClass('jp-escape-ServiceView');
    this.id = `jp-escape-vo-service-${hashURL(url)}`;
    this.title.label = title || url;
    this.title.caption = url;
    this.title.closable = true;
    this.model = new ServiceModel(url);
    this.model.schemaChanged.connect(this._updateSchema, this);

    const left = ReactWidget.create(<ServiceSidebar view={this} />);
    left.addClass('jp-escape-ServiceView-left');
    const query = ReactWidget.create(<QueryEditor view={this} />);
    query.addClass('jp-escape-ServiceView-query');
    this.resultPane = new ResultPane(
      ctx,
      ctx.trans.__(
        'Run a query (Ctrl+Enter) or submit it as an async job (Shift+Ctrl+Enter); the result appears here.'
      )
    );
    const right = new SplitPanel({ orientation: 'vertical' });
    right.addWidget(query);
    right.addWidget(this.resultPane);
    right.setRelativeSizes([1, 2]);
    this.addWidget(left);
    this.addWidget(right);
    this.setRelativeSizes([1, 3]);
    void this.model.load();
  }

  readonly model: ServiceModel;
  readonly resultPane: ResultPane;

  /** The editor, once its code has loaded; text set before that waits in `pendingQuery`. */
  get editor(): IADQLEditor | null {
    return this._editor;
  }

  set editor(editor: IADQLEditor | null) {
    this._editor = editor;
    this._updateSchema();
  }

  pendingQuery: string | null = null;

  setQuery(text: string): void {
    if (this._editor) {
      this._editor.setValue(text);
      this._editor.focus();
    } else {
      this.pendingQuery = text;
    }
  }

  run(): void {
    const query = this._query();
    if (!query) {
      return;
    }
    const { maxrec, format } = this.model;
    void this.resultPane.run({
      ...syncRun(this.url, query, maxrec, format),
      onRerun: m => {
        this.model.setMaxrec(m);
        this.run();
      },
      onSubmitAsync: () => void this.submit(),
      onGoTo: (line, column) => this._editor?.focusAt(line, column)
    });
  }

  async submit(): Promise<void> {
    const query = this._query();
    if (query) {
      await submitJob(this.model, query, this.ctx.trans);
    }
  }

  showJob(job: IJob): void {
    void this.resultPane.run(jobRun(job, this.ctx.trans));
  }

  showCode(kind: 'pyvo' | 'api'): Promise<void> {
    return insertQueryCode(this.ctx, kind, {
      kind: 'tap',
      url: this.url,
      query: this._query(),
      maxrec: this.model.maxrec,
      mode: 'sync'
    });
  }

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this._editor?.dispose();
    this._editor = null;
    this.model.dispose();
    super.dispose();
  }

  private _query(): string {
    return this._editor?.getValue().trim() ?? '';
  }

  private _updateSchema(): void {
    const { tables, defaultTable } = this.model.schema;
    this._editor?.setSchema(tables, defaultTable);
  }

  private _editor: IADQLEditor | null = null;
}

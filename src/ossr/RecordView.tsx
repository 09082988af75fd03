/**
 * One OSSR record in the main area: description, authors, versions (navigable), licence, repository,
 * requirements, files, the codemeta.json compliance report, and the actions (cite, Binder, download, install,
 * basket, show me the code). State is the RecordModel's (recordModel.ts).
 */
import { ReactWidget } from '@jupyterlab/apputils';
import * as React from 'react';
import { useSignals } from '../components/useSignals';
import { IRecordView } from './api';
import { Busy, ErrorBox, RateLimitNotice } from './components';
import { IOSSRContext } from './context';
import { RecordAbout } from './RecordAbout';
import { RecordFiles, RecordCodemeta, RecordVersions } from './RecordSections';
import { RecordHeader } from './RecordHeader';
import { RecordModel } from './recordModel';
import { RecordPanelView, RecordToolbar } from './RecordToolbar';

let counter = 0;

export class RecordView extends ReactWidget {
  constructor(
    private _ctx: IOSSRContext,
    id: number | string,
    title?: string
  ) {
    super();
    this.id = `jp-escape-ossr-record-${++counter}`;
    this.addClass('jp-escape-OSSRRecord');
    this.title.label = title ?? _ctx.trans.__('OSSR record %1', String(id));
    this.title.caption = this.title.label;
    this.title.closable = true;
    this.model = new RecordModel(_ctx, id);
    this.model.changed.connect(this._retitle, this);
  }

  readonly model: RecordModel;

  dispose(): void {
    this.model.dispose();
    super.dispose();
  }

  render(): JSX.Element {
    return <RecordPage ctx={this._ctx} model={this.model} />;
  }

  /** The tab says which record and version it shows. */
  private _retitle(): void {
    const r = this.model.record;
    if (r && r !== this._titled) {
      this._titled = r;
      this.title.label = r.version
        ? `${r.title.split(':')[0]} ${r.version}`
        : r.title;
      this.title.caption = `${r.title}${r.version ? ' ' + r.version : ''} (${r.doi ?? r.id})`;
    }
  }

  private _titled: IRecordView | null = null;
}

function RecordPage(props: {
  ctx: IOSSRContext;
  model: RecordModel;
}): JSX.Element {
  const { ctx, model } = props;
  const trans = ctx.trans;
  useSignals([model.changed]);
  const error = model.error;
  const retry = () => model.reload();
  const r = model.current;
  if (!r) {
    return (
      <div className="jp-escape-OSSRRecord-body">
        {error !== null ? (
          <ErrorBox error={error} trans={trans} onRetry={retry} />
        ) : (
          <Busy label={trans.__('Loading record %1…', String(model.id))} />
        )}
      </div>
    );
  }
  return (
    <div className="jp-escape-OSSRRecord-body">
      <RecordHeader record={r} trans={trans} />
      {error !== null && (
        <ErrorBox error={error} trans={trans} onRetry={retry} />
      )}
      {!r.is_latest && r.latest_id && (
        <div className="jp-escape-Banner jp-escape-Banner-warn" role="status">
          {trans.__('This is not the latest version.')}{' '}
          <button
            type="button"
            className="jp-mod-styled"
            onClick={() => model.goTo(r.latest_id!)}
          >
            {trans.__('Go to the latest version')}
          </button>
        </div>
      )}
      {r.notice && (
        <div className="jp-escape-Banner jp-escape-Banner-warn" role="status">
          {r.notice}
        </div>
      )}
      <RateLimitNotice events={r.rate_limited} trans={trans} />
      <RecordToolbar model={model} record={r} trans={trans} />
      {model.basketError !== null && (
        <ErrorBox error={model.basketError} trans={trans} />
      )}
      {model.panel && <RecordPanelView ctx={ctx} panel={model.panel} />}
      <section aria-labelledby={`desc-${r.id}`}>
        <h2 id={`desc-${r.id}`}>{trans.__('Description')}</h2>
        <SafeHTML
          html={r.description_html}
          sanitize={html => ctx.sanitizer.sanitize(html)}
        />
      </section>
      <RecordAbout record={r} trans={trans} />
      <RecordVersions model={model} record={r} trans={trans} />
      <RecordFiles record={r} trans={trans} />
      <RecordCodemeta record={r} trans={trans} />
    </div>
  );
}

/** Server-sanitised description, sanitised again with JupyterLab's sanitizer before it reaches the DOM. */
function SafeHTML(props: {
  html: string;
  sanitize: (html: string) => string;
}): JSX.Element {
  const clean = React.useMemo(
    () => props.sanitize(props.html || ''),
    [props.html]
  );
  return (
    <div
      className="jp-escape-OSSR-description jp-RenderedHTMLCommon"
      dangerouslySetInnerHTML={{ __html: clean }}
    />
  );
}

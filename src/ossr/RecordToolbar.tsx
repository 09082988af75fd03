/** A record's actions (cite, download, install, Binder, basket, show me the code) and the panel they open. */
import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
import { IRecordView } from './api';
import { CitePanel } from './CitePanel';
import { CodePanel } from './CodePanel';
import { IOSSRContext } from './context';
import { DownloadPanel } from './DownloadPanel';
import { InstallPanel } from './InstallPanel';
import { PanelKind, RecordModel, RecordPanel } from './recordModel';

export function RecordToolbar(props: {
  model: RecordModel;
  record: IRecordView;
  trans: TranslationBundle;
}): JSX.Element {
  const { model, record: r, trans } = props;
  const open = model.panel?.kind ?? null;
  const toggle = (kind: PanelKind, label: string, disabled = false) => (
    <button
      type="button"
      className="jp-mod-styled"
      aria-pressed={open === kind}
      disabled={disabled}
      onClick={() => model.togglePanel(kind)}
    >
      {label}
    </button>
  );
  return (
    <div
      className="jp-escape-OSSR-toolbar"
      role="toolbar"
      aria-label={trans.__('Record actions')}
    >
      {toggle('cite', trans.__('Cite'))}
      {toggle('download', trans.__('Download'), r.files.length === 0)}
      {toggle(
        'install',
        trans.__('Install into a kernel'),
        r.files.length === 0 || r.type === 'dataset'
      )}
      {r.binder_url && (
        <a
          className="jp-mod-styled jp-escape-OSSR-linkAsButton"
          href={r.binder_url}
          target="_blank"
          rel="noopener noreferrer"
        >
          {trans.__('Open in Binder')}
        </a>
      )}
      {model.basketAvailable && (
        <button
          type="button"
          className="jp-mod-styled"
          disabled={model.basketState === 'adding'}
          onClick={() => void model.addToBasket()}
        >
          {model.basketState === 'added'
            ? trans.__('In the basket ✓')
            : trans.__('Add to basket')}
        </button>
      )}
      {toggle('code', trans.__('Show me the code'))}
    </div>
  );
}

export function RecordPanelView(props: {
  ctx: IOSSRContext;
  panel: RecordPanel;
}): JSX.Element {
  const { ctx, panel } = props;
  switch (panel.kind) {
    case 'cite':
      return <CitePanel ctx={ctx} model={panel.model} />;
    case 'code':
      return <CodePanel ctx={ctx} model={panel.model} />;
    case 'download':
      return <DownloadPanel ctx={ctx} model={panel.model} />;
    case 'install':
      return <InstallPanel ctx={ctx} model={panel.model} />;
  }
}

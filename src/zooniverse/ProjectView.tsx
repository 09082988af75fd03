/** A Zooniverse project: its workflows and subject sets, its classification export, and subject-set uploads. */
import * as React from 'react';
import { IZooniverseContext, showCode } from './context';
import { ZooniverseModel } from './model';
import { UploadPanel } from './UploadPanel';

export function ProjectView(props: {
  model: ZooniverseModel;
  ctx: IZooniverseContext;
}): JSX.Element {
  const { model, ctx } = props;
  const trans = ctx.trans;
  const pid = model.project!.id;
  return (
    <>
      <section
        className="jp-escape-Zoo-block"
        aria-label={trans.__('Workflows')}
      >
        <h3>{trans.__('Workflows')}</h3>
        <ul>
          {model.workflows.map(w => (
            <li key={w.id}>
              {w.display_name}{' '}
              <span className="jp-escape-Zoo-muted">
                {trans.__(
                  'v%1, %2 classifications',
                  w.version ?? '?',
                  w.classifications_count ?? 0
                )}
              </span>
            </li>
          ))}
        </ul>
        <button
          type="button"
          className="jp-mod-styled"
          onClick={() => void showCode(ctx, 'workflows', { project_id: pid })}
        >
          {trans.__('Show me the code')}
        </button>
        <h3>{trans.__('Subject sets')}</h3>
        <ul>
          {model.subjectSets.map(s => (
            <li key={s.id}>
              {s.display_name}{' '}
              <span className="jp-escape-Zoo-muted">
                {trans.__('%1 subjects', s.subjects_count ?? 0)}
              </span>
            </li>
          ))}
        </ul>
      </section>
      <ExportView model={model} ctx={ctx} />
      <UploadPanel model={model} ctx={ctx} />
    </>
  );
}

function ExportView(props: {
  model: ZooniverseModel;
  ctx: IZooniverseContext;
}): JSX.Element {
  const { model, ctx } = props;
  const trans = ctx.trans;
  const state = model.exportState;
  const pid = model.project!.id;
  const label: Record<string, string> = {
    none: trans.__('no export yet'),
    requested: trans.__('requested'),
    creating: trans.__('being generated'),
    ready: trans.__('ready')
  };
  const toBasket = async (mode: 'classifications' | 'subjects') => {
    await model.toBasket(mode);
    await ctx.basket?.refresh();
  };
  return (
    <section
      className="jp-escape-Zoo-block"
      aria-label={trans.__('Classification export')}
    >
      <h3>{trans.__('Classification export')}</h3>
      <div aria-live="polite">
        {trans.__(
          'State: %1',
          state ? (label[state.state] ?? state.state) : '…'
        )}
        {state?.updated_at ? ` (${state.updated_at})` : ''}
      </div>
      {model.notice && (
        <div className="jp-escape-Zoo-notice">{model.notice}</div>
      )}
      <div className="jp-escape-Zoo-row">
        <button
          type="button"
          className="jp-mod-styled"
          onClick={() => void model.refreshExport()}
        >
          {trans.__('Refresh')}
        </button>
        <button
          type="button"
          className="jp-mod-styled"
          onClick={() => void model.requestExport()}
        >
          {trans.__('Request a new export')}
        </button>
      </div>
      <div className="jp-escape-Zoo-row">
        <button
          type="button"
          className="jp-mod-styled jp-mod-accept"
          disabled={!state?.ready}
          onClick={() => void toBasket('classifications')}
        >
          {trans.__('To basket: per classification')}
        </button>
        <button
          type="button"
          className="jp-mod-styled jp-mod-accept"
          disabled={!state?.ready}
          onClick={() => void toBasket('subjects')}
        >
          {trans.__('To basket: per subject')}
        </button>
        <button
          type="button"
          className="jp-mod-styled"
          onClick={() =>
            void showCode(ctx, 'export_to_basket', {
              project_id: pid,
              mode: 'subjects'
            })
          }
        >
          {trans.__('Show me the code')}
        </button>
      </div>
    </section>
  );
}

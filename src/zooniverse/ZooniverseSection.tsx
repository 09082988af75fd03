/**
 * The "Citizen science (Zooniverse)" section of the ESCAPE sidebar: the user's projects, a project's workflows
 * and subject sets, its classification export (state, request, into the basket) and subject-set uploads.
 */
import { ReactWidget } from '@jupyterlab/apputils';
import * as React from 'react';
import { useSignals } from '../components/useSignals';
import { IZooniverseContext, showCode } from './context';
import { ZooniverseModel } from './model';
import { UploadPanel } from './UploadPanel';
import { refreshIcon } from '@jupyterlab/ui-components';

export class ZooniverseSection extends ReactWidget {
  constructor(
    private _ctx: IZooniverseContext,
    readonly model = new ZooniverseModel()
  ) {
    super();
    this.addClass('jp-escape-ZooSection');
    this.title.label = _ctx.trans.__('Citizen science (Zooniverse)');
  }

  protected onAfterShow(): void {
    if (!this._loaded) {
      this._loaded = true;
      void this.model.load();
    }
  }

  dispose(): void {
    this.model.dispose();
    super.dispose();
  }

  render(): JSX.Element {
    return <Section model={this.model} ctx={this._ctx} />;
  }

  private _loaded = false;
}

function Section(props: {
  model: ZooniverseModel;
  ctx: IZooniverseContext;
}): JSX.Element {
  const { model, ctx } = props;
  const trans = ctx.trans;
  useSignals([model.changed]);
  const id = React.useId();
  const cfg = model.config;
  return (
    <div className="jp-escape-ZooSection-body">
      {cfg && (
        <div className="jp-escape-Zoo-muted">
          {cfg.signed_in
            ? trans.__(
                '%1 as %2',
                cfg.display_name,
                cfg.username ?? trans.__('a client')
              )
            : trans.__(
                '%1, not signed in (set EscapeConfig.zooniverse)',
                cfg.display_name
              )}
          {cfg.replay && (
            <span
              className="jp-escape-Zoo-badge"
              title={trans.__(
                'A local replay of the Panoptes API, not Zooniverse'
              )}
            >
              {trans.__('replay')}
            </span>
          )}
        </div>
      )}
      <div className="jp-escape-Zoo-row">
        <label htmlFor={`${id}-project`}>{trans.__('Project')}</label>
        <select
          id={`${id}-project`}
          value={model.project?.id ?? ''}
          onChange={e => void model.select(e.target.value)}
        >
          <option value="">{trans.__('Choose a project…')}</option>
          {model.projects.map(p => (
            <option key={p.id} value={p.id}>
              {p.display_name} (
              {p.role === 'owner'
                ? trans.__('owner')
                : trans.__('collaborator')}
              )
            </option>
          ))}
        </select>
        <button
          type="button"
          className="jp-mod-styled"
          aria-label={trans.__('Reload projects')}
          onClick={() => void model.load()}
        >
          <refreshIcon.react tag="span" />
        </button>
        <button
          type="button"
          className="jp-mod-styled"
          onClick={() => void showCode(ctx, 'projects', {})}
        >
          {trans.__('Show me the code')}
        </button>
      </div>
      {model.busy && (
        <div className="jp-escape-Zoo-muted" role="status">
          {trans.__('Working: %1…', model.busy)}
        </div>
      )}
      {model.error && (
        <div className="jp-escape-Zoo-error" role="alert">
          {model.error}
        </div>
      )}
      {model.project && <ProjectView model={model} ctx={ctx} />}
    </div>
  );
}

function ProjectView(props: {
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

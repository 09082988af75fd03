/**
 * The "Citizen science (Zooniverse)" section of the ESCAPE sidebar: the user's projects, a project's workflows
 * and subject sets, its classification export (state, request, into the basket) and subject-set uploads.
 */
import { ReactWidget } from '@jupyterlab/apputils';
import * as React from 'react';
import { useSignals } from '../components/useSignals';
import { IZooniverseContext, showCode } from './context';
import { ZooniverseModel } from './model';
import { ProjectView } from './ProjectView';
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

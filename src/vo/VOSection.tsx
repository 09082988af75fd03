/** The "Virtual Observatory" section of the ESCAPE sidebar: quick registry search, entry points, services. */
import { ReactWidget } from '@jupyterlab/apputils';
import * as React from 'react';
import { useSignals } from '../components/useSignals';
import { IConfiguredService } from './api';
import { IVOContext } from './context';
import { VOSectionModel } from './model/section';

export class VOSection extends ReactWidget {
  constructor(private _ctx: IVOContext) {
    super();
    this.addClass('jp-escape-VOSection');
    this.title.label = _ctx.trans.__('Virtual Observatory');
    void this.model.loadServices();
  }

  readonly model = new VOSectionModel();

  render(): JSX.Element {
    return <Section ctx={this._ctx} model={this.model} />;
  }
}

function Section(props: {
  ctx: IVOContext;
  model: VOSectionModel;
}): JSX.Element {
  const { ctx, model } = props;
  const trans = ctx.trans;
  useSignals([model.changed]);
  return (
    <div className="jp-escape-VOSection-body">
      <form
        className="jp-escape-VOSection-search"
        role="search"
        onSubmit={e => {
          e.preventDefault();
          ctx.openRegistry(model.keywords.trim());
        }}
      >
        <input
          type="search"
          className="jp-mod-styled"
          aria-label={trans.__('Search the VO registry')}
          placeholder={trans.__('Search the VO registry')}
          value={model.keywords}
          onChange={e => model.setKeywords(e.target.value)}
        />
        <button type="submit" className="jp-mod-styled jp-mod-accept">
          {trans.__('Search')}
        </button>
      </form>
      <div className="jp-escape-VOSection-actions">
        <button
          type="button"
          className="jp-mod-styled"
          onClick={() => ctx.openDal()}
        >
          {trans.__('Cone / SIA / SSA')}
        </button>
        <button
          type="button"
          className="jp-mod-styled"
          onClick={() => ctx.openJobs()}
        >
          {trans.__('Jobs')}
        </button>
      </div>
      {model.services.length > 0 && (
        <ServiceList ctx={ctx} services={model.services} />
      )}
    </div>
  );
}

/** The server's configured services: TAP ones open a service view, the others the multi-search. */
function ServiceList(props: {
  ctx: IVOContext;
  services: IConfiguredService[];
}): JSX.Element {
  const { ctx } = props;
  return (
    <ul
      className="jp-escape-VOSection-services"
      aria-label={ctx.trans.__('Configured VO services')}
    >
      {props.services.map(s => (
        <li key={`${s.kind} ${s.url}`}>
          <button
            type="button"
            className="jp-escape-VO-linkButton"
            title={s.url}
            onClick={() =>
              s.kind === 'tap'
                ? ctx.openService(s.url, s.name)
                : ctx.openDal([{ kind: s.kind, url: s.url, label: s.name }])
            }
          >
            {s.name}
          </button>{' '}
          <span className="jp-escape-Service-kind">{s.kind}</span>
        </li>
      ))}
    </ul>
  );
}

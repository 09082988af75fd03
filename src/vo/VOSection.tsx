/** The "Virtual Observatory" section of the ESCAPE sidebar: quick registry search, entry points, services. */
import { ReactWidget } from '@jupyterlab/apputils';
import * as React from 'react';
import { IConfiguredService, voAPI } from './api';
import { IVOContext } from './context';

export class VOSection extends ReactWidget {
  constructor(private _ctx: IVOContext) {
    super();
    this.addClass('jp-escape-VOSection');
    this.title.label = _ctx.trans.__('Virtual Observatory');
  }

  render(): JSX.Element {
    return <Section ctx={this._ctx} />;
  }
}

function Section(props: { ctx: IVOContext }): JSX.Element {
  const { ctx } = props;
  const trans = ctx.trans;
  const [keywords, setKeywords] = React.useState('');
  const [services, setServices] = React.useState<IConfiguredService[]>([]);
  React.useEffect(() => {
    voAPI
      .services()
      .then(r => setServices(r.services.filter(s => /^https?:/.test(s.url))))
      .catch(() => setServices([]));
  }, []);
  return (
    <div className="jp-escape-VOSection-body">
      <form
        className="jp-escape-VOSection-search"
        role="search"
        onSubmit={e => {
          e.preventDefault();
          ctx.openRegistry(keywords.trim());
        }}
      >
        <input
          type="search"
          className="jp-mod-styled"
          aria-label={trans.__('Search the VO registry')}
          placeholder={trans.__('Search the VO registry')}
          value={keywords}
          onChange={e => setKeywords(e.target.value)}
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
      {services.length > 0 && (
        <ul
          className="jp-escape-VOSection-services"
          aria-label={trans.__('Configured VO services')}
        >
          {services.map(s => (
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
      )}
    </div>
  );
}

/** The left panel of a TAP service view: its URL, "add to basket", and the tables/examples/capabilities/jobs tabs. */
import { Notification } from '@jupyterlab/apputils';
import * as React from 'react';
import { addServiceToBasket, basketAvailable } from '../../basket/voLink';
import { useSignals } from '../../components/useSignals';
import { JobsList } from '../JobsList';
import { ServiceTab } from '../model';
import type { ServiceView } from '../ServiceView';
import { CapabilitiesTab, ExamplesTab } from './InfoTabs';
import { TablesTab } from './TablesTab';

export function ServiceSidebar(props: { view: ServiceView }): JSX.Element {
  const { view } = props;
  const model = view.model;
  useSignals([model.changed]);
  const trans = view.ctx.trans;
  const tabs: [ServiceTab, string][] = [
    ['tables', trans.__('Tables')],
    ['examples', trans.__('Examples')],
    ['capabilities', trans.__('Capabilities')],
    ['jobs', trans.__('Jobs')]
  ];
  return (
    <div className="jp-escape-ServiceSidebar">
      <div className="jp-escape-ServiceSidebar-url" title={view.url}>
        {view.url}
      </div>
      {basketAvailable(view.ctx.app.commands) && <BasketButton view={view} />}
      <TabList view={view} tabs={tabs} />
      <div
        role="tabpanel"
        id={`${view.id}-panel`}
        aria-labelledby={`${view.id}-tab-${model.tab}`}
        className="jp-escape-ServiceSidebar-panel"
      >
        {model.tab === 'tables' && <TablesTab view={view} />}
        {model.tab === 'examples' && <ExamplesTab view={view} />}
        {model.tab === 'capabilities' && <CapabilitiesTab view={view} />}
        {model.tab === 'jobs' && (
          <JobsList
            trans={trans}
            serviceUrl={view.url}
            reloadKey={model.jobsKey}
            onShowResult={job => view.showJob(job)}
          />
        )}
      </div>
    </div>
  );
}

function BasketButton(props: { view: ServiceView }): JSX.Element {
  const { view } = props;
  const trans = view.ctx.trans;
  const add = () =>
    addServiceToBasket(view.ctx.app.commands, view.url, view.title.label).then(
      item =>
        Notification.success(trans.__('Added "%1" to the basket', item.title), {
          autoClose: 3000
        }),
      error =>
        Notification.error(
          `${error?.service ? error.service + ': ' : ''}${error?.message ?? error}`
        )
    );
  return (
    <button
      type="button"
      className="jp-mod-styled jp-escape-VO-basketService"
      onClick={add}
    >
      {trans.__('Add service to basket')}
    </button>
  );
}

/** The tabs, arrow keys moving between them (WAI-ARIA tabs pattern). */
function TabList(props: {
  view: ServiceView;
  tabs: [ServiceTab, string][];
}): JSX.Element {
  const { view, tabs } = props;
  const model = view.model;
  const onKeyDown = (e: React.KeyboardEvent, id: ServiceTab) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') {
      return;
    }
    const i = tabs.findIndex(([t]) => t === id);
    const step = e.key === 'ArrowRight' ? 1 : tabs.length - 1;
    const next = tabs[(i + step) % tabs.length][0];
    model.setTab(next);
    window.requestAnimationFrame(() =>
      document.getElementById(`${view.id}-tab-${next}`)?.focus()
    );
  };
  return (
    <div
      role="tablist"
      aria-label={view.ctx.trans.__('Service information')}
      className="jp-escape-Tabs"
    >
      {tabs.map(([id, label]) => (
        <button
          key={id}
          role="tab"
          type="button"
          id={`${view.id}-tab-${id}`}
          aria-selected={model.tab === id}
          aria-controls={`${view.id}-panel`}
          className={`jp-escape-Tab${model.tab === id ? ' jp-mod-active' : ''}`}
          onClick={() => model.setTab(id)}
          onKeyDown={e => onKeyDown(e, id)}
        >
          {label}
        </button>
      ))}
    </div>
  );
}

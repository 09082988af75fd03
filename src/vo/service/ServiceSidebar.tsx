/** The left panel of a TAP service view: its URL, "add to basket", and the tables/examples/capabilities/jobs tabs. */
import { Notification } from '@jupyterlab/apputils';
import * as React from 'react';
import { addServiceToBasket, basketAvailable } from '../../basket/voLink';
import { ITabItem, Tabs } from '../../components/Tabs';
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
  const tabs: ITabItem<ServiceTab>[] = [
    { id: 'tables', label: trans.__('Tables') },
    { id: 'examples', label: trans.__('Examples') },
    { id: 'capabilities', label: trans.__('Capabilities') },
    { id: 'jobs', label: trans.__('Jobs') }
  ];
  return (
    <div className="jp-escape-ServiceSidebar">
      <div className="jp-escape-ServiceSidebar-url" title={view.url}>
        {view.url}
      </div>
      {basketAvailable(view.ctx.app.commands) && <BasketButton view={view} />}
      <Tabs
        label={trans.__('Service information')}
        items={tabs}
        current={model.tab}
        onSelect={tab => model.setTab(tab)}
        idPrefix={view.id}
      />
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

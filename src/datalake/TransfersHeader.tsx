/** The Transfers view's head: Refresh, and the Staging / Uploads tabs with their counts. */
import * as React from 'react';
import { Tabs } from '../components/Tabs';
import { IDatalakeContext } from './context';
import { TransfersModel, TransfersTab } from './transfersModel';

export function TransfersHeader(props: {
  ctx: IDatalakeContext;
  model: TransfersModel;
}): JSX.Element {
  const { ctx, model } = props;
  const trans = ctx.trans;
  const stageJobs = model.stage.jobs;
  const uploadJobs = model.uploads.jobs;
  return (
    <header className="jp-escape-DL-viewHeader">
      <h2>{trans.__('Data lake transfers')}</h2>
      <button
        type="button"
        className="jp-mod-styled jp-escape-DL-small"
        title={trans.__(
          'Jobs started from another tab or a notebook show up on the next refresh'
        )}
        onClick={() => model.reload()}
      >
        {trans.__('Refresh')}
      </button>
      <Tabs<TransfersTab>
        label={trans.__('Kind of job')}
        className="jp-escape-DL-tabs"
        tabClassName="jp-escape-DL-tab"
        items={[
          {
            id: 'stage',
            label:
              trans.__('Staging') + (stageJobs ? ` (${stageJobs.length})` : '')
          },
          {
            id: 'upload',
            label:
              trans.__('Uploads') +
              (uploadJobs ? ` (${uploadJobs.length})` : '')
          }
        ]}
        current={model.tab}
        onSelect={tab => model.setTab(tab)}
      />
    </header>
  );
}

/**
 * Cone search / SIA / SSA over several services at once. Each service is asked separately and in parallel
 * (`POST vo/dal/<kind>`, Arrow IPC), so results show up as they arrive and every failure is shown against
 * its service; Cancel aborts what is still running. The state is a DalModel; the form and the services'
 * table are in dal/.
 */
import { ReactWidget } from '@jupyterlab/apputils';
import { SplitPanel } from '@lumino/widgets';
import * as React from 'react';
import { useSignals } from '../components/useSignals';
import { IVOContext } from './context';
import type { IDalTarget } from './context';
import { DalSearchForm } from './dal/DalSearchForm';
import { DalServices } from './dal/DalServices';
import { ServiceKind } from './api';
import { DalModel, IDalOutcome } from './model';
import { ResultPane } from './ResultPane';

export class DalView extends SplitPanel {
  constructor(
    readonly ctx: IVOContext,
    targets: IDalTarget[] = []
  ) {
    super({ orientation: 'vertical' });
    this.addClass('jp-escape-DalView');
    this.id = 'jp-escape-vo-dal';
    this.title.label = ctx.trans.__('VO Multi-Search');
    this.title.closable = true;
    this.model = new DalModel(targets);
    this._pane = new ResultPane(
      ctx,
      ctx.trans.__('Pick a finished service above to see its result.')
    );
    const form = ReactWidget.create(<DalForm view={this} />);
    form.addClass('jp-escape-DalForm');
    this.addWidget(form);
    this.addWidget(this._pane);
    this.setRelativeSizes([1, 1]);
    void this.model.loadConfigured();
  }

  readonly model: DalModel;

  addTargets(targets: IDalTarget[]): void {
    this.model.addTargets(targets);
  }

  /** Show a service's finished result in the pane below. */
  showResult(target: IDalTarget, outcome: IDalOutcome): void {
    const response = outcome.response!;
    void this._pane.run({
      label: target.label,
      provenance: {
        kind: target.kind as ServiceKind,
        url: target.url,
        params: this.model.params
      },
      fetch: () => Promise.resolve(response)
    });
  }

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this.model.dispose();
    super.dispose();
  }

  private _pane: ResultPane;
}

function DalForm(props: { view: DalView }): JSX.Element {
  const { view } = props;
  useSignals([view.model.changed]);
  return (
    <div className="jp-escape-Dal">
      <DalSearchForm view={view} />
      <DalServices view={view} />
    </div>
  );
}

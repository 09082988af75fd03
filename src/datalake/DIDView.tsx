/**
 * Details of one DID (main area): size and checksums, metadata, replicas per RSE, rules with lock states,
 * staging (download or replica mode, followed here while on screen) and the "use" actions once staged.
 * The state lives in a DIDModel.
 */
import { LabIcon } from '@jupyterlab/ui-components';
import * as React from 'react';
import { Busy } from '../components/Busy';
import { useSignals } from '../components/useSignals';
import { ErrorBox } from './components';
import { IDatalakeContext } from './context';
import { Metadata, SizeAndChecksums } from './DIDFacts';
import { DIDHeader } from './DIDHeader';
import { DIDModel } from './didModel';
import { DIDStage } from './DIDStage';
import { DatalakeMainView, useOnScreen } from './mainView';
import { Replicas, Rules } from './ReplicaTables';
import { VOCoverage } from './VOCoverage';

export class DIDView extends DatalakeMainView {
  constructor(
    private _ctx: IDatalakeContext,
    readonly instance: string,
    readonly did: string,
    icon?: LabIcon
  ) {
    super('did');
    this.addClass('jp-escape-DLDIDView');
    this.title.label = did.split(':').pop() || did;
    this.title.caption = `${_ctx.model.label(instance)}: ${did}`;
    if (icon) {
      this.title.icon = icon;
    }
    this._model = new DIDModel(instance, did);
  }

  dispose(): void {
    this._model.dispose();
    super.dispose();
  }

  render(): JSX.Element {
    return <Details ctx={this._ctx} model={this._model} view={this} />;
  }

  private _model: DIDModel;
}

function Details(props: {
  ctx: IDatalakeContext;
  model: DIDModel;
  view: DatalakeMainView;
}): JSX.Element {
  const { ctx, model } = props;
  const { instance, did } = model;
  const trans = ctx.trans;
  useSignals([model.changed]);
  const onScreen = useOnScreen(props.view);
  const d = model.details;
  const error = model.request.error;
  return (
    <div className="jp-escape-DL-viewBody">
      <DIDHeader ctx={ctx} model={model} />
      {error !== null && (
        <ErrorBox error={error} trans={trans} onRetry={() => model.refresh()} />
      )}
      {!d && error === null && (
        <Busy label={trans.__('Asking Rucio…')} inline showAfter={2} />
      )}
      {d && (
        <>
          <DIDStage ctx={ctx} model={model} d={d} onScreen={onScreen} />
          <SizeAndChecksums ctx={ctx} d={d} />
          <Metadata ctx={ctx} d={d} />
          <VOCoverage ctx={ctx} instance={instance} did={did} />
          <section className="jp-escape-DL-block">
            <h3>{trans.__('Replicas per RSE')}</h3>
            <Replicas ctx={ctx} d={d} />
          </section>
          <section className="jp-escape-DL-block">
            <h3>{trans.__('Rules')}</h3>
            <Rules ctx={ctx} d={d} />
          </section>
        </>
      )}
    </div>
  );
}

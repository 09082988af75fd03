/**
 * Registry search (RegTAP): keywords, service type, waveband, data model, sky cone, time range; results with
 * title, publisher, sanitised description, capabilities and coverage; sorted and paged. The state is a
 * RegistryModel; the form and the results are in registry/.
 */
import { ReactWidget } from '@jupyterlab/apputils';
import * as React from 'react';
import { useSignals } from '../components/useSignals';
import { Busy, ErrorBox } from './components';
import { IVOContext } from './context';
import { RegistryModel } from './model';
import { RegistryForm } from './registry/RegistryForm';
import { RegistryResults } from './registry/RegistryResults';

export class RegistryView extends ReactWidget {
  constructor(
    private _ctx: IVOContext,
    initial: string = ''
  ) {
    super();
    this.addClass('jp-escape-RegistryView');
    this.id = 'jp-escape-vo-registry';
    this.title.label = _ctx.trans.__('VO Registry');
    this.title.closable = true;
    if (initial) {
      this.search(initial);
    }
  }

  readonly model = new RegistryModel();

  /** Start a keyword search (e.g. from the sidebar). */
  search(keywords: string): void {
    void this.model.searchKeywords(keywords);
  }

  render(): JSX.Element {
    return <RegistrySearch ctx={this._ctx} model={this.model} />;
  }

  dispose(): void {
    this.model.dispose();
    super.dispose();
  }
}

function RegistrySearch(props: {
  ctx: IVOContext;
  model: RegistryModel;
}): JSX.Element {
  const { ctx, model } = props;
  const trans = ctx.trans;
  useSignals([model.changed]);
  return (
    <div className="jp-escape-Registry">
      <RegistryForm model={model} trans={trans} />
      {model.running !== null && (
        <Busy
          label={trans.__('Searching the registry…')}
          since={model.running}
          onCancel={() => model.cancel()}
          trans={trans}
        />
      )}
      {model.error && <ErrorBox error={model.error} trans={trans} />}
      {model.page && (
        <RegistryResults ctx={ctx} model={model} page={model.page} />
      )}
    </div>
  );
}

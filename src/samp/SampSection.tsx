/**
 * SAMP in the sidebar, under Services: the mode (local or remote), whether a hub was found, the desktop tools
 * connected with their icons and names, a sky position to point them at, and the current send with its
 * progress, Cancel, the clients' answers and its code. The parts are in ClientList, SampStatus, PointForm and
 * SampSent; the state in SampModel.
 */
import { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget } from '@jupyterlab/ui-components';
import { Message } from '@lumino/messaging';
import * as React from 'react';
import { useSignals } from '../components/useSignals';
import { ClientList } from './ClientList';
import { SampModel } from './model';
import { PointForm } from './PointForm';
import { SampSent } from './SampSent';
import { SampActions, SampStatusLine } from './SampStatus';

export class SampSection extends ReactWidget {
  constructor(
    readonly model: SampModel,
    readonly trans: TranslationBundle,
    readonly insertCode: (code: string) => Promise<void>
  ) {
    super();
    this.id = 'jp-escape-samp';
    this.title.label = trans.__('SAMP: desktop tools');
    this.title.caption = trans.__(
      'TOPCAT, Aladin, DS9 and other SAMP applications'
    );
    this.addClass('jp-escape-SampSection');
  }

  protected onAfterShow(msg: Message): void {
    super.onAfterShow(msg);
    void this.model.refresh();
  }

  protected onAfterAttach(msg: Message): void {
    super.onAfterAttach(msg);
    void this.model.refresh();
  }

  protected render(): JSX.Element {
    return <SampPanel section={this} />;
  }
}

function SampPanel(props: { section: SampSection }): JSX.Element {
  const { model, trans, insertCode } = props.section;
  useSignals([model.changed]);
  const status = model.status;
  return (
    <div className="jp-escape-SampPanel" aria-live="polite">
      <SampStatusLine model={model} trans={trans} />
      <SampActions model={model} trans={trans} />
      {status?.hub && <ClientList status={status} trans={trans} />}
      {status?.hub && (
        <PointForm model={model} trans={trans} insertCode={insertCode} />
      )}
      <SampSent model={model} trans={trans} insertCode={insertCode} />
    </div>
  );
}

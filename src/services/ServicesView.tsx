/**
 * The Services section: one row per service the server probes (ServicesPanel), refreshed while the section is
 * on screen: the view holds the model's status watch while it is shown.
 */
import { ITranslator } from '@jupyterlab/translation';
import { ReactWidget } from '@jupyterlab/ui-components';
import { IDisposable } from '@lumino/disposable';
import { Message } from '@lumino/messaging';
import * as React from 'react';
import { IEscapeModel } from '../tokens';
import { ServicesPanel } from './ServicesPanel';

export class ServicesView extends ReactWidget {
  constructor(options: { model: IEscapeModel; translator: ITranslator }) {
    super();
    this._model = options.model;
    this._translator = options.translator;
    const trans = this._translator.load('jupyter_escape');
    this.id = 'jp-escape-services';
    this.title.label = trans.__('Services');
    this.title.caption = trans.__(
      'Reachability and sign-in state of the ESCAPE services'
    );
    this.addClass('jp-escape-ServicesView');
  }

  protected render(): JSX.Element {
    return <ServicesPanel model={this._model} translator={this._translator} />;
  }

  protected onAfterAttach(msg: Message): void {
    super.onAfterAttach(msg);
    if (this.isVisible) {
      this._startWatching();
    }
  }

  protected onAfterShow(msg: Message): void {
    super.onAfterShow(msg);
    this._startWatching();
  }

  protected onAfterHide(msg: Message): void {
    super.onAfterHide(msg);
    this._stopWatching();
  }

  protected onBeforeDetach(msg: Message): void {
    this._stopWatching();
    super.onBeforeDetach(msg);
  }

  dispose(): void {
    this._stopWatching();
    super.dispose();
  }

  private _startWatching(): void {
    if (!this._watch) {
      this._watch = this._model.watchStatus();
    }
  }

  private _stopWatching(): void {
    this._watch?.dispose();
    this._watch = null;
  }

  private _model: IEscapeModel;
  private _translator: ITranslator;
  private _watch: IDisposable | null = null;
}

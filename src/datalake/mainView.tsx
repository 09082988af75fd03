/** Base of the data lake's main-area views: a closable ReactWidget that tells its React tree when it is on screen. */
import { ReactWidget } from '@jupyterlab/apputils';
import { Message } from '@lumino/messaging';
import { ISignal, Signal } from '@lumino/signaling';
import * as React from 'react';

let counter = 0;

export abstract class DatalakeMainView extends ReactWidget {
  constructor(idPrefix: string) {
    super();
    this.id = `jp-escape-dl-${idPrefix}-${++counter}`;
    this.addClass('jp-escape-DLView');
    this.title.closable = true;
  }

  /** True while the widget is attached and not hidden (another tab in front hides it). */
  get onScreen(): boolean {
    return this._onScreen;
  }

  get onScreenChanged(): ISignal<DatalakeMainView, boolean> {
    return this._onScreenChanged;
  }

  protected onAfterShow(msg: Message): void {
    super.onAfterShow(msg);
    this._set(true);
  }

  protected onAfterAttach(msg: Message): void {
    super.onAfterAttach(msg);
    this._set(this.isVisible);
  }

  protected onAfterHide(msg: Message): void {
    super.onAfterHide(msg);
    this._set(false);
  }

  protected onBeforeDetach(msg: Message): void {
    this._set(false);
    super.onBeforeDetach(msg);
  }

  private _set(value: boolean): void {
    if (value !== this._onScreen) {
      this._onScreen = value;
      this._onScreenChanged.emit(value);
    }
  }

  private _onScreen = false;
  private _onScreenChanged = new Signal<DatalakeMainView, boolean>(this);
}

/** The view's on-screen state as React state. */
export function useOnScreen(view: DatalakeMainView): boolean {
  const [on, setOn] = React.useState(view.onScreen);
  React.useEffect(() => {
    const update = (_: unknown, value: boolean) => setOn(value);
    view.onScreenChanged.connect(update);
    setOn(view.onScreen);
    return () => {
      view.onScreenChanged.disconnect(update);
    };
  }, [view]);
  return on;
}

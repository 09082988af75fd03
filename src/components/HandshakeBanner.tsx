import { ITranslator } from '@jupyterlab/translation';
import { ReactWidget } from '@jupyterlab/ui-components';
import * as React from 'react';
import { HandshakeState, IEscapeModel } from '../tokens';
import { useSignals } from './useSignals';

/** The exact advice shown when the server extension does not answer. */
export function missingExtensionMessage(trans: {
  __: (msg: string, ...args: unknown[]) => string;
}): string {
  return trans.__(
    'The jupyter-escape server extension is not installed or not enabled. Run `pip install jupyter-escape` and `jupyter server extension enable jupyter_escape`, then restart.'
  );
}

/** Renders nothing while the handshake is fine; otherwise an alert saying what is wrong and what to do. */
export function HandshakeMessage(props: {
  state: HandshakeState;
  translator: ITranslator;
}): JSX.Element | null {
  const trans = props.translator.load('jupyter_escape');
  const state = props.state;
  switch (state.kind) {
    case 'missing':
      return (
        <div
          className="jp-escape-Banner jp-escape-Banner-error"
          role="alert"
          data-handshake="missing"
        >
          {missingExtensionMessage(trans)}
        </div>
      );
    case 'mismatch':
      return (
        <div
          className="jp-escape-Banner jp-escape-Banner-warn"
          role="alert"
          data-handshake="mismatch"
        >
          {state.apiVersion !== state.frontendApiVersion
            ? trans.__(
                'Version mismatch: the JupyterLab extension is %1 (API %2) but the server extension is %3 (API %4). Reinstall jupyter-escape so both match, then restart.',
                state.frontendVersion,
                state.frontendApiVersion,
                state.serverVersion,
                state.apiVersion
              )
            : trans.__(
                'Version mismatch: the JupyterLab extension is %1 but the server extension is %2. Some features may fail; reinstall jupyter-escape so both match, then restart.',
                state.frontendVersion,
                state.serverVersion
              )}
        </div>
      );
    case 'error':
      return (
        <div
          className="jp-escape-Banner jp-escape-Banner-error"
          role="alert"
          data-handshake="error"
        >
          {trans.__(
            'Could not contact the jupyter-escape server extension (%1): %2',
            state.status || trans.__('no response'),
            state.message
          )}
        </div>
      );
    default:
      return null;
  }
}

function LiveHandshake(props: {
  model: IEscapeModel;
  translator: ITranslator;
}): JSX.Element | null {
  useSignals([props.model.handshakeChanged]);
  return (
    <HandshakeMessage
      state={props.model.handshake}
      translator={props.translator}
    />
  );
}

/** Sidebar header widget following the model's handshake. */
export class HandshakeBanner extends ReactWidget {
  constructor(options: { model: IEscapeModel; translator: ITranslator }) {
    super();
    this._model = options.model;
    this._translator = options.translator;
    this.addClass('jp-escape-HandshakeBanner');
  }

  protected render(): JSX.Element {
    return <LiveHandshake model={this._model} translator={this._translator} />;
  }

  private _model: IEscapeModel;
  private _translator: ITranslator;
}

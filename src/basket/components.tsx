/** Small shared React pieces of the basket views. */
import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
import { EscapeAPIError } from '../handler';

/** A failure as the server reported it: the service named, the message verbatim. */
export function BasketError(props: {
  error: unknown;
  trans: TranslationBundle;
  onDismiss?: () => void;
}): JSX.Element {
  const { error, trans } = props;
  const service = error instanceof EscapeAPIError ? error.service : null;
  const message = (error as Error)?.message ?? String(error);
  return (
    <div
      className="jp-escape-Banner jp-escape-Banner-error jp-escape-Basket-error"
      role="alert"
    >
      <strong>
        {service ? trans.__('%1 says:', service) : trans.__('Error:')}
      </strong>
      <pre className="jp-escape-Basket-errorText">{message}</pre>
      {props.onDismiss && (
        <button
          type="button"
          className="jp-mod-styled"
          onClick={props.onDismiss}
        >
          {trans.__('Dismiss')}
        </button>
      )}
    </div>
  );
}

/** Run an action with a busy label and an error slot; returns [busy, error, run, clearError]. */
export function useAction(): [
  string | null,
  unknown,
  (label: string, work: () => Promise<void>) => Promise<void>,
  () => void
] {
  const [busy, setBusy] = React.useState<string | null>(null);
  const [error, setError] = React.useState<unknown>(null);
  const run = React.useCallback(
    async (label: string, work: () => Promise<void>) => {
      setBusy(label);
      setError(null);
      try {
        await work();
      } catch (e) {
        setError(e);
      } finally {
        setBusy(null);
      }
    },
    []
  );
  return [busy, error, run, () => setError(null)];
}

/** The basket views' error box: the shared one with the basket's classes, and Dismiss where the view offers it. */
import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
import { ErrorBox } from '../components';

/** A failure as the server reported it: the service named, the message verbatim. */
export function BasketError(props: {
  error: unknown;
  trans: TranslationBundle;
  onDismiss?: () => void;
}): JSX.Element | null {
  const { trans } = props;
  const box = (
    <ErrorBox
      error={props.error}
      trans={trans}
      classPrefix="jp-escape-Basket"
      showStatus={false}
      unreachableLabel={null}
    />
  );
  if (!props.onDismiss) {
    return box;
  }
  return (
    <div className="jp-escape-Basket-dismissible">
      {box}
      <button type="button" className="jp-mod-styled" onClick={props.onDismiss}>
        {trans.__('Dismiss')}
      </button>
    </div>
  );
}

/**
 * "Show me the code": a button that puts the Python doing what the panel just did into a notebook cell.
 * A failure (no notebook could be opened, the server could not write the code) becomes a notification.
 */
import { Notification } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
import { failureLine } from './errors';

export interface ICodeButtonProps {
  trans: TranslationBundle;
  /** The code, or a function producing it (possibly asking the server). */
  code: string | (() => string | Promise<string>);
  /** Where the code goes: the pillar context's insertCode (common/insertCode.ts). */
  insert: (code: string) => Promise<unknown>;
  /** Button text; default "Show me the code". */
  label?: string;
  /** Extra classes after jp-mod-styled. */
  className?: string;
  disabled?: boolean;
  title?: string;
}

export function CodeButton(props: ICodeButtonProps): JSX.Element {
  const { trans } = props;
  const label = props.label ?? trans.__('Show me the code');
  const [working, setWorking] = React.useState(false);
  const run = async () => {
    setWorking(true);
    try {
      const code =
        typeof props.code === 'string' ? props.code : await props.code();
      await props.insert(code);
    } catch (error) {
      Notification.error(failureLine(trans, label, error), {
        autoClose: 8000
      });
    } finally {
      setWorking(false);
    }
  };
  return (
    <button
      type="button"
      className={`jp-mod-styled${props.className ? ` ${props.className}` : ''}`}
      disabled={props.disabled || working}
      title={props.title}
      onClick={() => void run()}
    >
      {label}
    </button>
  );
}

/** A result toolbar button: runs its work as the pane's action (ResultModel.act), disabled while one runs. */
import * as React from 'react';
import type { ResultPane } from '../ResultPane';

/** A toolbar button that runs `work` as the pane's action `label`. */
export function ActionButton(props: {
  pane: ResultPane;
  label: string;
  work: () => Promise<void>;
  className?: string;
  title?: string;
  disabled?: boolean;
  children: React.ReactNode;
}): JSX.Element {
  const model = props.pane.model;
  return (
    <button
      type="button"
      className={`jp-mod-styled${props.className ? ' ' + props.className : ''}`}
      disabled={!!model.busy || props.disabled}
      title={props.title}
      onClick={() => void model.act(props.label, props.work)}
    >
      {props.children}
    </button>
  );
}

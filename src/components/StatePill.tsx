/** A state word ("done", "failed", "OK", "EXECUTING"...) as a small coloured pill. */
import * as React from 'react';
import { JobLevel, stateLevel } from './jobState';

export function StatePill(props: {
  state: string;
  /** Override the colour stateLevel() would give. */
  level?: JobLevel;
  /** Last known state, not confirmed: shown as "state?". */
  stale?: boolean;
  className?: string;
  label?: string;
}): JSX.Element {
  const level = props.level ?? stateLevel(props.state);
  return (
    <span
      className={`jp-escape-Pill jp-escape-Pill-${level}${props.stale ? ' jp-mod-stale' : ''}${props.className ? ` ${props.className}` : ''}`}
      aria-label={props.label}
    >
      {props.stale ? `${props.state}?` : props.state}
    </span>
  );
}

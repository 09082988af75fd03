/** A state word ("done", "failed", "OK", "AVAILABLE"...) as a small coloured pill. */
import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
import {
  IJobView,
  JobLevel,
  JobWord,
  stateLevel,
  wordLabel,
  wordLevel
} from './jobState';

export function StatePill(props: {
  state: string;
  /** Override the colour stateLevel() would give. */
  level?: JobLevel;
  /** Last known state, not confirmed: shown as "state?". */
  stale?: boolean;
  className?: string;
  label?: string;
  /** Tooltip (the service's own word when the pill shows the project's). */
  title?: string;
}): JSX.Element {
  const level = props.level ?? stateLevel(props.state);
  return (
    <span
      className={`jp-escape-Pill jp-escape-Pill-${level}${props.stale ? ' jp-mod-stale' : ''}${props.className ? ` ${props.className}` : ''}`}
      aria-label={props.label}
      title={props.title}
    >
      {props.stale ? `${props.state}?` : props.state}
    </span>
  );
}

/**
 * A job's state in the one job vocabulary (jobWord), coloured by it; the service's own word ("COMPLETED",
 * "succeeded") and who says it stay visible in the tooltip and the accessible name.
 */
export function JobStatePill(props: {
  job: IJobView;
  word: JobWord;
  trans: TranslationBundle;
  className?: string;
}): JSX.Element {
  const { job, word, trans } = props;
  const shown = wordLabel(word, trans);
  const source = job.stateSource ?? job.errorService;
  const said = source
    ? trans.__('%1 says: %2', source, job.state)
    : trans.__('State as reported: %1', job.state);
  return (
    <StatePill
      state={shown}
      level={job.level ?? wordLevel(word)}
      stale={job.stale}
      className={props.className}
      title={said}
      label={
        job.stale
          ? trans.__('Last known state %1 (not confirmed; %2)', shown, said)
          : trans.__('State %1 (%2)', shown, said)
      }
    />
  );
}

/** A thin progress bar: a fraction, or indeterminate (null), coloured by the job's state. */
import * as React from 'react';

export function ProgressBar(props: {
  /** 0..1, or null when unknown. */
  value: number | null;
  /** Accessible name ("Progress of scope:name"). */
  label: string;
  /** done / failed / interrupted / cancelled colour the fill. */
  state?: string;
}): JSX.Element {
  const pct =
    props.value === null
      ? undefined
      : Math.max(0, Math.min(100, props.value * 100));
  return (
    <div
      className="jp-escape-Progress"
      role="progressbar"
      aria-label={props.label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={pct === undefined ? undefined : Math.round(pct)}
      data-state={props.state?.toLowerCase()}
    >
      <div
        className="jp-escape-Progress-fill"
        style={{ width: pct === undefined ? '100%' : `${pct}%` }}
        data-indeterminate={pct === undefined ? 'true' : undefined}
      />
    </div>
  );
}

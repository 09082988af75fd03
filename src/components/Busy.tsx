/** "Working… 3 s [Cancel]" for anything slow: one component for every pillar. */
import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

/** Seconds since `since` ("3.2 s" with decimals=1), ticking while mounted. */
export function Elapsed(props: {
  since: number;
  decimals?: 0 | 1;
}): JSX.Element {
  const decimals = props.decimals ?? 1;
  const [now, setNow] = React.useState(Date.now());
  React.useEffect(() => {
    const timer = window.setInterval(
      () => setNow(Date.now()),
      decimals ? 250 : 500
    );
    return () => window.clearInterval(timer);
  }, [decimals]);
  return <span>{((now - props.since) / 1000).toFixed(decimals)} s</span>;
}

export interface IBusyProps {
  label: string;
  /** When the work started (ms since the epoch); default when this mounted. */
  since?: number;
  /** Offered as a Cancel button (needs `trans`). */
  onCancel?: () => void;
  trans?: TranslationBundle;
  /** Decimals of the elapsed seconds (default 0). */
  decimals?: 0 | 1;
  /** Show the elapsed time only once this many seconds have passed (default 0: always). */
  showAfter?: number;
  /** A span in a line of text rather than a block of its own. */
  inline?: boolean;
  /** Class prefix of the pillar, e.g. 'jp-escape-VO': `${prefix}-busy`, `${prefix}-spinner`. */
  classPrefix?: string;
}

export function Busy(props: IBusyProps): JSX.Element {
  const [mounted] = React.useState(Date.now());
  const since = props.since ?? mounted;
  const showAfter = props.showAfter ?? 0;
  // re-render once the threshold passes, so the elapsed time appears without any other change
  const [, setShown] = React.useState(showAfter <= 0);
  React.useEffect(() => {
    if (showAfter <= 0) {
      return;
    }
    const timer = window.setTimeout(
      () => setShown(true),
      Math.max(0, since + showAfter * 1000 - Date.now())
    );
    return () => window.clearTimeout(timer);
  }, [since, showAfter]);
  const shown = Date.now() - since >= showAfter * 1000;
  const prefix = props.classPrefix ?? 'jp-escape';
  const Tag = props.inline ? 'span' : 'div';
  return (
    <Tag className={`${prefix}-busy`} role="status" aria-live="polite">
      <span className={`${prefix}-spinner`} aria-hidden="true" />
      <span>{props.label}</span>
      {shown && (
        <>
          {' '}
          <Elapsed since={since} decimals={props.decimals ?? 0} />
        </>
      )}
      {props.onCancel && props.trans && (
        <button
          type="button"
          className="jp-mod-styled jp-mod-warn"
          onClick={props.onCancel}
        >
          {props.trans.__('Cancel')}
        </button>
      )}
    </Tag>
  );
}

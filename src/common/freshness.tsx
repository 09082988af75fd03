/**
 * How fresh a job's state is (the server's `freshness` field, jupyter_escape/core/freshness.py): while the last poll
 * of its service failed, a job row shows "cannot reach <service> since <time>" and the last state that service
 * confirmed, so no list shows a confident state nobody has confirmed. Shared by the data lake and VO job views.
 */
import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

export interface IFreshness {
  /** When the service last answered about this job (epoch seconds). */
  checked_at: number | null;
  /** When polling first failed in the current outage; null while the state is confirmed. */
  unreachable_since: number | null;
  service: string | null;
  last_known_state: string | null;
  message: string | null;
}

/** True when the job's state is not confirmed by its service right now. */
export function isStale(freshness?: IFreshness | null): boolean {
  return !!freshness?.unreachable_since;
}

/** One small line under a job row; nothing while the state is confirmed. */
export function FreshnessLine(props: {
  freshness?: IFreshness | null;
  trans: TranslationBundle;
}): JSX.Element | null {
  const { freshness, trans } = props;
  if (!freshness || !isStale(freshness)) {
    return null;
  }
  const since = new Date(freshness.unreachable_since! * 1000).toLocaleString();
  const service = freshness.service || trans.__('the service');
  return (
    <p className="jp-escape-Freshness" role="status">
      {trans.__('Cannot reach %1 since %2.', service, since)}
      {freshness.last_known_state
        ? ' ' + trans.__('Last known: %1.', freshness.last_known_state)
        : ''}
    </p>
  );
}

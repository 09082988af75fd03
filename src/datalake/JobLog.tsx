/** A job's log (staging, upload), folded by default: time and message per line. */
import * as React from 'react';
import { IDatalakeContext } from './context';

export function JobLog(props: {
  ctx: IDatalakeContext;
  log: { t: number; message: string }[] | undefined;
  open?: boolean;
}): JSX.Element | null {
  const log = props.log ?? [];
  if (log.length === 0) {
    return null;
  }
  return (
    <details className="jp-escape-DL-log" open={props.open}>
      <summary>
        {props.ctx.trans._n('Log (%1 line)', 'Log (%1 lines)', log.length)}
      </summary>
      <ol>
        {log.map((l, i) => (
          <li key={i}>
            <time className="jp-escape-DL-muted">
              {new Date(l.t * 1000).toLocaleTimeString()}
            </time>{' '}
            {l.message}
          </li>
        ))}
      </ol>
    </details>
  );
}

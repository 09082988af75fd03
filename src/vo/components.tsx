/** Small shared React pieces of the VO views. */
import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
import { IErrorView } from './errors';

/** A failure as the server reported it: service named, message verbatim, ADQL position if known. */
export function ErrorBox(props: {
  error: IErrorView;
  trans: TranslationBundle;
  onGoTo?: (line: number, column: number) => void;
}): JSX.Element {
  const { error, trans } = props;
  return (
    <div
      className="jp-escape-Banner jp-escape-Banner-error jp-escape-VO-error"
      role="alert"
    >
      <div>
        <strong>
          {error.service
            ? trans.__('%1 says:', error.service)
            : trans.__('Error:')}
        </strong>
      </div>
      <pre className="jp-escape-VO-errorText">{error.message}</pre>
      {error.position && (
        <div>
          {trans.__(
            'At line %1, column %2',
            error.position.line,
            error.position.column
          )}{' '}
          {props.onGoTo && (
            <button
              type="button"
              className="jp-mod-styled jp-escape-VO-linkButton"
              onClick={() =>
                props.onGoTo!(error.position!.line, error.position!.column)
              }
            >
              {trans.__('Go to position')}
            </button>
          )}
        </div>
      )}
    </div>
  );
}

/** Seconds since `since`, ticking while mounted. */
export function Elapsed(props: { since: number }): JSX.Element {
  const [now, setNow] = React.useState(Date.now());
  React.useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 250);
    return () => window.clearInterval(timer);
  }, []);
  return <span>{((now - props.since) / 1000).toFixed(1)} s</span>;
}

/** "Working… 3.2 s [Cancel]" for anything slow. */
export function Busy(props: {
  label: string;
  since: number;
  onCancel?: () => void;
  trans: TranslationBundle;
}): JSX.Element {
  return (
    <div className="jp-escape-VO-busy" role="status" aria-live="polite">
      <span className="jp-escape-VO-spinner" aria-hidden="true" />
      <span>{props.label}</span> <Elapsed since={props.since} />
      {props.onCancel && (
        <button
          type="button"
          className="jp-mod-styled jp-mod-warn"
          onClick={props.onCancel}
        >
          {props.trans.__('Cancel')}
        </button>
      )}
    </div>
  );
}

/** Sanitised third-party HTML (registry descriptions): sanitised again here, whatever the server did. */
export function SafeHTML(props: {
  html: string;
  sanitize: (html: string) => string;
  className?: string;
}): JSX.Element {
  const clean = React.useMemo(
    () => props.sanitize(props.html),
    [props.html, props.sanitize]
  );
  return (
    <div
      className={props.className}
      dangerouslySetInnerHTML={{ __html: clean }}
    />
  );
}

export function formatBytes(n: number): string {
  if (n < 1024) {
    return `${n} B`;
  }
  const units = ['KB', 'MB', 'GB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

/**
 * The one error box of every pillar: who failed ("Rucio says:"), the HTTP status, the message verbatim, an
 * optional hint, the ADQL position with "Go to position", and Retry (counting down when the remote asked us to
 * wait). Pillars set their class prefix and wording through props; nothing else differs.
 */
import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
import { describeError, IErrorView } from './errors';

export interface IErrorBoxProps {
  /** Anything thrown or rejected, or an IErrorView already described. An aborted request renders nothing. */
  error: unknown;
  trans: TranslationBundle;
  /** Offered as a button; disabled while a 429's retry-after counts down. */
  onRetry?: () => void;
  /** Offered as "Go to position" when the error names an ADQL line and column. */
  onGoTo?: (line: number, column: number) => void;
  /** One more line under the message (what to do about it). */
  hint?: string | null;
  /**
   * Class prefix of the pillar, e.g. 'jp-escape-VO': the box gets `${prefix}-error`, the message
   * `${prefix}-errorText`, Retry `${prefix}-small`, Go to
   * position `${prefix}-linkButton`. Without one: jp-escape-ErrorBox(-text).
   */
  classPrefix?: string;
  /** Show "HTTP 502" next to the heading (default true). */
  showStatus?: boolean;
  /**
   * Heading when the Jupyter server was not reached (status 0); default "Jupyter server unreachable:",
   * null to say "Error:" as for any other failure.
   */
  unreachableLabel?: string | null;
}

export function ErrorBox(props: IErrorBoxProps): JSX.Element | null {
  const { trans, classPrefix } = props;
  const view: IErrorView = React.useMemo(
    () => describeError(props.error),
    [props.error]
  );
  const [left, setLeft] = React.useState(view.retryAfter ?? 0);
  React.useEffect(() => {
    setLeft(view.retryAfter ?? 0);
    if (!view.retryAfter) {
      return;
    }
    const timer = window.setInterval(
      () => setLeft(n => (n > 0 ? n - 1 : 0)),
      1000
    );
    return () => window.clearInterval(timer);
  }, [view]);
  if (view.aborted) {
    return null;
  }
  const unreachable =
    props.unreachableLabel === undefined
      ? trans.__('Jupyter server unreachable:')
      : props.unreachableLabel;
  const who = view.service
    ? trans.__('%1 says:', view.service)
    : view.status === 0 && unreachable
      ? unreachable
      : trans.__('Error:');
  const position = view.position;
  const onGoTo = props.onGoTo;
  return (
    <div
      className={`jp-escape-Banner jp-escape-Banner-error ${classPrefix ? `${classPrefix}-error` : 'jp-escape-ErrorBox'}`}
      role="alert"
    >
      <strong>{who}</strong>{' '}
      {(props.showStatus ?? true) && view.status > 0 && (
        <span className={classPrefix ? `${classPrefix}-muted` : undefined}>
          HTTP {view.status}
        </span>
      )}
      <pre
        className={
          classPrefix ? `${classPrefix}-errorText` : 'jp-escape-ErrorBox-text'
        }
      >
        {view.message}
      </pre>
      {props.hint && (
        <div className="jp-escape-Banner-detail">{props.hint}</div>
      )}
      {position && (
        <div>
          {trans.__('At line %1, column %2', position.line, position.column)}{' '}
          {onGoTo && (
            <button
              type="button"
              className={`jp-mod-styled ${classPrefix ? `${classPrefix}-linkButton` : 'jp-escape-LinkButton'}`}
              onClick={() => onGoTo(position.line, position.column)}
            >
              {trans.__('Go to position')}
            </button>
          )}
        </div>
      )}
      {props.onRetry && (
        <button
          type="button"
          className={`jp-mod-styled${classPrefix ? ` ${classPrefix}-small` : ''}`}
          disabled={left > 0}
          onClick={props.onRetry}
        >
          {left > 0 ? trans.__('Retry in %1 s', left) : trans.__('Retry')}
        </button>
      )}
    </div>
  );
}

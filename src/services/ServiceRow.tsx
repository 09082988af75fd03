/** One row of the Services section (reachability, sign-in, latency, identity, details), and the failed-check banner. */
import { TranslationBundle } from '@jupyterlab/translation';
import { refreshIcon } from '@jupyterlab/ui-components';
import * as React from 'react';
import { AuthBadge, Badge, ReachabilityBadge } from '../components/StatusBadge';
import { formatLatency, serviceHealth } from '../components/serviceState';
import { EscapeAPIError } from '../handler';
import { IServiceStatus } from '../tokens';
import { IdentityLine } from './IdentityLine';

export function RequestError(props: {
  error: Error;
  hasReport: boolean;
  trans: TranslationBundle;
}): JSX.Element {
  const { error, trans } = props;
  const status = error instanceof EscapeAPIError ? error.status : 0;
  return (
    <div className="jp-escape-Banner jp-escape-Banner-error" role="alert">
      {props.hasReport
        ? trans.__(
            'The last status check failed (%1); showing the previous result.',
            status || trans.__('no response')
          )
        : trans.__(
            'The status check failed (%1).',
            status || trans.__('no response')
          )}{' '}
      <span className="jp-escape-Banner-detail">{error.message}</span>
    </div>
  );
}

export function ServiceRow(props: {
  service: IServiceStatus;
  rechecking: boolean;
  onRecheck: () => void;
  trans: TranslationBundle;
}): JSX.Element {
  const { service, trans } = props;
  const health = serviceHealth(service);
  const latency = formatLatency(service.latency_ms);
  const firstLine = service.error ? service.error.split('\n')[0] : '';
  const hasDetails = !!(service.error || service.detail || service.auth_detail);
  return (
    <li
      className={`jp-escape-Service jp-escape-Service-${health}`}
      data-service-id={service.id}
      data-health={health}
    >
      <div className="jp-escape-Service-head">
        <span className="jp-escape-Service-name" title={service.name}>
          {service.name}
        </span>
        <span className="jp-escape-Service-kind">{service.kind}</span>
        <button
          type="button"
          className="jp-Button jp-mod-minimal jp-escape-RecheckButton"
          onClick={() => !props.rechecking && props.onRecheck()}
          aria-disabled={props.rechecking}
          aria-label={trans.__('Recheck %1', service.name)}
          title={trans.__('Recheck %1', service.name)}
        >
          <refreshIcon.react
            tag="span"
            className={props.rechecking ? 'jp-mod-spinning' : ''}
          />
        </button>
      </div>
      <div className="jp-escape-Service-badges">
        <ReachabilityBadge reachable={service.reachable} trans={trans} />
        <AuthBadge
          auth={service.auth}
          detail={service.auth_detail}
          trans={trans}
        />
        {latency && service.reachable ? (
          <Badge
            health="neutral"
            label={latency}
            title={trans.__('Response time of the last check')}
          />
        ) : null}
      </div>
      <IdentityLine identity={service.identity} trans={trans} />
      <div className="jp-escape-Service-url" title={service.url}>
        {service.url}
      </div>
      {hasDetails ? (
        <details className="jp-escape-Service-details">
          <summary>
            {firstLine ? (
              <span className="jp-escape-Service-errorText">{firstLine}</span>
            ) : (
              trans.__('Details')
            )}
          </summary>
          {service.error ? <pre>{service.error}</pre> : null}
          {service.auth_detail ? <p>{service.auth_detail}</p> : null}
          {service.detail ? <p>{service.detail}</p> : null}
        </details>
      ) : null}
    </li>
  );
}

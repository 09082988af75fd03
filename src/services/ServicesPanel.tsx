/** The Services panel: refresh, a summary line, configuration problems and one row per service. */
import { ITranslator, TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
import { summarize } from '../components/serviceState';
import { useSignals } from '../components/useSignals';
import { IEscapeModel, IStatusReport } from '../tokens';
import { RequestError, ServiceRow } from './ServiceRow';
import { ServicesToolbar } from './ServicesToolbar';

export function ServicesPanel(props: {
  model: IEscapeModel;
  translator: ITranslator;
}): JSX.Element {
  const { model } = props;
  const trans = props.translator.load('jupyter_escape');
  useSignals([model.statusChanged, model.handshakeChanged]);

  const report = model.status;
  const refreshing = model.isRefreshing;
  const error = model.statusError;
  const missing = model.handshake.kind === 'missing';

  const summary = summaryText(trans, report, refreshing);

  return (
    <div className="jp-escape-Services" aria-busy={refreshing}>
      <ServicesToolbar model={model} trans={trans} />

      <div
        className="jp-escape-Services-summary"
        role="status"
        aria-live="polite"
        aria-atomic="true"
      >
        {summary}
      </div>

      {missing ? (
        // The sidebar header already shows the full advice; say here why there are no rows.
        <p className="jp-escape-Services-empty">
          {trans.__(
            'Service status is unavailable until the jupyter-escape server extension is enabled.'
          )}
        </p>
      ) : error ? (
        <RequestError error={error} trans={trans} hasReport={!!report} />
      ) : null}

      {report && report.config_errors.length > 0 ? (
        <section
          className="jp-escape-ConfigErrors"
          aria-label={trans.__('Configuration problems')}
        >
          <h3>{trans.__('Configuration problems')}</h3>
          <ul>
            {report.config_errors.map((message, i) => (
              <li key={i}>{message}</li>
            ))}
          </ul>
        </section>
      ) : null}

      {report ? (
        <ServiceList model={model} report={report} trans={trans} />
      ) : null}
    </div>
  );
}

/** One row per service, or why there are none. */
function ServiceList(props: {
  model: IEscapeModel;
  report: IStatusReport;
  trans: TranslationBundle;
}): JSX.Element {
  const { model, report, trans } = props;
  return report.services.length > 0 ? (
    <ul className="jp-escape-ServiceList" aria-label={trans.__('Services')}>
      {report.services.map(service => (
        <ServiceRow
          key={service.id}
          service={service}
          rechecking={model.recheckingServices.has(service.id)}
          onRecheck={() => void model.recheckService(service.id)}
          trans={trans}
        />
      ))}
    </ul>
  ) : (
    <p className="jp-escape-Services-empty">
      {trans.__(
        'No services are configured. Set them in the server configuration (EscapeConfig).'
      )}
    </p>
  );
}

/** "3 services, all fine", or the counts by state; "Checking services…" before the first report. */
function summaryText(
  trans: TranslationBundle,
  report: IStatusReport | null,
  refreshing: boolean
): string {
  if (refreshing && !report) {
    return trans.__('Checking services…');
  }
  if (!report) {
    return '';
  }
  const counts = summarize(report.services);
  return counts.error + counts.warn === 0
    ? trans._n('%1 service, all fine', '%1 services, all fine', counts.total)
    : trans.__(
        '%1 services: %2 fine, %3 with warnings, %4 failing',
        counts.total,
        counts.ok,
        counts.warn,
        counts.error
      );
}

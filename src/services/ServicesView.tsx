/**
 * The Services section: one row per service the server probes, refreshed while the section is on screen.
 */
import { ITranslator } from '@jupyterlab/translation';
import { ReactWidget, refreshIcon } from '@jupyterlab/ui-components';
import { IDisposable } from '@lumino/disposable';
import { Message } from '@lumino/messaging';
import * as React from 'react';
import { summarize } from '../components/serviceState';
import { useSignals } from '../components/useSignals';
import { IEscapeModel } from '../tokens';
import { RequestError, ServiceRow } from './ServiceRow';

export class ServicesView extends ReactWidget {
  constructor(options: { model: IEscapeModel; translator: ITranslator }) {
    super();
    this._model = options.model;
    this._translator = options.translator;
    const trans = this._translator.load('jupyter_escape');
    this.id = 'jp-escape-services';
    this.title.label = trans.__('Services');
    this.title.caption = trans.__(
      'Reachability and sign-in state of the ESCAPE services'
    );
    this.addClass('jp-escape-ServicesView');
  }

  protected render(): JSX.Element {
    return <ServicesPanel model={this._model} translator={this._translator} />;
  }

  protected onAfterAttach(msg: Message): void {
    super.onAfterAttach(msg);
    if (this.isVisible) {
      this._startWatching();
    }
  }

  protected onAfterShow(msg: Message): void {
    super.onAfterShow(msg);
    this._startWatching();
  }

  protected onAfterHide(msg: Message): void {
    super.onAfterHide(msg);
    this._stopWatching();
  }

  protected onBeforeDetach(msg: Message): void {
    this._stopWatching();
    super.onBeforeDetach(msg);
  }

  dispose(): void {
    this._stopWatching();
    super.dispose();
  }

  private _startWatching(): void {
    if (!this._watch) {
      this._watch = this._model.watchStatus();
    }
  }

  private _stopWatching(): void {
    this._watch?.dispose();
    this._watch = null;
  }

  private _model: IEscapeModel;
  private _translator: ITranslator;
  private _watch: IDisposable | null = null;
}

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
  const counts = report ? summarize(report.services) : null;

  let summary = '';
  if (refreshing && !report) {
    summary = trans.__('Checking services…');
  } else if (counts) {
    summary =
      counts.error + counts.warn === 0
        ? trans._n(
            '%1 service, all fine',
            '%1 services, all fine',
            counts.total
          )
        : trans.__(
            '%1 services: %2 fine, %3 with warnings, %4 failing',
            counts.total,
            counts.ok,
            counts.warn,
            counts.error
          );
  }

  const onRefresh = () => {
    if (!refreshing) {
      void model.refreshStatus();
    }
  };

  return (
    <div className="jp-escape-Services" aria-busy={refreshing}>
      <div className="jp-escape-Services-toolbar">
        <button
          type="button"
          className="jp-Button jp-mod-styled jp-escape-RefreshButton"
          onClick={onRefresh}
          aria-disabled={refreshing}
          aria-label={trans.__('Refresh service status')}
          title={trans.__('Check every service again now')}
        >
          <refreshIcon.react
            tag="span"
            className={`jp-escape-RefreshButton-icon${
              refreshing ? ' jp-mod-spinning' : ''
            }`}
          />
          <span>
            {refreshing ? trans.__('Checking…') : trans.__('Refresh')}
          </span>
        </button>
        <span className="jp-escape-Services-checked">
          {report
            ? trans.__(
                'Checked %1',
                new Date(report.checked_at).toLocaleTimeString()
              )
            : ''}
          {report ? ' · ' : ''}
          {missing
            ? trans.__('auto-refresh paused')
            : model.refreshInterval > 0
              ? trans.__('auto every %1 s', model.refreshInterval)
              : trans.__('auto-refresh off')}
        </span>
      </div>

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
        report.services.length > 0 ? (
          <ul
            className="jp-escape-ServiceList"
            aria-label={trans.__('Services')}
          >
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
        )
      ) : null}
    </div>
  );
}

/**
 * "Which VO data covers this?" in a DID's details: the server builds the DID's MOC (staged FITS footprints, else
 * its ra/dec metadata) and asks the VO registry for resources whose coverage intersects it; shown here with what
 * the MOC was built from, the services each record offers, and "show me the code".
 */
import * as React from 'react';
import { Busy } from '../components';
import { useSignals } from '../components/useSignals';
import { ErrorBox } from './components';
import { IDatalakeContext } from './context';
import { CoverageModel, SERVICE_TYPES } from './coverageModel';
import { CoverageResults } from './CoverageResults';

/** The section of the details view: a service-type choice, the button, the answer or the error. */
export function VOCoverage(props: {
  ctx: IDatalakeContext;
  instance: string;
  did: string;
}): JSX.Element {
  const { ctx, instance, did } = props;
  const trans = ctx.trans;
  const model = React.useMemo(
    () => new CoverageModel(instance, did),
    [instance, did]
  );
  React.useEffect(() => () => model.dispose(), [model]);
  useSignals([model.changed]);
  const { busy, error, data: reply } = model.request;
  const selectId = React.useId();

  return (
    <section className="jp-escape-DL-block">
      <h3>{trans.__('VO data covering this')}</h3>
      <p className="jp-escape-DL-muted">
        {trans.__(
          'Builds the sky coverage (MOC) of this DID from its staged FITS files, else from its ra/dec metadata, and searches the VO registry for resources covering it.'
        )}
      </p>
      <div className="jp-escape-DL-actions">
        <label htmlFor={selectId}>{trans.__('Service type')}</label>
        <select
          id={selectId}
          value={model.servicetype}
          onChange={e => model.setServicetype(e.target.value)}
        >
          {SERVICE_TYPES.map(t => (
            <option key={t} value={t}>
              {t || trans.__('any')}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="jp-mod-styled jp-mod-accept jp-escape-DL-small"
          disabled={busy}
          onClick={() => model.search()}
        >
          {trans.__('Which VO data covers this?')}
        </button>
        {busy && (
          <button
            type="button"
            className="jp-mod-styled jp-escape-DL-small"
            onClick={() => model.request.cancel()}
          >
            {trans.__('Cancel')}
          </button>
        )}
      </div>
      {busy && (
        <Busy
          label={trans.__('Building the MOC, asking the registry…')}
          inline
          showAfter={2}
        />
      )}
      {error !== null && (
        <ErrorBox error={error} trans={trans} onRetry={() => model.search()} />
      )}
      {reply && !busy && <CoverageResults ctx={ctx} reply={reply} />}
    </section>
  );
}

/**
 * "Which VO data covers this?" in a DID's details: the server builds the DID's MOC (staged FITS footprints, else
 * its ra/dec metadata) and asks the VO registry for resources whose coverage intersects it; shown here with what
 * the MOC was built from, the services each record offers, and "show me the code".
 */
import * as React from 'react';
import { datalakeAPI, ICoverageReply } from './api';
import { Busy } from '../components';
import { ErrorBox } from './components';
import { IDatalakeContext } from './context';
import { report } from './staged';

const SERVICE_TYPES = ['', 'scs', 'sia', 'sia2', 'ssa', 'tap'];

function CoverageResults(props: {
  ctx: IDatalakeContext;
  reply: ICoverageReply;
}): JSX.Element {
  const { ctx, reply } = props;
  const trans = ctx.trans;
  const c = reply.coverage;
  return (
    <div className="jp-escape-DL-coverage" role="region" aria-live="polite">
      <p>
        {trans.__(
          'Sky coverage: %1 deg² (MOC to order %2), within %3° of (%4, %5).',
          c.area_deg2.toFixed(3),
          c.max_order,
          c.cone.radius.toFixed(3),
          c.cone.ra.toFixed(4),
          c.cone.dec.toFixed(4)
        )}
      </p>
      <ul className="jp-escape-DL-muted" aria-label={trans.__('Built from')}>
        {c.basis.map(b => (
          <li key={b}>{b}</li>
        ))}
      </ul>
      {reply.resources.length === 0 ? (
        <p className="jp-escape-DL-muted">
          {trans.__(
            'No resource of the registry %1 declares a coverage that intersects it.',
            reply.registry_url
          )}
        </p>
      ) : (
        <table
          className="jp-escape-DL-table"
          aria-label={trans.__('VO resources covering this DID')}
        >
          <thead>
            <tr>
              <th scope="col">{trans.__('Resource')}</th>
              <th scope="col">{trans.__('Publisher')}</th>
              <th scope="col">{trans.__('Wavebands')}</th>
              <th scope="col">{trans.__('Services')}</th>
            </tr>
          </thead>
          <tbody>
            {reply.resources.map(r => (
              <tr key={r.ivoid} title={r.ivoid}>
                <td>
                  {r.title ?? r.ivoid}
                  <div className="jp-escape-DL-muted">
                    <code>{r.ivoid}</code>
                  </div>
                </td>
                <td>{r.publisher ?? '–'}</td>
                <td>{r.waveband.join(', ') || '–'}</td>
                <td>
                  {Array.from(
                    new Set(
                      r.capabilities
                        .map(cap => cap.service)
                        .filter(s => s && s !== 'web' && s !== 'vosi')
                    )
                  ).join(', ') || '–'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {reply.has_more && (
        <p className="jp-escape-DL-muted">
          {trans.__('More records match: narrow by service type.')}
        </p>
      )}
      <details>
        <summary>{trans.__('ADQL sent to the registry')}</summary>
        <pre className="jp-escape-DL-code">{reply.adql}</pre>
      </details>
      <button
        type="button"
        className="jp-mod-styled jp-escape-DL-small"
        onClick={() =>
          void report(ctx, trans.__('Show me the code'), () =>
            ctx.insertCode(reply.python)
          )
        }
      >
        {trans.__('Show me the code')}
      </button>
    </div>
  );
}

/** The section of the details view: a service-type choice, the button, the answer or the error. */
export function VOCoverage(props: {
  ctx: IDatalakeContext;
  instance: string;
  did: string;
}): JSX.Element {
  const { ctx, instance, did } = props;
  const trans = ctx.trans;
  const [servicetype, setServicetype] = React.useState('');
  const [reply, setReply] = React.useState<ICoverageReply | null>(null);
  const [error, setError] = React.useState<unknown>(null);
  const [busy, setBusy] = React.useState(false);
  const controller = React.useRef<AbortController | null>(null);
  React.useEffect(() => () => controller.current?.abort(), []);
  const selectId = React.useId();

  const search = () => {
    controller.current?.abort();
    const c = (controller.current = new AbortController());
    setBusy(true);
    setError(null);
    datalakeAPI
      .coverage(instance, did, servicetype, c.signal)
      .then(setReply, e => !c.signal.aborted && setError(e))
      .finally(() => !c.signal.aborted && setBusy(false));
  };

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
          value={servicetype}
          onChange={e => setServicetype(e.target.value)}
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
          onClick={search}
        >
          {trans.__('Which VO data covers this?')}
        </button>
        {busy && (
          <button
            type="button"
            className="jp-mod-styled jp-escape-DL-small"
            onClick={() => {
              controller.current?.abort();
              setBusy(false);
            }}
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
        <ErrorBox error={error} trans={trans} onRetry={search} />
      )}
      {reply && !busy && <CoverageResults ctx={ctx} reply={reply} />}
    </section>
  );
}

/** The answer of "Which VO data covers this?": the MOC and what it was built from, the covering resources
 * with their services, the ADQL sent, and "show me the code". */
import * as React from 'react';
import { ICoverageReply } from './api';
import { IDatalakeContext } from './context';
import { report } from './staged';

export function CoverageResults(props: {
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

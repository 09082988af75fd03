/** Where a DID lives: its replicas per RSE and the rules keeping them, with lock states. */
import * as React from 'react';
import { formatBytes } from '../components/format';
import { StatePill } from '../components/StatePill';
import { IDetails } from './api';
import { IDatalakeContext } from './context';

export function Replicas(props: {
  ctx: IDatalakeContext;
  d: IDetails;
}): JSX.Element {
  const { ctx, d } = props;
  const trans = ctx.trans;
  if (d.replicas.length === 0) {
    return (
      <p className="jp-escape-DL-muted">
        {d.type === 'CONTAINER'
          ? trans.__(
              'Containers have no replicas of their own: open a dataset.'
            )
          : trans.__('No replica.')}
      </p>
    );
  }
  const file = d.type === 'FILE';
  return (
    <table className="jp-escape-DL-table" aria-label={trans.__('Replicas')}>
      <thead>
        <tr>
          <th scope="col">{trans.__('RSE')}</th>
          <th scope="col">{trans.__('State')}</th>
          <th scope="col">{file ? trans.__('PFN') : trans.__('Files')}</th>
          {!file && <th scope="col">{trans.__('Bytes')}</th>}
        </tr>
      </thead>
      <tbody>
        {d.replicas.map(r => (
          <tr key={r.rse}>
            <td>{r.rse}</td>
            <td>
              <StatePill state={r.state} />
            </td>
            {file ? (
              <td className="jp-escape-DL-path">
                {(r.pfns ?? []).map(p => (
                  <div key={p}>
                    <code>{p}</code>
                  </div>
                ))}
              </td>
            ) : (
              <>
                <td className="jp-escape-DL-num">
                  {r.available_files ?? '–'} / {r.files ?? '–'}
                </td>
                <td className="jp-escape-DL-num">
                  {formatBytes(r.available_bytes)} / {formatBytes(r.bytes)}
                </td>
              </>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function Rules(props: {
  ctx: IDatalakeContext;
  d: IDetails;
}): JSX.Element {
  const { ctx, d } = props;
  const trans = ctx.trans;
  if (d.rules.length === 0) {
    return (
      <p className="jp-escape-DL-muted">{trans.__('No rule on this DID.')}</p>
    );
  }
  return (
    <table className="jp-escape-DL-table" aria-label={trans.__('Rules')}>
      <thead>
        <tr>
          <th scope="col">{trans.__('RSE expression')}</th>
          <th scope="col">{trans.__('State')}</th>
          <th scope="col">{trans.__('Locks OK / replicating / stuck')}</th>
          <th scope="col">{trans.__('Account')}</th>
          <th scope="col">{trans.__('Expires')}</th>
        </tr>
      </thead>
      <tbody>
        {d.rules.map(r => (
          <tr key={r.id} title={r.id}>
            <td>{r.rse_expression}</td>
            <td>
              <StatePill state={r.state} />
              {r.error && (
                <div className="jp-escape-DL-fileError">{r.error}</div>
              )}
            </td>
            <td className="jp-escape-DL-num">
              {r.locks.ok} / {r.locks.replicating} / {r.locks.stuck}
            </td>
            <td>{r.account}</td>
            <td>{r.expires_at ?? trans.__('never')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

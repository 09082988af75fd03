/** What Rucio knows of a DID: size and checksums, user metadata and Rucio's own fields. */
import * as React from 'react';
import { formatBytes } from '../components/format';
import { IDetails } from './api';
import { IDatalakeContext } from './context';

function KeyValues(props: {
  values: Record<string, unknown>;
  label: string;
}): JSX.Element {
  const keys = Object.keys(props.values).sort();
  return (
    <table
      className="jp-escape-DL-table jp-escape-DL-kv"
      aria-label={props.label}
    >
      <tbody>
        {keys.map(k => (
          <tr key={k}>
            <th scope="row">{k}</th>
            <td>
              {typeof props.values[k] === 'object'
                ? JSON.stringify(props.values[k])
                : String(props.values[k])}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function SizeAndChecksums(props: {
  ctx: IDatalakeContext;
  d: IDetails;
}): JSX.Element {
  const { d } = props;
  const trans = props.ctx.trans;
  return (
    <section className="jp-escape-DL-block">
      <h3>{trans.__('Size and checksums')}</h3>
      <table className="jp-escape-DL-table jp-escape-DL-kv">
        <tbody>
          <tr>
            <th scope="row">{trans.__('Size')}</th>
            <td>
              {formatBytes(d.bytes)}
              {d.bytes !== null ? ` (${d.bytes.toLocaleString()} B)` : ''}
            </td>
          </tr>
          {d.type !== 'FILE' && (
            <tr>
              <th scope="row">{trans.__('Children')}</th>
              <td>{d.length ?? '–'}</td>
            </tr>
          )}
          <tr>
            <th scope="row">adler32</th>
            <td>
              <code>{d.adler32 ?? '–'}</code>
            </td>
          </tr>
          <tr>
            <th scope="row">md5</th>
            <td>
              <code>{d.md5 ?? '–'}</code>
            </td>
          </tr>
          {d.open !== null && d.type !== 'FILE' && (
            <tr>
              <th scope="row">{trans.__('Open')}</th>
              <td>
                {d.open ? trans.__('yes (can still grow)') : trans.__('closed')}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </section>
  );
}

export function Metadata(props: {
  ctx: IDatalakeContext;
  d: IDetails;
}): JSX.Element {
  const { d } = props;
  const trans = props.ctx.trans;
  return (
    <section className="jp-escape-DL-block">
      <h3>{trans.__('Metadata')}</h3>
      {Object.keys(d.metadata).length > 0 ? (
        <KeyValues values={d.metadata} label={trans.__('Metadata')} />
      ) : (
        <p className="jp-escape-DL-muted">{trans.__('No user metadata.')}</p>
      )}
      {Object.keys(d.system).length > 0 && (
        <details>
          <summary>{trans.__('Rucio fields')}</summary>
          <KeyValues values={d.system} label={trans.__('Rucio fields')} />
        </details>
      )}
    </section>
  );
}

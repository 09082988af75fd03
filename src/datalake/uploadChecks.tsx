/** What an upload proves or leaves behind: the checksum confirmation table and the leftovers on the storage. */
import * as React from 'react';
import { IChecksums, isActive, IUploadJob } from './api';
import { IDatalakeContext } from './context';

/** What an attempt left on the storage (not registered in Rucio): said plainly, with why, until cleaned. */
export function Leftovers(props: {
  ctx: IDatalakeContext;
  job: IUploadJob;
}): JSX.Element | null {
  const { ctx, job } = props;
  const trans = ctx.trans;
  const left = job.leftovers ?? [];
  if (left.length === 0) {
    return null;
  }
  return (
    <div
      className="jp-escape-Banner jp-escape-Banner-warn jp-escape-DL-leftovers"
      role="status"
    >
      <strong>
        {trans._n(
          '%1 file left on the storage (unregistered): resume or clean up removes it',
          '%1 files left on the storage (unregistered): resume or clean up removes them',
          left.length
        )}
      </strong>
      <ul>
        {left.map(item => (
          <li key={item.pfn}>
            <code>{item.pfn}</code> — {item.why}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function ChecksumTable(props: {
  ctx: IDatalakeContext;
  job: IUploadJob;
}): JSX.Element | null {
  const { ctx, job } = props;
  const trans = ctx.trans;
  const sums = job.checksums;
  if (!sums || !sums.local) {
    return null;
  }
  const rows: [string, IChecksums | undefined][] = [
    [trans.__('Local file'), sums.local],
    [trans.__('Stored replica (read back)'), sums.storage],
    [trans.__('Rucio catalogue'), sums.rucio]
  ];
  const want = sums.local.adler32;
  return (
    <table
      className="jp-escape-DL-table jp-escape-DL-checksums"
      aria-label={trans.__('Checksum confirmation')}
    >
      <thead>
        <tr>
          <th scope="col">{trans.__('Where')}</th>
          <th scope="col">{trans.__('Bytes')}</th>
          <th scope="col">adler32</th>
          <th scope="col">{trans.__('Matches the local file')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([label, s]) => {
          const match =
            s && s.adler32 !== null && s.adler32 !== undefined
              ? s.adler32 === want && s.bytes === sums.local?.bytes
              : null;
          return (
            <tr key={label} data-match={match === null ? '' : String(match)}>
              <th scope="row">{label}</th>
              <td className="jp-escape-DL-num">
                {s?.bytes !== undefined && s?.bytes !== null
                  ? s.bytes.toLocaleString()
                  : '–'}
              </td>
              <td>
                <code>{s?.adler32 ?? (isActive(job) ? '…' : '–')}</code>
              </td>
              <td>
                {match === null
                  ? ''
                  : match
                    ? '✓ ' + trans.__('yes')
                    : '✗ ' + trans.__('no')}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** One page of DIDs (search results or a collection's contents): type, name (opens it), size, details. */
import { infoIcon } from '@jupyterlab/ui-components';
import * as React from 'react';
import { formatBytes } from '../components/format';
import { IDIDRow } from './api';
import { IDatalakeContext } from './context';

export function typeLabel(
  type: string,
  trans: IDatalakeContext['trans']
): string {
  switch (type) {
    case 'CONTAINER':
      return trans.__('container');
    case 'DATASET':
      return trans.__('dataset');
    case 'FILE':
      return trans.__('file');
    default:
      return type.toLowerCase();
  }
}

export function DIDList(props: {
  ctx: IDatalakeContext;
  instance: string;
  rows: IDIDRow[];
  label: string;
  onOpen: (row: IDIDRow) => void;
}): JSX.Element {
  const { ctx, rows } = props;
  const trans = ctx.trans;
  if (rows.length === 0) {
    return (
      <p className="jp-escape-DL-muted jp-escape-DL-empty">
        {trans.__('Nothing here.')}
      </p>
    );
  }
  return (
    <ul className="jp-escape-DL-list" aria-label={props.label}>
      {rows.map(row => {
        const collection = row.type === 'CONTAINER' || row.type === 'DATASET';
        return (
          <li
            key={row.did}
            className="jp-escape-DL-item"
            data-type={row.type}
            data-did={row.did}
          >
            <span
              className={`jp-escape-DL-type jp-escape-DL-type-${row.type.toLowerCase() || 'unknown'}`}
              title={
                row.type
                  ? typeLabel(row.type, trans)
                  : trans.__('type not reported by the search')
              }
            >
              {row.type ? row.type.charAt(0) : '?'}
            </span>
            <button
              type="button"
              className="jp-escape-DL-linkButton jp-escape-DL-itemName"
              title={
                collection
                  ? trans.__('Open %1', row.did)
                  : trans.__('Details of %1', row.did)
              }
              onClick={() => props.onOpen(row)}
            >
              {row.name}
            </button>
            <span className="jp-escape-DL-muted jp-escape-DL-size">
              {row.type === 'FILE'
                ? formatBytes(row.bytes)
                : row.length !== null && row.length !== undefined
                  ? trans._n('%1 item', '%1 items', row.length)
                  : ''}
            </span>
            {collection && (
              <button
                type="button"
                className="jp-escape-DL-iconButton"
                aria-label={trans.__('Details of %1', row.did)}
                title={trans.__('Details, replicas, rules; stage')}
                onClick={() => ctx.openDetails(props.instance, row.did)}
              >
                <infoIcon.react tag="span" />
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** Metadata key/value rows of the upload form (numbers stay numbers); a new row takes the focus. */
import * as React from 'react';
import { useFocusNewRow } from '../components/useFocusNewRow';
import { IDatalakeContext } from './context';
import { IMetaRow } from './uploadModel';

export function MetadataRows(props: {
  ctx: IDatalakeContext;
  rows: IMetaRow[];
  onChange: (rows: IMetaRow[]) => void;
}): JSX.Element {
  const { rows, onChange } = props;
  const trans = props.ctx.trans;
  const box = React.useRef<HTMLDivElement>(null);
  const focusNewRow = useFocusNewRow(rows.length, box, '.jp-escape-DL-metaKey');
  const setRow = (i: number, patch: Partial<IMetaRow>) =>
    onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <div className="jp-escape-DL-metaRows" ref={box}>
      {rows.map((row, i) => (
        <div className="jp-escape-DL-filterRow" key={i}>
          <input
            type="text"
            className="jp-mod-styled jp-escape-DL-metaKey"
            aria-label={trans.__('Metadata %1 key', i + 1)}
            placeholder={trans.__('key, e.g. telescope')}
            value={row.key}
            onChange={e => setRow(i, { key: e.target.value })}
          />
          <input
            type="text"
            className="jp-mod-styled"
            aria-label={trans.__('Metadata %1 value', i + 1)}
            placeholder={trans.__('value (numbers stay numbers)')}
            value={row.value}
            onChange={e => setRow(i, { value: e.target.value })}
          />
          <button
            type="button"
            className="jp-escape-DL-iconButton"
            aria-label={trans.__('Remove metadata %1', i + 1)}
            onClick={() => onChange(rows.filter((_, j) => j !== i))}
          >
            ×
          </button>
        </div>
      ))}
      <button
        type="button"
        className="jp-escape-DL-linkButton"
        onClick={() => {
          focusNewRow();
          onChange([...rows, { key: '', value: '' }]);
        }}
      >
        {trans.__('+ Add metadata')}
      </button>
    </div>
  );
}

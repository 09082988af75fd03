/** The metadata filters of the Explore form: key, operator, value per row; a new row takes the focus. */
import * as React from 'react';
import { useFocusNewRow } from '../components/useFocusNewRow';
import { FILTER_OPS, FilterOp, IFilter } from './api';
import { IDatalakeContext } from './context';

export function FilterRows(props: {
  ctx: IDatalakeContext;
  filters: IFilter[];
  onChange: (filters: IFilter[]) => void;
}): JSX.Element {
  const { trans } = props.ctx;
  const set = (i: number, patch: Partial<IFilter>) =>
    props.onChange(
      props.filters.map((f, j) => (j === i ? { ...f, ...patch } : f))
    );
  const fieldset = React.useRef<HTMLFieldSetElement>(null);
  const focusNewRow = useFocusNewRow(
    props.filters.length,
    fieldset,
    '.jp-escape-DL-filterKey'
  );
  return (
    <fieldset className="jp-escape-DL-filters" ref={fieldset}>
      <legend>{trans.__('Metadata filters (all must match)')}</legend>
      {props.filters.map((f, i) => (
        <div className="jp-escape-DL-filterRow" key={i}>
          <input
            type="text"
            className="jp-mod-styled jp-escape-DL-filterKey"
            aria-label={trans.__('Filter %1 key', i + 1)}
            placeholder={trans.__('key, e.g. telescope')}
            value={f.key}
            onChange={e => set(i, { key: e.target.value })}
          />
          <select
            className="jp-mod-styled jp-escape-DL-filterOp"
            aria-label={trans.__('Filter %1 operator', i + 1)}
            value={f.op}
            onChange={e => set(i, { op: e.target.value as FilterOp })}
          >
            {FILTER_OPS.map(op => (
              <option key={op} value={op}>
                {op}
              </option>
            ))}
          </select>
          <input
            type="text"
            className="jp-mod-styled jp-escape-DL-filterValue"
            aria-label={trans.__('Filter %1 value', i + 1)}
            placeholder={trans.__('value')}
            value={f.value}
            onChange={e => set(i, { value: e.target.value })}
          />
          <button
            type="button"
            className="jp-escape-DL-iconButton"
            aria-label={trans.__('Remove filter %1', i + 1)}
            onClick={() =>
              props.onChange(props.filters.filter((_, j) => j !== i))
            }
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
          props.onChange([...props.filters, { key: '', op: '=', value: '' }]);
        }}
      >
        {trans.__('+ Add a filter')}
      </button>
    </fieldset>
  );
}

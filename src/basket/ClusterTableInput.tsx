/** A basket table to give a cluster job: a basket item, a workspace table, or a file by path. */
import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
import { FILE_INPUT } from './clusterTasks';

export interface ITableOption {
  value: string;
  label: string;
  group: 'item' | 'table';
}

export function ClusterTableInput(props: {
  id: string;
  label: string;
  value: string;
  path: string;
  options: ITableOption[];
  trans: TranslationBundle;
  optional?: boolean;
  onChange: (value: string, path: string) => void;
}): JSX.Element {
  const { trans, options } = props;
  const group = (g: ITableOption['group']) =>
    options
      .filter(o => o.group === g)
      .map(o => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ));
  return (
    <div className="jp-escape-XMatch-field">
      <label htmlFor={props.id}>{props.label}</label>
      <select
        id={props.id}
        className="jp-mod-styled"
        value={props.value}
        onChange={e => props.onChange(e.target.value, props.path)}
      >
        <option value="">
          {props.optional ? trans.__('(none)') : trans.__('(choose)')}
        </option>
        <optgroup label={trans.__('Basket items')}>{group('item')}</optgroup>
        <optgroup label={trans.__('Workspace database tables')}>
          {group('table')}
        </optgroup>
        {!props.optional && (
          <option value={FILE_INPUT}>{trans.__('A file…')}</option>
        )}
      </select>
      {props.value === FILE_INPUT && (
        <input
          type="text"
          className="jp-mod-styled"
          aria-label={trans.__(
            '%1 file path (relative to the server root)',
            props.label
          )}
          placeholder="data/catalogue.parquet"
          value={props.path}
          onChange={e => props.onChange(props.value, e.target.value)}
        />
      )}
    </div>
  );
}

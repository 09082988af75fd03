/**
 * A table's columns with unit, UCD and description: the TAP service view and the SQL console's table list
 * both show one. The first cell (a `th` or `td`) is the caller's: a column name to read, or to insert.
 */
import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

export interface IColumnRow {
  name: string;
  unit?: string | null;
  ucd?: string | null;
  description?: string | null;
}

export function ColumnTable<C extends IColumnRow>(props: {
  trans: TranslationBundle;
  columns: readonly C[];
  className: string;
  /** The row's first cell, naming the column. */
  nameCell: (column: C) => JSX.Element;
}): JSX.Element {
  const { trans } = props;
  return (
    <table className={props.className}>
      <thead>
        <tr>
          <th scope="col">{trans.__('Column')}</th>
          <th scope="col">{trans.__('Unit')}</th>
          <th scope="col">{trans.__('UCD')}</th>
          <th scope="col">{trans.__('Description')}</th>
        </tr>
      </thead>
      <tbody>
        {props.columns.map(c => (
          <tr key={c.name}>
            {props.nameCell(c)}
            <td>{c.unit ?? ''}</td>
            <td>{c.ucd ?? ''}</td>
            <td>{c.description ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

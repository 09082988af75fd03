/** The workspace tables of the SQL console; expanding one shows its columns with unit, UCD and description. */
import { ReactWidget } from '@jupyterlab/apputils';
import * as React from 'react';
import { ColumnTable } from '../components/ColumnTable';
import { useSignals } from '../components/useSignals';
import { ITableDetail } from './api';
import { BasketError } from './components';
import { IBasketContext } from './context';
import { SQLConsoleModel } from './sqlConsoleModel';

interface ITableActions {
  /** Put text (a quoted column name) into the query at the cursor. */
  onInsert: (text: string) => void;
  /** Run this query. */
  onQuery: (sql: string) => void;
}

export class SQLTables extends ReactWidget {
  constructor(
    private _ctx: IBasketContext,
    private _model: SQLConsoleModel,
    private _actions: ITableActions
  ) {
    super();
    this.addClass('jp-escape-SQLConsole-tables');
  }

  render(): JSX.Element {
    return (
      <TableList ctx={this._ctx} model={this._model} actions={this._actions} />
    );
  }
}

function TableList(props: {
  ctx: IBasketContext;
  model: SQLConsoleModel;
  actions: ITableActions;
}): JSX.Element {
  const { model, actions } = props;
  const trans = props.ctx.trans;
  useSignals([model.changed]);
  return (
    <div className="jp-escape-SQLConsole-tablesBody">
      <h3>{trans.__('Tables')}</h3>
      {model.tablesError !== null && (
        <BasketError error={model.tablesError} trans={trans} />
      )}
      {model.tables.length === 0 && (
        <p className="jp-escape-Basket-muted">
          {trans.__(
            'No tables yet: put a basket item into the database ("To workspace database") or cross-match.'
          )}
        </p>
      )}
      <ul className="jp-escape-SQLConsole-tableList">
        {model.tables.map(t => (
          <li key={t.table} data-table={t.table}>
            <button
              type="button"
              className="jp-escape-Basket-link"
              aria-expanded={model.open.has(t.table)}
              onClick={() => void model.toggle(t.table)}
            >
              <code>{t.table}</code>
            </button>{' '}
            <span className="jp-escape-Basket-muted">
              {trans.__(
                '%1 rows, %2 columns',
                (t.n_rows ?? 0).toLocaleString(),
                t.n_columns
              )}
              {t.title && t.title !== t.table ? ` — ${t.title}` : ''}
            </span>{' '}
            <button
              type="button"
              className="jp-mod-styled jp-escape-Basket-small"
              aria-label={trans.__('Query table %1', t.table)}
              onClick={() =>
                actions.onQuery(`SELECT * FROM "${t.table}" LIMIT 1000`)
              }
            >
              {trans.__('Query')}
            </button>
            {model.open.has(t.table) && (
              <Columns
                detail={model.details[t.table]}
                ctx={props.ctx}
                onInsert={actions.onInsert}
              />
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

function Columns(props: {
  detail?: ITableDetail;
  ctx: IBasketContext;
  onInsert: (text: string) => void;
}): JSX.Element {
  const trans = props.ctx.trans;
  if (!props.detail) {
    return <div role="status">{trans.__('Loading…')}</div>;
  }
  return (
    <ColumnTable
      trans={trans}
      className="jp-escape-SQLConsole-columns"
      columns={props.detail.columns}
      nameCell={c => (
        <td>
          <button
            type="button"
            className="jp-escape-Basket-link"
            title={trans.__('Insert into the query')}
            onClick={() => props.onInsert(`"${c.name}"`)}
          >
            {c.name}
          </button>
          {c.type ? (
            <span className="jp-escape-Basket-muted"> {c.type}</span>
          ) : null}
        </td>
      )}
    />
  );
}

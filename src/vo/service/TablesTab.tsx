/** A TAP service's tables, filtered; a table opened shows its columns (fetched once) and "Query this table". */
import * as React from 'react';
import { ColumnTable } from '../../components/ColumnTable';
import { ITableInfo } from '../api';
import { ErrorBox } from '../components';
import { hasColumns, isError } from '../model';
import type { ServiceView } from '../ServiceView';

/** Tables listed at most; the filter narrows the rest. */
const SHOWN = 500;

export function TablesTab(props: { view: ServiceView }): JSX.Element {
  const { view } = props;
  const model = view.model;
  const trans = view.ctx.trans;
  if (model.tablesError) {
    return <ErrorBox error={model.tablesError} trans={trans} />;
  }
  if (!model.tables) {
    return <p role="status">{trans.__('Loading tables…')}</p>;
  }
  const f = model.filter.toLowerCase();
  const shown = model.tables.filter(
    t =>
      !f ||
      t.name.toLowerCase().includes(f) ||
      (t.description ?? '').toLowerCase().includes(f)
  );
  return (
    <div>
      <input
        type="search"
        className="jp-mod-styled jp-escape-VO-wide"
        placeholder={trans.__('Filter %1 tables', model.tables.length)}
        aria-label={trans.__('Filter tables')}
        value={model.filter}
        onChange={e => model.setFilter(e.target.value)}
      />
      <ul className="jp-escape-TableList">
        {shown.slice(0, SHOWN).map(t => (
          <TableItem key={t.name} view={view} table={t} />
        ))}
      </ul>
      {shown.length > SHOWN && (
        <p className="jp-escape-VO-muted">
          {trans.__('%1 more: refine the filter', shown.length - SHOWN)}
        </p>
      )}
    </div>
  );
}

function TableItem(props: {
  view: ServiceView;
  table: ITableInfo;
}): JSX.Element {
  const { view, table: t } = props;
  const trans = view.ctx.trans;
  const detail = view.model.details[t.name];
  return (
    <li>
      <details
        onToggle={e => {
          if ((e.target as HTMLDetailsElement).open) {
            void view.model.loadTable(t.name);
          }
        }}
      >
        <summary title={t.description}>
          <code>{t.name}</code>
          {t.nrows ? (
            <span className="jp-escape-VO-muted">
              {' '}
              {trans.__('%1 rows', t.nrows)}
            </span>
          ) : null}
        </summary>
        {t.description && <p className="jp-escape-VO-desc">{t.description}</p>}
        <button
          type="button"
          className="jp-mod-styled"
          onClick={() => view.setQuery(`SELECT TOP 100 *\nFROM ${t.name}`)}
        >
          {trans.__('Query this table')}
        </button>
        {detail === 'loading' && (
          <p role="status">{trans.__('Loading columns…')}</p>
        )}
        {isError(detail) && <ErrorBox error={detail} trans={trans} />}
        {hasColumns(detail) && <Columns view={view} table={detail} />}
      </details>
    </li>
  );
}

function Columns(props: { view: ServiceView; table: ITableInfo }): JSX.Element {
  return (
    <ColumnTable
      trans={props.view.ctx.trans}
      className="jp-escape-ColumnTable"
      columns={props.table.columns ?? []}
      nameCell={c => (
        <th scope="row" title={c.datatype ?? ''}>
          <code>{c.name}</code>
        </th>
      )}
    />
  );
}

/** The SQL console's toolbar above the editor, and the result's summary line; both render a SQLConsoleModel. */
import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
import { CodeButton } from '../components/CodeButton';
import { useSignals } from '../components/useSignals';
import { SQLConsoleModel } from './sqlConsoleModel';

/** "Running…", then "12 rows in 0.01 s" (or "first 100000 rows (limit)"). */
export function SQLQuerySummary(props: {
  model: SQLConsoleModel;
  trans: TranslationBundle;
}): JSX.Element {
  const { model, trans } = props;
  useSignals([model.changed]);
  const s = model.summary;
  return (
    <span className="jp-escape-TablePane-summary" role="status">
      {model.running
        ? trans.__('Running…')
        : !s
          ? ''
          : s.truncated
            ? trans.__(
                'first %1 rows (limit) in %2 s',
                s.rows.toLocaleString(),
                s.elapsed
              )
            : trans._n('%1 row in %2 s', '%1 rows in %2 s', s.rows, s.elapsed)}
    </span>
  );
}

/** Run, "Allow writes", "Show me the code" and "Refresh tables" above the editor. */
export function SQLEditorBar(props: {
  model: SQLConsoleModel;
  trans: TranslationBundle;
  onRun: () => void;
  /** The query's code for a notebook, and where it goes. */
  code: () => string;
  insertCode: (code: string) => Promise<unknown>;
}): JSX.Element {
  const { model, trans } = props;
  useSignals([model.changed]);
  return (
    <div
      className="jp-escape-SQLConsole-bar"
      role="toolbar"
      aria-label={trans.__('SQL console actions')}
    >
      <button
        type="button"
        className="jp-mod-styled jp-mod-accept jp-escape-SQLConsole-run"
        disabled={model.running}
        title={trans.__('Run (Ctrl+Enter)')}
        onClick={props.onRun}
      >
        {trans.__('Run')}
      </button>
      <label
        title={trans.__(
          'Allow CREATE/INSERT/DROP… (the console is read-only otherwise)'
        )}
      >
        <input
          type="checkbox"
          checked={model.writeAllowed}
          onChange={e => model.setWriteAllowed(e.target.checked)}
        />{' '}
        {trans.__('Allow writes')}
      </label>
      <CodeButton trans={trans} code={props.code} insert={props.insertCode} />
      <button
        type="button"
        className="jp-mod-styled"
        onClick={() => void model.refreshTables()}
      >
        {trans.__('Refresh tables')}
      </button>
    </div>
  );
}

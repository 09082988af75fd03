/**
 * "Run a function on the cluster": a function from a workspace .py module or a pasted cell, over the table
 * chosen (split into partitions) and optionally a second one (whole); the result becomes a workspace table.
 * State is the ClusterTasksModel's; progress and outcome are ClusterJobRow.
 */
import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
import { useSignals } from '../components/useSignals';
import { ClusterModel } from './cluster';
import { runSnippet } from './clusterSnippets';
import { ClusterTableInput, ITableOption } from './ClusterTableInput';
import { ClusterTaskActions } from './ClusterTaskActions';
import { IRunForm, runRequest } from './clusterTasks';

export function ClusterRunFunction(props: {
  model: ClusterModel;
  tables: ITableOption[];
  trans: TranslationBundle;
  insertCode: (code: string) => void;
}): JSX.Element {
  const { model, trans } = props;
  const tasks = model.tasks;
  useSignals([tasks.changed, tasks.runJob.changed]);
  const form = tasks.runForm;
  const text = (
    name: 'module' | 'function' | 'table' | 'partitions',
    label: string,
    placeholder?: string
  ) => (
    <div className="jp-escape-XMatch-field">
      <label htmlFor={`jp-escape-run-${name}`}>{label}</label>
      <input
        id={`jp-escape-run-${name}`}
        type="text"
        className="jp-mod-styled"
        placeholder={placeholder}
        value={form[name]}
        onChange={e => tasks.setRun({ [name]: e.target.value })}
      />
    </div>
  );
  return (
    <details className="jp-escape-Cluster-task">
      <summary>{trans.__('Run a function on the cluster')}</summary>
      <div className="jp-escape-XMatch-row">
        <ClusterTableInput
          id="jp-escape-run-first"
          label={trans.__('Input (split into partitions)')}
          value={form.first}
          path={form.firstPath}
          options={props.tables}
          trans={trans}
          onChange={(first, firstPath) => tasks.setRun({ first, firstPath })}
        />
        <ClusterTableInput
          id="jp-escape-run-second"
          label={trans.__('Second input (whole, optional)')}
          value={form.second}
          path=""
          options={props.tables}
          trans={trans}
          optional
          onChange={second => tasks.setRun({ second })}
        />
        <div className="jp-escape-XMatch-field">
          <label htmlFor="jp-escape-run-source">
            {trans.__('Function from')}
          </label>
          <select
            id="jp-escape-run-source"
            className="jp-mod-styled"
            value={form.source}
            onChange={e =>
              tasks.setRun({ source: e.target.value as IRunForm['source'] })
            }
          >
            <option value="cell">{trans.__('a pasted cell')}</option>
            <option value="module">{trans.__('a workspace .py module')}</option>
          </select>
        </div>
        {form.source === 'module' &&
          text('module', trans.__('Module path'), 'tools/colours.py')}
        {text(
          'function',
          trans.__('Function name'),
          trans.__('(the only one defined)')
        )}
      </div>
      {form.source === 'cell' && (
        <div className="jp-escape-XMatch-field">
          <label htmlFor="jp-escape-run-code">{trans.__('Cell')}</label>
          <textarea
            id="jp-escape-run-code"
            className="jp-mod-styled jp-escape-Cluster-code"
            rows={5}
            spellCheck={false}
            value={form.code}
            onChange={e => tasks.setRun({ code: e.target.value })}
          />
        </div>
      )}
      <div className="jp-escape-XMatch-row">
        {text('table', trans.__('Result table (workspace database)'))}
        {text('partitions', trans.__('Partitions'), trans.__('(automatic)'))}
      </div>
      <ClusterTaskActions
        job={tasks.runJob}
        blocked={model.busy !== null}
        trans={trans}
        labels={{
          start: trans.__('Run on the cluster'),
          running: trans.__('Running…'),
          title: trans.__('Function run')
        }}
        classes={{
          start: 'jp-escape-Cluster-run',
          progress: 'jp-escape-Cluster-runProgress'
        }}
        request={() => runRequest(form)}
        start={() => void tasks.runFunction()}
        snippet={body =>
          runSnippet(body, model.form, model.status?.cluster ?? null)
        }
        insertCode={props.insertCode}
      />
    </details>
  );
}

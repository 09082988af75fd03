/**
 * "Write as HATS": a basket table, TAP result or data-lake catalogue written as a HATS catalogue (hats-import)
 * into <workspace>/hats/<name> on the cluster, stage by stage, cancellable; complete or not at all.
 */
import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
import { useSignals } from '../components/useSignals';
import { ClusterModel } from './cluster';
import { hatsSnippet } from './clusterSnippets';
import { ClusterTableInput, ITableOption } from './ClusterTableInput';
import { ClusterTaskActions } from './ClusterTaskActions';
import { hatsRequest } from './clusterTasks';

export function ClusterWriteHats(props: {
  model: ClusterModel;
  tables: ITableOption[];
  trans: TranslationBundle;
  insertCode: (code: string) => void;
}): JSX.Element {
  const { model, trans } = props;
  const tasks = model.tasks;
  useSignals([tasks.changed, tasks.hatsJob.changed]);
  const form = tasks.hatsForm;
  return (
    <details className="jp-escape-Cluster-task">
      <summary>{trans.__('Write a table as HATS')}</summary>
      <div className="jp-escape-XMatch-row">
        <ClusterTableInput
          id="jp-escape-hats-input"
          label={trans.__('Table to write')}
          value={form.input}
          path={form.inputPath}
          options={props.tables}
          trans={trans}
          onChange={(input, inputPath) => tasks.setHats({ input, inputPath })}
        />
        <div className="jp-escape-XMatch-field">
          <label htmlFor="jp-escape-hats-name">
            {trans.__('Catalogue name (workspace hats/)')}
          </label>
          <input
            id="jp-escape-hats-name"
            type="text"
            className="jp-mod-styled"
            value={form.name}
            onChange={e => tasks.setHats({ name: e.target.value })}
          />
        </div>
      </div>
      <ClusterTaskActions
        job={tasks.hatsJob}
        blocked={model.busy !== null}
        trans={trans}
        labels={{
          start: trans.__('Write HATS'),
          running: trans.__('Writing…'),
          title: trans.__('HATS write')
        }}
        classes={{
          start: 'jp-escape-Cluster-hats',
          progress: 'jp-escape-Cluster-hatsProgress'
        }}
        request={() => hatsRequest(form)}
        start={() => void tasks.writeHats()}
        snippet={body =>
          hatsSnippet(body, model.form, model.status?.cluster ?? null)
        }
        insertCode={props.insertCode}
      />
    </details>
  );
}

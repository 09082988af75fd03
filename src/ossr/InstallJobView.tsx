/** An install job as the shared job row: its command, state, Cancel while it runs, and pip's output as it comes. */
import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
import { JobRow } from '../components';
import { InstallModel } from './installModel';

export function InstallJobView(props: {
  model: InstallModel;
  trans: TranslationBundle;
}): JSX.Element | null {
  const { model, trans } = props;
  const job = model.job;
  if (!job) {
    return null;
  }
  return (
    <JobRow
      trans={trans}
      className="jp-escape-OSSR-job"
      stateClassName="jp-escape-OSSR-jobState"
      job={{
        id: job.job_id,
        // pip's own word ("succeeded") is the tooltip; the pill says it in the jobs' one vocabulary
        state: job.state,
        stateSource: 'pip',
        active: model.jobRunning,
        progressText:
          job.state === 'failed'
            ? trans.__('exit code %1', job.returncode ?? '?')
            : undefined
      }}
      title={
        <code className="jp-escape-OSSR-commandLine">{job.command_line}</code>
      }
      onCancel={() => model.cancel()}
    >
      <pre
        className="jp-escape-OSSR-code jp-escape-OSSR-output"
        tabIndex={0}
        aria-label={trans.__('pip output')}
      >
        {model.output.join('\n')}
      </pre>
    </JobRow>
  );
}

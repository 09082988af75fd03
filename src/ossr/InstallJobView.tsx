/** An install job as the shared job row: its command, state, Cancel while it runs, and pip's output as it comes. */
import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
import { JobRow, stateLevel } from '../components';
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
  const label =
    {
      starting: trans.__('starting'),
      running: trans.__('running'),
      succeeded: trans.__('installed'),
      failed: trans.__('failed (exit code %1)', job.returncode ?? '?'),
      cancelled: trans.__('cancelled')
    }[job.state] ?? job.state;
  return (
    <JobRow
      trans={trans}
      className="jp-escape-OSSR-job"
      stateClassName="jp-escape-OSSR-jobState"
      job={{
        id: job.job_id,
        // the pill says what it means for an install ("installed"), coloured by the job's own state
        state: label,
        level: stateLevel(job.state),
        active: model.jobRunning
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

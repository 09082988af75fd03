/** An install job: its command, state, Cancel while it runs, and pip's output as it comes. */
import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
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
    <div className="jp-escape-OSSR-job">
      <div className="jp-escape-OSSR-row">
        <code className="jp-escape-OSSR-commandLine">{job.command_line}</code>
      </div>
      <div className="jp-escape-OSSR-row" role="status" aria-live="polite">
        <span
          className={`jp-escape-OSSR-jobState jp-escape-OSSR-jobState-${job.state}`}
        >
          {{
            starting: trans.__('starting'),
            running: trans.__('running'),
            succeeded: trans.__('installed'),
            failed: trans.__('failed (exit code %1)', job.returncode ?? '?'),
            cancelled: trans.__('cancelled')
          }[job.state] ?? job.state}
        </span>
        {model.jobRunning && (
          <button
            type="button"
            className="jp-mod-styled jp-mod-warn"
            onClick={() => void model.cancel()}
          >
            {trans.__('Cancel')}
          </button>
        )}
      </div>
      <pre
        className="jp-escape-OSSR-code jp-escape-OSSR-output"
        tabIndex={0}
        aria-label={trans.__('pip output')}
      >
        {model.output.join('\n')}
      </pre>
    </div>
  );
}

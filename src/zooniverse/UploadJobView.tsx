/**
 * A subject-set upload as the shared job row: state, progress (subjects uploaded of all), Cancel while it runs,
 * Resume (and its code) after a cancelled or cut upload, what remains, orphaned subjects, and "Re-attach in a
 * notebook".
 */
import * as React from 'react';
import { reattachSnippet } from '../activity/snippets';
import { jobWord, wordLabel } from '../components/jobState';
import { JobRow } from '../components';
import { IZooniverseContext, showCode } from './context';
import { ZooniverseModel } from './model';

const RESUMABLE = ['cancelled', 'interrupted', 'failed'];

export function UploadJobView(props: {
  model: ZooniverseModel;
  ctx: IZooniverseContext;
}): JSX.Element | null {
  const { model, ctx } = props;
  const trans = ctx.trans;
  const job = model.job;
  if (!job) {
    return null;
  }
  const resumable = RESUMABLE.includes(job.state);
  return (
    <JobRow
      trans={trans}
      className="jp-escape-Zoo-job"
      job={{
        id: job.job_id,
        state: job.state,
        active: model.jobRunning,
        progress: job.total ? job.done / job.total : null,
        progressText: trans.__('%1 of %2', job.done, job.total),
        reattach: reattachSnippet('zooniverse-upload', job.job_id)
      }}
      // the title says the state in the pill's words (one vocabulary for every job row)
      title={trans.__(
        'Upload job %1: %2',
        job.job_id,
        wordLabel(jobWord(job.state), trans)
      )}
      onCancel={() => model.cancel()}
      insertCode={code => ctx.insertCode(code)}
      actions={
        resumable && (
          <>
            <button
              type="button"
              className="jp-mod-styled jp-mod-accept jp-escape-JobRow-button"
              onClick={() => void model.resume()}
            >
              {trans.__('Resume')}
            </button>
            <button
              type="button"
              className="jp-mod-styled jp-escape-JobRow-button"
              onClick={() =>
                void showCode(ctx, 'resume', { job_id: job.job_id })
              }
            >
              {trans.__('Show me the code')}
            </button>
          </>
        )
      }
    >
      {job.message && (
        <div className="jp-escape-Zoo-message">{job.message}</div>
      )}
      {job.remaining.length > 0 && !model.jobRunning && (
        <details open>
          <summary>
            {trans.__('%1 item(s) remain', job.remaining.length)}
          </summary>
          <ul>
            {job.remaining.map(r => (
              <li key={r.index}>
                {r.label} — {r.status}
                {r.error ? `: ${r.error}` : ''}
              </li>
            ))}
          </ul>
        </details>
      )}
      {job.orphans.length > 0 && (
        <div className="jp-escape-Zoo-muted">
          {trans.__(
            'Subjects created without their image (never linked): %1',
            job.orphans.join(', ')
          )}
        </div>
      )}
    </JobRow>
  );
}

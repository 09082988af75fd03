/** One TAP async job on the shared job row: phase, elapsed time, Cancel, Show result, Delete, its query. */
import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
import { tapJobView, tapSeconds } from '../activity/tap';
import { FreshnessLine } from '../common/freshness';
import { JobRow } from '../components/JobRow';
import { IJob } from './api';
import { TapJobsModel } from './model/jobs';

export interface ITapJobActions {
  onShowResult?: (job: IJob) => void;
  onOpenService?: (url: string) => void;
  /** Offers "Re-attach in a notebook". */
  insertCode?: (code: string) => Promise<unknown>;
}

export function TapJobRow(
  props: ITapJobActions & {
    trans: TranslationBundle;
    model: TapJobsModel;
    job: IJob;
    now: number;
    /** The list shows one service's jobs: the service is not named on each. */
    ofOneService: boolean;
  }
): JSX.Element {
  const { trans, model, job, onShowResult, onOpenService } = props;
  const secs = tapSeconds(job, props.now);
  const pending = model.pending(job);
  return (
    <JobRow
      as="li"
      trans={trans}
      className="jp-escape-Job"
      stateClassName="jp-escape-Phase"
      job={tapJobView(job)}
      title={
        <span className="jp-escape-Job-label">
          {job.label || job.job_id || job.id}
        </span>
      }
      meta={secs !== null ? trans.__('%1 s', secs.toFixed(0)) : undefined}
      onCancel={() => model.cancel(job, trans.__('cancelling'))}
      cancelLabel={trans.__('Cancel job')}
      insertCode={props.insertCode}
      actions={
        <>
          {job.phase === 'COMPLETED' && onShowResult && (
            <button
              type="button"
              className="jp-mod-styled jp-escape-JobRow-button"
              onClick={() => onShowResult(job)}
            >
              {trans.__('Show result')}
            </button>
          )}
          <button
            type="button"
            className="jp-mod-styled jp-escape-JobRow-button"
            disabled={!!pending}
            onClick={() => model.remove(job, trans.__('deleting'))}
          >
            {trans.__('Delete')}
          </button>
          {pending && <span role="status">{pending}…</span>}
        </>
      }
    >
      {!props.ofOneService && (
        <div className="jp-escape-Job-service">
          {onOpenService ? (
            <button
              type="button"
              className="jp-escape-VO-linkButton"
              onClick={() => onOpenService(job.service_url)}
            >
              {job.service_url}
            </button>
          ) : (
            job.service_url
          )}
        </div>
      )}
      <pre className="jp-escape-Job-query">{job.query}</pre>
      <FreshnessLine freshness={job.freshness} trans={trans} />
    </JobRow>
  );
}

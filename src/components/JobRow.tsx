/**
 * The one job row of every pillar: state, title, Cancel and the pillar's own actions, progress bar and text,
 * the job's error as the remote said it, and "Re-attach in a notebook" (the Python that waits on this job by
 * id). Staging, uploads, TAP jobs, OSSR and Zooniverse uploads and cross-matches all render through it; what
 * only one kind has (a file table, checksums, a log) goes in as children.
 */
import { Notification } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
import { failureLine } from './errors';
import { IJobView, jobWord } from './jobState';
import { ProgressBar } from './ProgressBar';
import { JobStatePill } from './StatePill';

export interface IJobRowProps {
  trans: TranslationBundle;
  job: IJobView;
  /** What the job is ("Download of scope:name"): text or markup. */
  title: React.ReactNode;
  /** Accessible name of the row (default: none; give one when the row is a landmark). */
  label?: string;
  /** Element of the row (default div). */
  as?: 'div' | 'li' | 'section';
  /** The pillar's own classes, after jp-escape-JobRow. */
  className?: string;
  /** The pillar's own classes on the state pill. */
  stateClassName?: string;
  /** Cancels the job; offered while it is active. A failure becomes a notification naming the job. */
  onCancel?: () => Promise<unknown>;
  /** Text and tooltip of the cancel button (default "Cancel"). */
  cancelLabel?: string;
  cancelTitle?: string;
  /** More buttons after Cancel (Resume, Remove, Show result...). */
  actions?: React.ReactNode;
  /** Puts job.reattach into a notebook cell (the pillar context's insertCode). */
  insertCode?: (code: string) => Promise<unknown>;
  /** Under the progress text: a subtitle line (service, instance, started/ended times). */
  meta?: React.ReactNode;
  children?: React.ReactNode;
}

export function JobRow(props: IJobRowProps): JSX.Element {
  const { trans, job } = props;
  const [cancelling, setCancelling] = React.useState(false);
  const Tag = props.as ?? 'div';
  const cancelLabel = props.cancelLabel ?? trans.__('Cancel');
  const cancel = async () => {
    if (!props.onCancel) {
      return;
    }
    setCancelling(true);
    try {
      await props.onCancel();
    } catch (error) {
      Notification.error(failureLine(trans, cancelLabel, error), {
        autoClose: 8000
      });
    } finally {
      setCancelling(false);
    }
  };
  const reattach = job.reattach;
  const insert = props.insertCode;
  const word = job.word ?? jobWord(job.state, job.level);
  return (
    <Tag
      className={`jp-escape-JobRow${props.className ? ` ${props.className}` : ''}`}
      data-job-id={job.id}
      data-state={job.state}
      data-word={word}
      aria-label={props.label}
    >
      <div className="jp-escape-JobRow-head">
        <JobStatePill
          job={job}
          word={word}
          trans={trans}
          className={props.stateClassName}
        />
        <span className="jp-escape-JobRow-title">{props.title}</span>
        <span className="jp-escape-JobRow-actions">
          {job.active && props.onCancel && (
            <button
              type="button"
              className="jp-mod-styled jp-mod-warn jp-escape-JobRow-button"
              disabled={cancelling}
              title={props.cancelTitle}
              onClick={() => void cancel()}
            >
              {cancelLabel}
            </button>
          )}
          {props.actions}
          {reattach && insert && (
            <button
              type="button"
              className="jp-mod-styled jp-escape-JobRow-button"
              title={trans.__(
                'Put the Python that waits on this job (by its id) into a notebook cell'
              )}
              onClick={() =>
                void insert(reattach).catch(error =>
                  Notification.error(
                    failureLine(trans, trans.__('Re-attach'), error),
                    { autoClose: 8000 }
                  )
                )
              }
            >
              {trans.__('Re-attach in a notebook')}
            </button>
          )}
        </span>
      </div>
      {job.progress !== undefined && (
        <ProgressBar
          value={
            job.progress === null && !job.active ? 0 : (job.progress ?? null)
          }
          label={trans.__('Progress of job %1', job.id)}
          state={word}
        />
      )}
      {job.progressText && (
        <div className="jp-escape-JobRow-text" aria-live="polite">
          {job.progressText}
        </div>
      )}
      {props.meta && <div className="jp-escape-JobRow-text">{props.meta}</div>}
      {job.error && (
        <div className="jp-escape-Banner jp-escape-Banner-error" role="alert">
          <strong>
            {job.errorService
              ? trans.__('%1 says:', job.errorService)
              : trans.__('Error:')}
          </strong>
          <pre className="jp-escape-ErrorBox-text">{job.error}</pre>
        </div>
      )}
      {props.children}
    </Tag>
  );
}

// The list of rows lives in JobList.tsx; re-exported for code that imports it from here.
export { JobList } from './JobList';
export type { IJobListProps } from './JobList';

/** A list of job rows (usually JobRow as="li") with its loading and empty states. */
import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

export interface IJobListProps<J extends { id: string }> {
  trans: TranslationBundle;
  /** Accessible name of the list. */
  label: string;
  /** The pillar's own jobs; null while loading. */
  jobs: J[] | null;
  /** Said when the list is empty. */
  empty: string;
  /** One row per job (usually a JobRow with as="li"). */
  renderRow: (job: J) => React.ReactNode;
  className?: string;
}

export function JobList<J extends { id: string }>(
  props: IJobListProps<J>
): JSX.Element {
  const { trans, jobs } = props;
  if (jobs === null) {
    return (
      <p className="jp-escape-JobList-note">{trans.__('Loading jobs…')}</p>
    );
  }
  if (jobs.length === 0) {
    return <p className="jp-escape-JobList-note">{props.empty}</p>;
  }
  return (
    <ul
      className={`jp-escape-JobList${props.className ? ` ${props.className}` : ''}`}
      aria-label={props.label}
    >
      {jobs.map(job => (
        <React.Fragment key={job.id}>{props.renderRow(job)}</React.Fragment>
      ))}
    </ul>
  );
}

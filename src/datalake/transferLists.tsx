/** The Transfers view's two lists, staging jobs and uploads, as shared job rows (select one to see it whole). */
import * as React from 'react';
import { formatBytes, formatTime } from '../components/format';
import { JobList } from '../components/JobList';
import { JobRow } from '../components/JobRow';
import { IStageJob, IUploadJob } from './api';
import { IDatalakeContext } from './context';
import { stageJobView, uploadJobView } from './jobViews';
import { cancelStage, StageActions } from './StageCard';
import { datalakeAPI } from './api';

interface IListProps<J> {
  ctx: IDatalakeContext;
  jobs: J[] | null;
  selected: string | null;
  onSelect: (id: string) => void;
  onChanged: () => void;
}

function DIDButton(props: {
  did: string;
  title?: string;
  onClick: () => void;
}): JSX.Element {
  return (
    <button
      type="button"
      className="jp-escape-DL-linkButton"
      onClick={props.onClick}
      title={props.title}
    >
      {props.did}
    </button>
  );
}

export function StageList(props: IListProps<IStageJob>): JSX.Element {
  const { ctx } = props;
  const trans = ctx.trans;
  return (
    <JobList
      trans={trans}
      label={trans.__('Staging jobs')}
      className="jp-escape-DL-jobs"
      jobs={props.jobs}
      empty={trans.__(
        'No staging job yet: open a DID in the Data lake section and press Stage.'
      )}
      renderRow={job => (
        <JobRow
          as="li"
          trans={trans}
          className={`jp-escape-DL-jobRow${props.selected === job.id ? ' jp-mod-selected' : ''}`}
          job={{
            ...stageJobView(job, trans, ctx.model.label(job.instance)),
            error: null // shown whole in the selected job's card
          }}
          title={
            <DIDButton
              did={job.did}
              title={trans.__('Files and log of this job')}
              onClick={() => props.onSelect(job.id)}
            />
          }
          meta={[
            ctx.model.label(job.instance),
            job.mode,
            formatTime(job.started_at ?? job.created_at)
          ].join(' · ')}
          onCancel={() => cancelStage(ctx, job, () => props.onChanged())}
          actions={
            <StageActions
              ctx={ctx}
              job={job}
              onChanged={() => props.onChanged()}
            />
          }
          insertCode={code => ctx.insertCode(code)}
        />
      )}
    />
  );
}

export function UploadList(props: IListProps<IUploadJob>): JSX.Element {
  const { ctx } = props;
  const trans = ctx.trans;
  const checksum = (job: IUploadJob) =>
    job.verified === true
      ? trans.__('checksum confirmed')
      : job.verified === false
        ? trans.__('checksum MISMATCH')
        : '';
  return (
    <JobList
      trans={trans}
      label={trans.__('Uploads')}
      className="jp-escape-DL-jobs"
      jobs={props.jobs}
      empty={trans.__(
        'No upload yet: right-click a file in the file browser, "Upload to data lake…".'
      )}
      renderRow={job => (
        <JobRow
          as="li"
          trans={trans}
          className={`jp-escape-DL-jobRow${props.selected === job.id ? ' jp-mod-selected' : ''}`}
          job={{
            ...uploadJobView(job, trans, ctx.model.label(job.instance)),
            error: null,
            progressText: `${formatBytes(job.bytes_done)} / ${formatBytes(job.bytes_total)}`
          }}
          title={
            <DIDButton did={job.did} onClick={() => props.onSelect(job.id)} />
          }
          meta={[
            job.rse,
            checksum(job),
            formatTime(job.started_at ?? job.created_at)
          ]
            .filter(Boolean)
            .join(' · ')}
          onCancel={async () => {
            await datalakeAPI.cancelUpload(job.id);
            ctx.model.touchJobs(job.id);
          }}
          insertCode={code => ctx.insertCode(code)}
        />
      )}
    />
  );
}

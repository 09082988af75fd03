/**
 * The Transfers view's two lists, staging jobs and uploads, as shared job rows (select one to see it whole):
 * one list over the job kind (transferKinds.ts); each kind says only its texts, its meta line and its actions.
 */
import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
import { formatBytes, formatTime } from '../components/format';
import { IJobView } from '../components/jobState';
import { JobList } from '../components/JobList';
import { JobRow } from '../components/JobRow';
import { IStageJob, IUploadJob } from './api';
import { IDatalakeContext } from './context';
import { removeStage } from './StageCard';
import {
  cancelTransfer,
  ITransferAction,
  TransferActions
} from './TransferCard';
import {
  ITransferKind,
  STAGE_KIND,
  TransferJob,
  UPLOAD_KIND
} from './transferKinds';

interface IListProps<J> {
  ctx: IDatalakeContext;
  jobs: J[] | null;
  selected: string | null;
  onSelect: (id: string) => void;
  onChanged: () => void;
}

/** What one kind's list says and offers. */
interface IListKind<J extends TransferJob> {
  kind: ITransferKind<J>;
  label: (trans: TranslationBundle) => string;
  empty: (trans: TranslationBundle) => string;
  /** Tooltip of the DID that selects the job. */
  didTitle?: (trans: TranslationBundle) => string;
  /** Changes to the row's view (a shorter progress text). */
  view?: (job: J) => Partial<IJobView>;
  meta: (ctx: IDatalakeContext, job: J) => string[];
  /** With it, Resume and these actions in the row; without, only Cancel. */
  more?: (ctx: IDatalakeContext, job: J) => ITransferAction<J>[];
}

function TransferList<J extends TransferJob>(
  props: IListProps<J> & { list: IListKind<J> }
): JSX.Element {
  const { ctx, list } = props;
  const trans = ctx.trans;
  const changed = () => props.onChanged();
  return (
    <JobList
      trans={trans}
      label={list.label(trans)}
      className="jp-escape-DL-jobs"
      jobs={props.jobs}
      empty={list.empty(trans)}
      renderRow={job => (
        <JobRow
          as="li"
          trans={trans}
          className={`jp-escape-DL-jobRow${props.selected === job.id ? ' jp-mod-selected' : ''}`}
          job={{
            ...list.kind.view(job, trans, ctx.model.label(job.instance)),
            error: null, // shown whole in the selected job's card
            ...list.view?.(job)
          }}
          title={
            <button
              type="button"
              className="jp-escape-DL-linkButton"
              onClick={() => props.onSelect(job.id)}
              title={list.didTitle?.(trans)}
            >
              {job.did}
            </button>
          }
          meta={list.meta(ctx, job).filter(Boolean).join(' · ')}
          onCancel={() => cancelTransfer(ctx, list.kind, job, changed)}
          actions={
            list.more && (
              <TransferActions
                ctx={ctx}
                kind={list.kind}
                job={job}
                onChanged={changed}
                more={list.more(ctx, job)}
              />
            )
          }
          insertCode={code => ctx.insertCode(code)}
        />
      )}
    />
  );
}

const STAGE_LIST: IListKind<IStageJob> = {
  kind: STAGE_KIND,
  label: trans => trans.__('Staging jobs'),
  empty: trans =>
    trans.__(
      'No staging job yet: open a DID in the Data lake section and press Stage.'
    ),
  didTitle: trans => trans.__('Files and log of this job'),
  meta: (ctx, job) => [
    ctx.model.label(job.instance),
    job.mode,
    formatTime(job.started_at ?? job.created_at)
  ],
  more: (ctx, job) => [removeStage(ctx, job)]
};

const UPLOAD_LIST: IListKind<IUploadJob> = {
  kind: UPLOAD_KIND,
  label: trans => trans.__('Uploads'),
  empty: trans =>
    trans.__(
      'No upload yet: right-click a file in the file browser, "Upload to data lake…".'
    ),
  view: job => ({
    progressText: `${formatBytes(job.bytes_done)} / ${formatBytes(job.bytes_total)}`
  }),
  meta: (ctx, job) => [
    job.rse,
    job.verified === true
      ? ctx.trans.__('checksum confirmed')
      : job.verified === false
        ? ctx.trans.__('checksum MISMATCH')
        : '',
    formatTime(job.started_at ?? job.created_at)
  ]
};

export function StageList(props: IListProps<IStageJob>): JSX.Element {
  return <TransferList {...props} list={STAGE_LIST} />;
}

export function UploadList(props: IListProps<IUploadJob>): JSX.Element {
  return <TransferList {...props} list={UPLOAD_LIST} />;
}

/**
 * Transfers (main area): staging jobs and uploads, including jobs interrupted by a server restart (with
 * Resume), each with its progress, files and log. The lists live in a TransfersModel, polled only while this
 * view is on screen and some job is active, with backoff; finished jobs are never polled again.
 */
import * as React from 'react';
import { useSignals } from '../components/useSignals';
import { ErrorBox } from './components';
import { IDatalakeContext } from './context';
import { STAGE_JOBS, useFollowedJob } from './follow';
import { DatalakeMainView, useOnScreen } from './mainView';
import { JobCard } from './StageCard';
import { StageList, UploadList } from './transferLists';
import { TransfersHeader } from './TransfersHeader';
import { TransfersModel } from './transfersModel';
import { UploadCard } from './UploadCard';

export class TransfersView extends DatalakeMainView {
  constructor(
    private _ctx: IDatalakeContext,
    jobId?: string
  ) {
    super('transfers');
    this.addClass('jp-escape-DLTransfersView');
    this.title.label = _ctx.trans.__('Data lake transfers');
    this._model = new TransfersModel(_ctx.model, jobId ?? null);
  }

  /** Show one job (staging or upload) by id. */
  select(jobId: string): void {
    this._model.select(jobId);
  }

  dispose(): void {
    this._model.dispose();
    super.dispose();
  }

  render(): JSX.Element {
    return <Transfers ctx={this._ctx} view={this} model={this._model} />;
  }

  private _model: TransfersModel;
}

function Transfers(props: {
  ctx: IDatalakeContext;
  view: TransfersView;
  model: TransfersModel;
}): JSX.Element {
  const { ctx, model } = props;
  const trans = ctx.trans;
  useSignals([model.changed]);
  const onScreen = useOnScreen(props.view);
  React.useEffect(() => model.setOnScreen(onScreen), [onScreen]);
  const [job, jobError, setJob] = useFollowedJob(
    ctx,
    STAGE_JOBS,
    model.selectedStage,
    onScreen
  );
  const stageJobs = model.stage.jobs;
  const uploadJobs = model.uploads.jobs;
  const interrupted = model.interrupted;
  const uploadId = model.selectedUpload;
  return (
    <div className="jp-escape-DL-viewBody">
      <TransfersHeader ctx={ctx} model={model} />
      <div role="tabpanel" className="jp-escape-DL-split">
        <div className="jp-escape-DL-splitList">
          {model.tab === 'stage' && interrupted > 0 && (
            <div
              className="jp-escape-Banner jp-escape-Banner-warn"
              role="status"
            >
              {trans._n(
                '%1 job was interrupted by a server restart: Resume continues it.',
                '%1 jobs were interrupted by a server restart: Resume continues them.',
                interrupted
              )}
            </div>
          )}
          {model.tab === 'stage' ? (
            <>
              {model.stage.error !== null && (
                <ErrorBox error={model.stage.error} trans={trans} />
              )}
              <StageList
                ctx={ctx}
                jobs={stageJobs}
                selected={model.selected}
                onSelect={id => model.select(id)}
                onChanged={() => model.stage.reload()}
              />
            </>
          ) : (
            <>
              {model.uploads.error !== null && (
                <ErrorBox error={model.uploads.error} trans={trans} />
              )}
              <UploadList
                ctx={ctx}
                jobs={uploadJobs}
                selected={model.selected}
                onSelect={id => model.select(id)}
                onChanged={() => model.uploads.reload()}
              />
            </>
          )}
        </div>
        {model.tab === 'stage' && job && (
          <div className="jp-escape-DL-splitDetail">
            <JobCard
              ctx={ctx}
              job={job}
              error={jobError}
              onChanged={j => (j ? setJob(j) : model.select(null))}
            />
          </div>
        )}
        {model.tab === 'upload' && uploadId && (
          <div className="jp-escape-DL-splitDetail">
            <UploadCard ctx={ctx} jobId={uploadId} onScreen={onScreen} />
          </div>
        )}
      </div>
    </div>
  );
}

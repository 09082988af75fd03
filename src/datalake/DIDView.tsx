/**
 * Details of one DID (main area): size and checksums, metadata, replicas per RSE, rules with lock states,
 * staging (download or replica mode, followed here while on screen) and the "use" actions once staged.
 * The state lives in a DIDModel.
 */
import { LabIcon } from '@jupyterlab/ui-components';
import * as React from 'react';
import { Busy } from '../components/Busy';
import { useSignals } from '../components/useSignals';
import { ErrorBox } from './components';
import { IDatalakeContext } from './context';
import { Metadata, SizeAndChecksums } from './DIDFacts';
import { DIDModel } from './didModel';
import { STAGE_JOBS, useFollowedJob } from './follow';
import { DatalakeMainView, useOnScreen } from './mainView';
import { Replicas, Rules } from './ReplicaTables';
import { JobCard } from './StageCard';
import { report, UseActions } from './staged';
import { LocalPaths, StagePanel } from './StagePanel';
import { VOCoverage } from './VOCoverage';

export class DIDView extends DatalakeMainView {
  constructor(
    private _ctx: IDatalakeContext,
    readonly instance: string,
    readonly did: string,
    icon?: LabIcon
  ) {
    super('did');
    this.addClass('jp-escape-DLDIDView');
    this.title.label = did.split(':').pop() || did;
    this.title.caption = `${_ctx.model.label(instance)}: ${did}`;
    if (icon) {
      this.title.icon = icon;
    }
    this._model = new DIDModel(instance, did);
  }

  dispose(): void {
    this._model.dispose();
    super.dispose();
  }

  render(): JSX.Element {
    return <Details ctx={this._ctx} model={this._model} view={this} />;
  }

  private _model: DIDModel;
}

function Details(props: {
  ctx: IDatalakeContext;
  model: DIDModel;
  view: DatalakeMainView;
}): JSX.Element {
  const { ctx, model } = props;
  const { instance, did } = model;
  const trans = ctx.trans;
  useSignals([model.changed]);
  const onScreen = useOnScreen(props.view);
  const [job, jobError, setJob] = useFollowedJob(
    ctx,
    STAGE_JOBS,
    model.jobId,
    onScreen
  );
  // When the followed job finishes, the staged state changed: ask again.
  const finished = job !== null && job.state === 'done';
  React.useEffect(() => {
    if (finished) {
      model.jobDone();
    }
  }, [finished]);
  const d = model.details;
  const code = model.code;
  const error = model.request.error;
  return (
    <div className="jp-escape-DL-viewBody">
      <header className="jp-escape-DL-viewHeader">
        <h2>
          <code>{did}</code>
        </h2>
        <div className="jp-escape-DL-muted">
          {ctx.model.label(instance)}
          {d ? ` · ${d.type.toLowerCase()}` : ''}
        </div>
        <div className="jp-escape-DL-actions">
          {d && d.type !== 'FILE' && (
            <button
              type="button"
              className="jp-mod-styled jp-escape-DL-small"
              onClick={() => ctx.browse(instance, did, d.type)}
            >
              {trans.__('Browse contents')}
            </button>
          )}
          <button
            type="button"
            className="jp-mod-styled jp-escape-DL-small"
            onClick={() => model.refresh()}
          >
            {trans.__('Refresh')}
          </button>
          <button
            type="button"
            className="jp-mod-styled jp-escape-DL-small"
            onClick={() =>
              void report(ctx, trans.__('Copy'), () =>
                navigator.clipboard.writeText(did)
              )
            }
          >
            {trans.__('Copy DID')}
          </button>
        </div>
      </header>
      {error !== null && (
        <ErrorBox error={error} trans={trans} onRetry={() => model.refresh()} />
      )}
      {!d && error === null && (
        <Busy label={trans.__('Asking Rucio…')} inline showAfter={2} />
      )}
      {d && (
        <>
          <section className="jp-escape-DL-block">
            <h3>{trans.__('Stage and use')}</h3>
            <StagePanel
              ctx={ctx}
              instance={instance}
              d={d}
              code={code}
              onJob={j => {
                model.setJob(j.id);
                setJob(j);
              }}
            />
            {job ? (
              <JobCard
                ctx={ctx}
                job={job}
                error={jobError}
                onChanged={j => (j ? setJob(j) : model.setJob(null))}
              />
            ) : (
              <>
                <UseActions
                  ctx={ctx}
                  instance={instance}
                  did={did}
                  type={d.type}
                  folder={null}
                />
                {code?.staged && <LocalPaths ctx={ctx} paths={code.paths} />}
              </>
            )}
          </section>
          <SizeAndChecksums ctx={ctx} d={d} />
          <Metadata ctx={ctx} d={d} />
          <VOCoverage ctx={ctx} instance={instance} did={did} />
          <section className="jp-escape-DL-block">
            <h3>{trans.__('Replicas per RSE')}</h3>
            <Replicas ctx={ctx} d={d} />
          </section>
          <section className="jp-escape-DL-block">
            <h3>{trans.__('Rules')}</h3>
            <Rules ctx={ctx} d={d} />
          </section>
        </>
      )}
    </div>
  );
}

/**
 * "Stage and use" in a DID's details: the staging choices, then the staging job followed here while on screen
 * (its card), or the "use" actions and local paths when nothing is being staged.
 */
import * as React from 'react';
import { IDetails } from './api';
import { IDatalakeContext } from './context';
import { DIDModel } from './didModel';
import { STAGE_JOBS, useFollowedJob } from './follow';
import { JobCard } from './StageCard';
import { UseActions } from './staged';
import { LocalPaths, StagePanel } from './StagePanel';

export function DIDStage(props: {
  ctx: IDatalakeContext;
  model: DIDModel;
  d: IDetails;
  onScreen: boolean;
}): JSX.Element {
  const { ctx, model, d, onScreen } = props;
  const { instance, did } = model;
  const trans = ctx.trans;
  const code = model.code;
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
  return (
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
  );
}

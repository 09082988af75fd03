/**
 * One data-lake job, staging or upload, as a card on the shared job row, and what a stopped job offers beside
 * the row's own Cancel: Resume and the kind's other actions (Remove for staging, Clean up for uploads).
 * Written once for both kinds, for the cards and the Transfers lists; what only one kind shows goes in as
 * children.
 */
import * as React from 'react';
import { JobRow } from '../components/JobRow';
import { isActive } from './api';
import { IDatalakeContext } from './context';
import { report } from './staged';
import { canResume, ITransferKind, TransferJob } from './transferKinds';

/** One more button: `run` answers the job as it is after (null: it is gone). */
export interface ITransferAction<J> {
  label: string;
  title: string;
  run: () => Promise<J | null>;
}

/** Cancel through the kind's route, show the answer, and let the other views of the job poll. */
export async function cancelTransfer<J extends TransferJob>(
  ctx: IDatalakeContext,
  kind: ITransferKind<J>,
  job: J,
  onChanged: (job: J) => void
): Promise<void> {
  onChanged(await kind.cancel(job.id));
  ctx.model.touchJobs(job.id);
}

export function TransferActions<J extends TransferJob>(props: {
  ctx: IDatalakeContext;
  kind: ITransferKind<J>;
  job: J;
  onChanged: (job: J | null) => void;
  more?: ITransferAction<J>[];
}): JSX.Element | null {
  const { ctx, kind, job } = props;
  const trans = ctx.trans;
  const [busy, setBusy] = React.useState(false);
  if (isActive(job)) {
    return null;
  }
  const act = (what: string, fn: () => Promise<J | null>) => {
    setBusy(true);
    void report(ctx, what, async () => {
      props.onChanged(await fn());
      ctx.model.touchJobs(job.id);
    }).finally(() => setBusy(false));
  };
  return (
    <>
      {canResume(job) && (
        <button
          type="button"
          className="jp-mod-styled jp-mod-accept jp-escape-JobRow-button"
          disabled={busy}
          onClick={() => act(trans.__('Resume'), () => kind.resume(job.id))}
          title={kind.resumeTitle(trans)}
        >
          {trans.__('Resume')}
        </button>
      )}
      {(props.more ?? []).map(action => (
        <button
          key={action.label}
          type="button"
          className="jp-mod-styled jp-escape-JobRow-button"
          disabled={busy}
          onClick={() => act(action.label, action.run)}
          title={action.title}
        >
          {action.label}
        </button>
      ))}
    </>
  );
}

/** The card of one job: its row with Cancel, Resume and the kind's actions, then the kind's own detail. */
export function TransferCard<J extends TransferJob>(props: {
  ctx: IDatalakeContext;
  kind: ITransferKind<J>;
  job: J;
  /** Accessible name of the card ("Upload of scope:name"). */
  label: string;
  title: React.ReactNode;
  meta?: string;
  onChanged: (job: J | null) => void;
  more?: ITransferAction<J>[];
  children?: React.ReactNode;
}): JSX.Element {
  const { ctx, kind, job } = props;
  const trans = ctx.trans;
  return (
    <JobRow
      as="section"
      className="jp-escape-DL-jobCard"
      trans={trans}
      job={kind.view(job, trans, ctx.model.label(job.instance))}
      label={props.label}
      title={props.title}
      onCancel={() => cancelTransfer(ctx, kind, job, props.onChanged)}
      cancelTitle={kind.cancelTitle?.(trans)}
      actions={
        <TransferActions
          ctx={ctx}
          kind={kind}
          job={job}
          onChanged={props.onChanged}
          more={props.more}
        />
      }
      insertCode={code => ctx.insertCode(code)}
      meta={props.meta || undefined}
    >
      {props.children}
    </JobRow>
  );
}

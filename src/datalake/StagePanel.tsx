/** Stage a DID for notebooks: download or replica mode, and Stage (again). */
import * as React from 'react';
import { ICodeReply, IDetails, IStageJob } from './api';
import { IDatalakeContext } from './context';
import { report } from './staged';

export function StagePanel(props: {
  ctx: IDatalakeContext;
  instance: string;
  d: IDetails;
  code: ICodeReply | null;
  onJob: (job: IStageJob) => void;
}): JSX.Element {
  const { ctx, instance, d, code } = props;
  const trans = ctx.trans;
  const inst = ctx.model.instance(instance);
  const replicaRSE = inst?.destination_rse as string | undefined;
  const [mode, setMode] = React.useState<'download' | 'replica'>('download');
  const [busy, setBusy] = React.useState(false);
  const name = React.useId();
  const start = () => {
    setBusy(true);
    void report(ctx, trans.__('Stage %1', d.did), async () => {
      const job = await ctx.stage(instance, d.did, mode);
      props.onJob(job);
    }).finally(() => setBusy(false));
  };
  return (
    <div className="jp-escape-DL-stagePanel">
      {code?.staged && (
        <p className="jp-escape-DL-ok" role="status">
          {trans._n(
            'Staged (%2 mode): %1 file is here.',
            'Staged (%2 mode): %1 files are here.',
            code.paths.length,
            code.mode ?? ''
          )}
        </p>
      )}
      <fieldset className="jp-escape-DL-modes">
        <legend>{trans.__('Stage for notebooks')}</legend>
        <label>
          <input
            type="radio"
            name={name}
            checked={mode === 'download'}
            onChange={() => setMode('download')}
          />{' '}
          {trans.__(
            'Download into %1/ (parallel, verified, resumable)',
            ctx.model.workspaceDir
          )}
        </label>
        <label
          className={replicaRSE ? '' : 'jp-escape-DL-disabled'}
          title={
            replicaRSE
              ? ''
              : trans.__(
                  'This instance has no destination_rse / rse_mount_path configured'
                )
          }
        >
          <input
            type="radio"
            name={name}
            disabled={!replicaRSE}
            checked={mode === 'replica'}
            onChange={() => setMode('replica')}
          />{' '}
          {replicaRSE
            ? trans.__('Replica: a rule to %1 (mounted here)', replicaRSE)
            : trans.__('Replica mode (not configured for this instance)')}
        </label>
      </fieldset>
      <button
        type="button"
        className="jp-mod-styled jp-mod-accept"
        disabled={busy}
        onClick={start}
      >
        {code?.staged ? trans.__('Stage again (check)') : trans.__('Stage')}
      </button>
    </div>
  );
}

/** Where the staged files are (the first 20, and how many more). */
export function LocalPaths(props: {
  ctx: IDatalakeContext;
  paths: string[];
}): JSX.Element {
  const { paths } = props;
  const trans = props.ctx.trans;
  return (
    <ul className="jp-escape-DL-paths" aria-label={trans.__('Local paths')}>
      {paths.slice(0, 20).map(p => (
        <li key={p}>
          <code>{p}</code>
        </li>
      ))}
      {paths.length > 20 && (
        <li className="jp-escape-DL-muted">
          {trans.__('… and %1 more', paths.length - 20)}
        </li>
      )}
    </ul>
  );
}

/**
 * Details of one DID (main area): size and checksums, metadata, replicas per RSE, rules with lock states,
 * staging (download or replica mode, followed here while on screen) and the "use" actions once staged.
 */
import { LabIcon } from '@jupyterlab/ui-components';
import * as React from 'react';
import { datalakeAPI, ICodeReply, IDetails, IStageJob } from './api';
import { Busy, formatBytes, isAbort } from '../components';
import { StatePill } from '../components/StatePill';
import { ErrorBox } from './components';
import { IDatalakeContext } from './context';
import { STAGE_JOBS, useFollowedJob } from './follow';
import { JobCard } from './StageCard';
import { DatalakeMainView, useOnScreen } from './mainView';
import { report, UseActions } from './staged';
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
  }

  render(): JSX.Element {
    return (
      <Details
        ctx={this._ctx}
        instance={this.instance}
        did={this.did}
        view={this}
      />
    );
  }
}

function KeyValues(props: {
  values: Record<string, unknown>;
  label: string;
}): JSX.Element {
  const keys = Object.keys(props.values).sort();
  return (
    <table
      className="jp-escape-DL-table jp-escape-DL-kv"
      aria-label={props.label}
    >
      <tbody>
        {keys.map(k => (
          <tr key={k}>
            <th scope="row">{k}</th>
            <td>
              {typeof props.values[k] === 'object'
                ? JSON.stringify(props.values[k])
                : String(props.values[k])}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Replicas(props: { ctx: IDatalakeContext; d: IDetails }): JSX.Element {
  const { ctx, d } = props;
  const trans = ctx.trans;
  if (d.replicas.length === 0) {
    return (
      <p className="jp-escape-DL-muted">
        {d.type === 'CONTAINER'
          ? trans.__(
              'Containers have no replicas of their own: open a dataset.'
            )
          : trans.__('No replica.')}
      </p>
    );
  }
  const file = d.type === 'FILE';
  return (
    <table className="jp-escape-DL-table" aria-label={trans.__('Replicas')}>
      <thead>
        <tr>
          <th scope="col">{trans.__('RSE')}</th>
          <th scope="col">{trans.__('State')}</th>
          <th scope="col">{file ? trans.__('PFN') : trans.__('Files')}</th>
          {!file && <th scope="col">{trans.__('Bytes')}</th>}
        </tr>
      </thead>
      <tbody>
        {d.replicas.map(r => (
          <tr key={r.rse}>
            <td>{r.rse}</td>
            <td>
              <StatePill state={r.state} />
            </td>
            {file ? (
              <td className="jp-escape-DL-path">
                {(r.pfns ?? []).map(p => (
                  <div key={p}>
                    <code>{p}</code>
                  </div>
                ))}
              </td>
            ) : (
              <>
                <td className="jp-escape-DL-num">
                  {r.available_files ?? '–'} / {r.files ?? '–'}
                </td>
                <td className="jp-escape-DL-num">
                  {formatBytes(r.available_bytes)} / {formatBytes(r.bytes)}
                </td>
              </>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Rules(props: { ctx: IDatalakeContext; d: IDetails }): JSX.Element {
  const { ctx, d } = props;
  const trans = ctx.trans;
  if (d.rules.length === 0) {
    return (
      <p className="jp-escape-DL-muted">{trans.__('No rule on this DID.')}</p>
    );
  }
  return (
    <table className="jp-escape-DL-table" aria-label={trans.__('Rules')}>
      <thead>
        <tr>
          <th scope="col">{trans.__('RSE expression')}</th>
          <th scope="col">{trans.__('State')}</th>
          <th scope="col">{trans.__('Locks OK / replicating / stuck')}</th>
          <th scope="col">{trans.__('Account')}</th>
          <th scope="col">{trans.__('Expires')}</th>
        </tr>
      </thead>
      <tbody>
        {d.rules.map(r => (
          <tr key={r.id} title={r.id}>
            <td>{r.rse_expression}</td>
            <td>
              <StatePill state={r.state} />
              {r.error && (
                <div className="jp-escape-DL-fileError">{r.error}</div>
              )}
            </td>
            <td className="jp-escape-DL-num">
              {r.locks.ok} / {r.locks.replicating} / {r.locks.stuck}
            </td>
            <td>{r.account}</td>
            <td>{r.expires_at ?? trans.__('never')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function StagePanel(props: {
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

function Details(props: {
  ctx: IDatalakeContext;
  instance: string;
  did: string;
  view: DatalakeMainView;
}): JSX.Element {
  const { ctx, instance, did } = props;
  const trans = ctx.trans;
  const onScreen = useOnScreen(props.view);
  const [d, setD] = React.useState<IDetails | null>(null);
  const [code, setCode] = React.useState<ICodeReply | null>(null);
  const [error, setError] = React.useState<unknown>(null);
  const [tick, setTick] = React.useState(0);
  const [jobId, setJobId] = React.useState<string | null>(null);
  const [job, jobError, setJob] = useFollowedJob(
    ctx,
    STAGE_JOBS,
    jobId,
    onScreen
  );

  React.useEffect(() => {
    const controller = new AbortController();
    setError(null);
    Promise.all([
      datalakeAPI.details(instance, did, controller.signal),
      datalakeAPI.code(instance, did, controller.signal)
    ]).then(
      ([details, snippet]) => {
        setD(details);
        setCode(snippet);
      },
      e => !isAbort(e) && !controller.signal.aborted && setError(e)
    );
    return () => controller.abort();
  }, [instance, did, tick]);

  // When the followed job finishes, the staged state changed: ask again.
  const finished = job !== null && job.state === 'done';
  React.useEffect(() => {
    if (finished) {
      datalakeAPI.code(instance, did).then(setCode, () => undefined);
    }
  }, [finished]);

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
            onClick={() => setTick(t => t + 1)}
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
        <ErrorBox
          error={error}
          trans={trans}
          onRetry={() => setTick(t => t + 1)}
        />
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
                setJobId(j.id);
                setJob(j);
              }}
            />
            {job && (
              <JobCard
                ctx={ctx}
                job={job}
                error={jobError}
                onChanged={j => (j ? setJob(j) : setJobId(null))}
              />
            )}
            {!job && (
              <UseActions
                ctx={ctx}
                instance={instance}
                did={did}
                type={d.type}
                folder={null}
              />
            )}
            {code?.staged && !job && (
              <ul
                className="jp-escape-DL-paths"
                aria-label={trans.__('Local paths')}
              >
                {code.paths.slice(0, 20).map(p => (
                  <li key={p}>
                    <code>{p}</code>
                  </li>
                ))}
                {code.paths.length > 20 && (
                  <li className="jp-escape-DL-muted">
                    {trans.__('… and %1 more', code.paths.length - 20)}
                  </li>
                )}
              </ul>
            )}
          </section>
          <section className="jp-escape-DL-block">
            <h3>{trans.__('Size and checksums')}</h3>
            <table className="jp-escape-DL-table jp-escape-DL-kv">
              <tbody>
                <tr>
                  <th scope="row">{trans.__('Size')}</th>
                  <td>
                    {formatBytes(d.bytes)}
                    {d.bytes !== null ? ` (${d.bytes.toLocaleString()} B)` : ''}
                  </td>
                </tr>
                {d.type !== 'FILE' && (
                  <tr>
                    <th scope="row">{trans.__('Children')}</th>
                    <td>{d.length ?? '–'}</td>
                  </tr>
                )}
                <tr>
                  <th scope="row">adler32</th>
                  <td>
                    <code>{d.adler32 ?? '–'}</code>
                  </td>
                </tr>
                <tr>
                  <th scope="row">md5</th>
                  <td>
                    <code>{d.md5 ?? '–'}</code>
                  </td>
                </tr>
                {d.open !== null && d.type !== 'FILE' && (
                  <tr>
                    <th scope="row">{trans.__('Open')}</th>
                    <td>
                      {d.open
                        ? trans.__('yes (can still grow)')
                        : trans.__('closed')}
                    </td>
                  </tr>
                )}
              </tbody>
            </table>
          </section>
          <section className="jp-escape-DL-block">
            <h3>{trans.__('Metadata')}</h3>
            {Object.keys(d.metadata).length > 0 ? (
              <KeyValues values={d.metadata} label={trans.__('Metadata')} />
            ) : (
              <p className="jp-escape-DL-muted">
                {trans.__('No user metadata.')}
              </p>
            )}
            {Object.keys(d.system).length > 0 && (
              <details>
                <summary>{trans.__('Rucio fields')}</summary>
                <KeyValues values={d.system} label={trans.__('Rucio fields')} />
              </details>
            )}
          </section>
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

/**
 * "Upload to data lake…" (main area): instance, RSE (writable ones, with the account's remaining quota),
 * scope, name, dataset to attach to, metadata key/values, lifetime; then the job's progress and the checksum
 * confirmation, followed here while on screen.
 */
import * as React from 'react';
import {
  datalakeAPI,
  IRSE,
  IUploadRequest,
  IUsage,
  typedValue,
  userWritable
} from './api';
import { formatBytes, isAbort } from '../components';
import { ErrorBox } from './components';
import { IDatalakeContext } from './context';
import { DatalakeMainView, useOnScreen } from './mainView';
import { report } from './staged';
import { UploadCard } from './UploadCard';
import { useFocusNewRow } from '../components/useFocusNewRow';

export class UploadView extends DatalakeMainView {
  constructor(
    private _ctx: IDatalakeContext,
    private _path: string
  ) {
    super('upload');
    this.addClass('jp-escape-DLUploadView');
    this.title.label = _path
      ? _ctx.trans.__('Upload %1', _path.split('/').pop() ?? _path)
      : _ctx.trans.__('Upload to data lake');
  }

  render(): JSX.Element {
    return <UploadForm ctx={this._ctx} initialPath={this._path} view={this} />;
  }
}

interface IMetaRow {
  key: string;
  value: string;
}

function UploadForm(props: {
  ctx: IDatalakeContext;
  initialPath: string;
  view: DatalakeMainView;
}): JSX.Element {
  const { ctx } = props;
  const { model, trans } = ctx;
  const onScreen = useOnScreen(props.view);
  const id = (s: string) => `${props.view.id}-${s}`;
  const [instance, setInstance] = React.useState(model.current);
  const [path, setPath] = React.useState(props.initialPath);
  const [size, setSize] = React.useState<number | null>(null);
  const [rses, setRses] = React.useState<IRSE[] | null>(null);
  const [usage, setUsage] = React.useState<IUsage | null>(null);
  const [scopes, setScopes] = React.useState<string[] | null>(null);
  const [loadError, setLoadError] = React.useState<unknown>(null);
  const [rse, setRse] = React.useState('');
  const [scope, setScope] = React.useState('');
  const [name, setName] = React.useState(
    props.initialPath.split('/').pop() ?? ''
  );
  const [dataset, setDataset] = React.useState('');
  const [meta, setMeta] = React.useState<IMetaRow[]>([{ key: '', value: '' }]);
  const metaRows = React.useRef<HTMLDivElement>(null);
  const focusNewMetaRow = useFocusNewRow(
    meta.length,
    metaRows,
    '.jp-escape-DL-metaKey'
  );
  const [lifetimeDays, setLifetimeDays] = React.useState('');
  const [jobId, setJobId] = React.useState<string | null>(null);
  const [submitError, setSubmitError] = React.useState<unknown>(null);
  const [busy, setBusy] = React.useState(false);
  const [tick, setTick] = React.useState(0);

  React.useEffect(() => {
    const controller = new AbortController();
    setLoadError(null);
    const signal = controller.signal;
    Promise.all([
      datalakeAPI.rses(instance, signal),
      datalakeAPI.scopes(instance, signal),
      datalakeAPI.usage(instance, signal)
    ]).then(
      ([r, s, u]) => {
        const writable = r.rses
          .filter(x => x.availability_write !== false)
          .sort(
            (a, b) =>
              Number(userWritable(b.rse)) - Number(userWritable(a.rse)) ||
              a.rse.localeCompare(b.rse)
          );
        setRses(writable);
        setScopes(s.scopes);
        setUsage(u);
        setRse(cur => cur || writable[0]?.rse || '');
        const own = `user.${u.account}`;
        setScope(
          cur => cur || (s.scopes.includes(own) ? own : (s.scopes[0] ?? ''))
        );
      },
      e => !signal.aborted && !isAbort(e) && setLoadError(e)
    );
    return () => controller.abort();
  }, [instance, tick]);

  React.useEffect(() => {
    let live = true;
    setSize(null);
    if (!path) {
      return;
    }
    ctx.app.serviceManager.contents
      .get(path, { content: false })
      .then(m => live && m.type !== 'directory' && setSize(m.size ?? null))
      .catch(() => live && setSize(null));
    return () => {
      live = false;
    };
  }, [path]);

  const quota = usage?.rses.find(r => r.rse === rse);
  const tooBig =
    size !== null &&
    quota?.bytes_remaining !== null &&
    quota?.bytes_remaining !== undefined &&
    size > quota.bytes_remaining;

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const metadata: Record<string, string | number | boolean> = {};
    for (const row of meta) {
      if (row.key.trim()) {
        metadata[row.key.trim()] = typedValue(row.value);
      }
    }
    const request: IUploadRequest = {
      instance,
      path: path.trim(),
      rse,
      scope,
      name: name.trim() || undefined,
      dataset: dataset.trim() || undefined,
      metadata
    };
    const days = parseFloat(lifetimeDays);
    if (lifetimeDays.trim() && days > 0) {
      request.lifetime = Math.round(days * 86400);
    }
    setBusy(true);
    setSubmitError(null);
    datalakeAPI
      .upload(request)
      .then(
        job => {
          setJobId(job.id);
          model.touchJobs(job.id);
        },
        error => setSubmitError(error)
      )
      .finally(() => setBusy(false));
  };

  const setRow = (i: number, patch: Partial<IMetaRow>) =>
    setMeta(rows => rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  return (
    <div className="jp-escape-DL-viewBody">
      <header className="jp-escape-DL-viewHeader">
        <h2>{trans.__('Upload to data lake')}</h2>
      </header>
      <form className="jp-escape-DL-uploadForm" onSubmit={submit}>
        <label htmlFor={id('inst')}>{trans.__('Instance')}</label>
        <select
          id={id('inst')}
          className="jp-mod-styled"
          value={instance}
          onChange={e => {
            setInstance(e.target.value);
            setRses(null);
            setScopes(null);
            setRse('');
            setScope('');
          }}
        >
          {model.instances.map(i => (
            <option key={i.name} value={i.name}>
              {i.display_name || i.name}
            </option>
          ))}
        </select>

        <label htmlFor={id('path')}>
          {trans.__('File (relative to the server root)')}
        </label>
        <div>
          <input
            id={id('path')}
            type="text"
            className="jp-mod-styled"
            required
            value={path}
            onChange={e => setPath(e.target.value)}
          />
          <div className="jp-escape-DL-muted">
            {size !== null
              ? formatBytes(size)
              : path
                ? trans.__('not found in the file browser')
                : ''}
          </div>
        </div>

        <label htmlFor={id('rse')}>{trans.__('RSE')}</label>
        <div>
          <select
            id={id('rse')}
            className="jp-mod-styled"
            value={rse}
            required
            onChange={e => setRse(e.target.value)}
          >
            {(rses ?? []).map(r => (
              <option key={r.rse} value={r.rse}>
                {userWritable(r.rse)
                  ? r.rse
                  : trans.__('%1 (usually admin only)', r.rse)}
              </option>
            ))}
          </select>
          {quota && (
            <div
              className={
                tooBig ? 'jp-escape-DL-warnText' : 'jp-escape-DL-muted'
              }
            >
              {quota.bytes_limit !== null && quota.bytes_limit !== undefined
                ? trans.__(
                    'quota: %1 used of %2, %3 left',
                    formatBytes(quota.bytes),
                    formatBytes(quota.bytes_limit),
                    formatBytes(quota.bytes_remaining)
                  )
                : trans.__('%1 used, no quota set', formatBytes(quota.bytes))}
              {tooBig ? ` — ${trans.__('the file does not fit')}` : ''}
            </div>
          )}
        </div>

        <label htmlFor={id('scope')}>{trans.__('Scope')}</label>
        <select
          id={id('scope')}
          className="jp-mod-styled"
          value={scope}
          required
          onChange={e => setScope(e.target.value)}
        >
          {(scopes ?? []).map(s => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>

        <label htmlFor={id('name')}>{trans.__('Name in Rucio')}</label>
        <input
          id={id('name')}
          type="text"
          className="jp-mod-styled"
          placeholder={trans.__('default: the file name')}
          value={name}
          onChange={e => setName(e.target.value)}
        />

        <label htmlFor={id('dataset')}>{trans.__('Attach to dataset')}</label>
        <div>
          <input
            id={id('dataset')}
            type="text"
            className="jp-mod-styled"
            placeholder={scope ? `${scope}:my_results` : 'scope:name'}
            value={dataset}
            onChange={e => setDataset(e.target.value)}
          />
          <div className="jp-escape-DL-muted">
            {trans.__('optional; created if it does not exist')}
          </div>
        </div>

        <span className="jp-escape-DL-formLabel">{trans.__('Metadata')}</span>
        <div className="jp-escape-DL-metaRows" ref={metaRows}>
          {meta.map((row, i) => (
            <div className="jp-escape-DL-filterRow" key={i}>
              <input
                type="text"
                className="jp-mod-styled jp-escape-DL-metaKey"
                aria-label={trans.__('Metadata %1 key', i + 1)}
                placeholder={trans.__('key, e.g. telescope')}
                value={row.key}
                onChange={e => setRow(i, { key: e.target.value })}
              />
              <input
                type="text"
                className="jp-mod-styled"
                aria-label={trans.__('Metadata %1 value', i + 1)}
                placeholder={trans.__('value (numbers stay numbers)')}
                value={row.value}
                onChange={e => setRow(i, { value: e.target.value })}
              />
              <button
                type="button"
                className="jp-escape-DL-iconButton"
                aria-label={trans.__('Remove metadata %1', i + 1)}
                onClick={() => setMeta(rows => rows.filter((_, j) => j !== i))}
              >
                ×
              </button>
            </div>
          ))}
          <button
            type="button"
            className="jp-escape-DL-linkButton"
            onClick={() => {
              focusNewMetaRow();
              setMeta(rows => [...rows, { key: '', value: '' }]);
            }}
          >
            {trans.__('+ Add metadata')}
          </button>
        </div>

        <label htmlFor={id('life')}>{trans.__('Lifetime (days)')}</label>
        <div>
          <input
            id={id('life')}
            type="number"
            min={0}
            step="any"
            className="jp-mod-styled"
            placeholder={trans.__('empty: no expiry')}
            value={lifetimeDays}
            onChange={e => setLifetimeDays(e.target.value)}
          />
        </div>

        <span />
        <div className="jp-escape-DL-actions">
          <button
            type="submit"
            className="jp-mod-styled jp-mod-accept"
            disabled={busy || !rse || !scope || !path.trim()}
          >
            {trans.__('Upload')}
          </button>
          <button
            type="button"
            className="jp-mod-styled"
            onClick={() => ctx.openTransfers(jobId ?? undefined)}
          >
            {trans.__('All uploads…')}
          </button>
        </div>
      </form>
      {loadError !== null && (
        <ErrorBox
          error={loadError}
          trans={trans}
          onRetry={() => setTick(t => t + 1)}
        />
      )}
      {submitError !== null && <ErrorBox error={submitError} trans={trans} />}
      {jobId && <UploadCard ctx={ctx} jobId={jobId} onScreen={onScreen} />}
      {jobId && (
        <p className="jp-escape-DL-muted">
          {trans.__(
            'You can close this tab: the upload goes on in the server.'
          )}{' '}
          <button
            type="button"
            className="jp-escape-DL-linkButton"
            onClick={() =>
              void report(ctx, trans.__('Open transfers'), async () =>
                ctx.openTransfers(jobId)
              )
            }
          >
            {trans.__('Follow it in Transfers')}
          </button>
        </p>
      )}
    </div>
  );
}

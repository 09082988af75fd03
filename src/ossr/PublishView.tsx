/**
 * Publish a workspace folder to the software repository: load or generate codemeta.json, edit it (form or JSON,
 * checked against the OSSR rules as you type), create a deposition, upload with progress, keep a draft or publish,
 * resume a failed upload. The token stays on the server: the UI only knows whether publishing is enabled.
 */
import { Dialog, ReactWidget, showDialog } from '@jupyterlab/apputils';
import { Contents } from '@jupyterlab/services';
import * as React from 'react';
import {
  IConfig,
  IPublishReply,
  IPublishRequest,
  IReport,
  OSSRPublishError,
  ossrAPI
} from './api';
import {
  Busy,
  ComplianceBadge,
  ComplianceReport,
  ErrorBox,
  RateLimitNotice
} from './components';
import { IOSSRContext } from './context';
import { Tabs } from './actions';
import { Codemeta, rulesFor } from './codemetaForm';
import { CodemetaEditor } from './CodemetaEditor';

let counter = 0;

export class PublishView extends ReactWidget {
  constructor(
    private _ctx: IOSSRContext,
    private _path: string
  ) {
    super();
    this.id = `jp-escape-ossr-publish-${++counter}`;
    this.addClass('jp-escape-OSSRPublish');
    this.title.label = _ctx.trans.__(
      'Publish %1',
      _path.split('/').filter(Boolean).pop() ?? '/'
    );
    this.title.caption = _ctx.trans.__(
      'Publish the folder %1 to the software repository',
      _path || '/'
    );
    this.title.closable = true;
  }

  render(): JSX.Element {
    return <PublishPage ctx={this._ctx} initialPath={this._path} />;
  }
}

type Origin = 'existing' | 'generated';

interface IFailure {
  error: unknown;
  depositId: number | null;
  uploaded: string[];
  remaining: string[];
  htmlUrl: string | null;
}

function PublishPage(props: {
  ctx: IOSSRContext;
  initialPath: string;
}): JSX.Element {
  const { ctx } = props;
  const trans = ctx.trans;
  const [config, setConfig] = React.useState<IConfig | null>(null);
  const [path, setPath] = React.useState(props.initialPath);
  const [loadedPath, setLoadedPath] = React.useState<string | null>(null);
  const [loading, setLoading] = React.useState(false);
  const [loadError, setLoadError] = React.useState<unknown>(null);
  const [origin, setOrigin] = React.useState<Origin>('generated');
  const [sources, setSources] = React.useState<Record<string, string>>({});
  const [doc, setDoc] = React.useState<Codemeta | null>(null);
  const [jsonText, setJsonText] = React.useState('');
  const [jsonError, setJsonError] = React.useState<string | null>(null);
  const [report, setReport] = React.useState<IReport | null>(null);
  const [validating, setValidating] = React.useState(false);
  const [validateError, setValidateError] = React.useState<unknown>(null);
  const [mode, setMode] = React.useState<'json' | 'form'>('form');
  const [uploadType, setUploadType] = React.useState<'software' | 'dataset'>(
    'software'
  );
  const [sandbox, setSandbox] = React.useState(false);
  const [filesMode, setFilesMode] = React.useState<'zip' | 'chosen'>('zip');
  const [folderFiles, setFolderFiles] = React.useState<string[]>([]);
  const [chosen, setChosen] = React.useState<string[]>([]);
  const [step, setStep] = React.useState<{
    done: number;
    total: number;
    label: string;
  } | null>(null);
  const [result, setResult] = React.useState<IPublishReply | null>(null);
  const [failure, setFailure] = React.useState<IFailure | null>(null);
  const [saved, setSaved] = React.useState<string | null>(null);
  const outcome = React.useRef<HTMLDivElement>(null);
  React.useEffect(() => {
    if (result || failure || step) {
      outcome.current?.scrollIntoView({ block: 'nearest' });
    }
  }, [result, failure, step]);

  React.useEffect(() => {
    ctx.config().then(setConfig, e => setLoadError(e));
  }, []);

  const useDoc = (next: Codemeta) => {
    setDoc(next);
    setJsonText(JSON.stringify(next, null, 2));
    setJsonError(null);
  };

  const load = async (folder: string, regenerate = false) => {
    setLoading(true);
    setLoadError(null);
    setResult(null);
    setFailure(null);
    setSaved(null);
    try {
      let got = false;
      if (!regenerate) {
        try {
          const existing = await ossrAPI.validatePath(folder);
          if (existing.codemeta) {
            useDoc(existing.codemeta);
            setReport(existing);
            setOrigin('existing');
            setSources({});
            got = true;
          }
        } catch (e: any) {
          if (e?.status !== 404) {
            throw e;
          }
        }
      }
      if (!got) {
        const generated = await ossrAPI.generate(folder);
        useDoc(generated.codemeta);
        setReport(generated.report);
        setSources(generated.sources);
        setOrigin('generated');
      }
      setLoadedPath(folder);
      const listing = await ctx.app.serviceManager.contents
        .get(folder, { content: true })
        .catch(() => null);
      const files = ((listing?.content as Contents.IModel[]) ?? [])
        .filter(m => m.type !== 'directory')
        .map(m => m.name)
        .sort();
      setFolderFiles(files);
      setChosen(files.filter(f => f !== 'codemeta.json'));
    } catch (e) {
      setLoadError(e);
    } finally {
      setLoading(false);
    }
  };

  React.useEffect(() => {
    void load(props.initialPath);
  }, []);

  // Check against the OSSR rules as the user types (debounced; the server runs the same checker as publish).
  React.useEffect(() => {
    if (!doc) {
      return;
    }
    let live = true;
    const timer = window.setTimeout(() => {
      setValidating(true);
      ossrAPI
        .validate(doc)
        .then(
          r => {
            if (live) {
              setReport(r);
              setValidateError(null);
            }
          },
          e => live && setValidateError(e)
        )
        .finally(() => live && setValidating(false));
    }, 400);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [doc]);

  const canPublish = !!config?.can_publish;
  const busy = step !== null;
  const ready =
    !!doc &&
    !jsonError &&
    !!report?.compliant &&
    !validating &&
    !busy &&
    loadedPath !== null;

  const runPublish = async (
    publish: boolean,
    resumeFrom?: IFailure | null,
    depositOverride?: number
  ) => {
    if (!doc || loadedPath === null) {
      return;
    }
    setResult(null);
    setFailure(null);
    let depositId = depositOverride ?? resumeFrom?.depositId ?? undefined;
    const base: Omit<IPublishRequest, 'publish'> = {
      path: loadedPath,
      codemeta: doc,
      sandbox,
      upload_type: uploadType
    };
    // Chosen files go up one call at a time (the server skips files already there), so progress is per file;
    // the release zip is built and uploaded in one call.
    const batches: (string[] | undefined)[] =
      filesMode === 'chosen'
        ? chosen.map((_, i) => chosen.slice(0, i + 1))
        : [undefined];
    const total = batches.length;
    let last: IPublishReply | null = null;
    let at = 0;
    try {
      for (let i = 0; i < batches.length; i++) {
        at = i;
        const files = batches[i];
        const final = i === batches.length - 1;
        setStep({
          done: filesMode === 'chosen' ? i : 0,
          total,
          label:
            filesMode === 'chosen'
              ? trans.__(
                  'Uploading %1 (%2 of %3)…',
                  files![files!.length - 1],
                  i + 1,
                  batches.length
                )
              : trans.__(
                  'Zipping the folder, uploading codemeta.json and the release zip…'
                )
        });
        last = await ossrAPI.publish({
          ...base,
          ...(files ? { files } : {}),
          ...(depositId !== undefined ? { deposit_id: depositId } : {}),
          publish: publish && final
        });
        depositId = last.deposit_id;
      }
      setStep(null);
      setResult(last);
    } catch (e) {
      setStep(null);
      const body = e instanceof OSSRPublishError ? e.body : {};
      setFailure({
        error: e,
        depositId: body.deposit_id ?? depositId ?? null,
        uploaded: (body.uploaded ?? []).map(u => u.key),
        // the server knows the files of the call that failed; the later calls never ran
        remaining: [
          ...(body.remaining ?? []),
          ...(filesMode === 'chosen' ? chosen.slice(at + 1) : [])
        ],
        htmlUrl: body.html_url ?? null
      });
    }
  };

  const confirmAndPublish = async (
    publish: boolean,
    resumeFrom?: IFailure | null,
    depositId?: number
  ) => {
    const target = sandbox
      ? trans.__(
          'the sandbox of %1',
          config?.display_name ?? trans.__('the repository')
        )
      : (config?.display_name ?? trans.__('the software repository'));
    if (publish) {
      const answer = await showDialog({
        title: trans.__('Publish %1?', String(doc?.name ?? loadedPath)),
        body: sandbox
          ? trans.__(
              'This publishes to %1: a test DOI is minted; sandbox records can be deleted.',
              target
            )
          : trans.__(
              'This publishes to %1 and mints a DOI. A published record cannot be deleted or have its files changed.',
              target
            ),
        buttons: [
          Dialog.cancelButton(),
          Dialog.warnButton({ label: trans.__('Publish') })
        ]
      });
      if (!answer.button.accept) {
        return;
      }
    }
    await runPublish(publish, resumeFrom, depositId);
  };

  const saveToFolder = async () => {
    if (!doc || loadedPath === null) {
      return;
    }
    const file = loadedPath ? `${loadedPath}/codemeta.json` : 'codemeta.json';
    try {
      await ctx.app.serviceManager.contents.save(file, {
        type: 'file',
        format: 'text',
        content: JSON.stringify(doc, null, 2) + '\n'
      });
      setSaved(trans.__('Saved %1', file));
    } catch (e) {
      setSaved(
        trans.__(
          'Could not save %1: %2',
          file,
          String((e as Error)?.message ?? e)
        )
      );
    }
  };

  const fieldRules = (term: string) => rulesFor(report, term);

  return (
    <div className="jp-escape-OSSRPublish-body">
      <h1>{trans.__('Publish to the software repository')}</h1>
      {config && !config.configured && (
        <div className="jp-escape-Banner jp-escape-Banner-error" role="alert">
          {trans.__('No software repository is configured on the server.')}
        </div>
      )}
      {config?.configured && !canPublish && (
        <div className="jp-escape-Banner jp-escape-Banner-warn" role="status">
          {trans.__(
            'Publishing is not enabled on this server: an administrator sets software_repository.token_file or token_env (the token stays on the server). You can still prepare and save codemeta.json.'
          )}
        </div>
      )}
      <form
        className="jp-escape-OSSR-row"
        onSubmit={e => {
          e.preventDefault();
          void load(path.trim());
        }}
      >
        <label className="jp-escape-OSSR-field jp-escape-OSSR-grow">
          {trans.__('Folder (relative to the server root)')}
          <input
            type="text"
            className="jp-mod-styled"
            value={path}
            onChange={e => setPath(e.target.value)}
          />
        </label>
        <button
          type="submit"
          className="jp-mod-styled"
          disabled={loading || busy}
        >
          {trans.__('Load')}
        </button>
        <button
          type="button"
          className="jp-mod-styled"
          disabled={loading || busy}
          onClick={() => void load(path.trim(), true)}
          title={trans.__(
            'Generate codemeta.json from pyproject.toml, setup.cfg, LICENSE, README and git'
          )}
        >
          {trans.__('Generate codemeta.json')}
        </button>
      </form>
      {loading && <Busy label={trans.__('Reading the folder…')} />}
      {loadError !== null && (
        <ErrorBox
          error={loadError}
          trans={trans}
          onRetry={() => void load(path.trim())}
        />
      )}

      {doc && loadedPath !== null && (
        <>
          <p className="jp-escape-OSSR-muted">
            {origin === 'existing'
              ? trans.__('Using the codemeta.json of %1.', loadedPath || '/')
              : trans.__(
                  'Generated from the files of %1: %2',
                  loadedPath || '/',
                  describeSources(sources, trans.__('nothing found'))
                )}
          </p>
          <section aria-labelledby="ossr-publish-meta">
            <div className="jp-escape-OSSR-row">
              <h2 id="ossr-publish-meta">codemeta.json</h2>
              {report && (
                <ComplianceBadge
                  state={{ kind: 'report', report }}
                  trans={trans}
                />
              )}
              <span className="jp-escape-OSSR-muted" aria-live="polite">
                {validating ? trans.__('checking…') : ''}
              </span>
            </div>
            <Tabs
              label={trans.__('Editor')}
              current={mode}
              onSelect={setMode}
              items={[
                { id: 'form', label: trans.__('Form') },
                { id: 'json', label: trans.__('JSON') }
              ]}
            />
            {mode === 'form' ? (
              <CodemetaEditor
                doc={doc}
                onChange={useDoc}
                rules={fieldRules}
                trans={trans}
                disabled={busy}
              />
            ) : (
              <label className="jp-escape-OSSR-field">
                {trans.__('codemeta.json (checked as you type)')}
                <textarea
                  className="jp-escape-OSSR-json"
                  spellCheck={false}
                  value={jsonText}
                  aria-invalid={!!jsonError}
                  aria-describedby="ossr-json-error"
                  disabled={busy}
                  onChange={e => {
                    const text = e.target.value;
                    setJsonText(text);
                    try {
                      const parsed = JSON.parse(text);
                      if (
                        !parsed ||
                        typeof parsed !== 'object' ||
                        Array.isArray(parsed)
                      ) {
                        throw new Error(
                          trans.__('codemeta.json must be a JSON object')
                        );
                      }
                      setJsonError(null);
                      setDoc(parsed);
                    } catch (err) {
                      setJsonError(String((err as Error).message));
                    }
                  }}
                />
              </label>
            )}
            <div
              id="ossr-json-error"
              role="alert"
              className="jp-escape-OSSR-fieldError"
            >
              {jsonError ? trans.__('Not valid JSON: %1', jsonError) : ''}
            </div>
            {validateError !== null && (
              <ErrorBox error={validateError} trans={trans} />
            )}
            {report && <ComplianceReport report={report} trans={trans} />}
            <div className="jp-escape-OSSR-row">
              <button
                type="button"
                className="jp-mod-styled"
                disabled={!!jsonError || busy}
                onClick={() => void saveToFolder()}
              >
                {trans.__('Save codemeta.json to the folder')}
              </button>
              <span className="jp-escape-OSSR-muted" role="status">
                {saved ?? ''}
              </span>
            </div>
          </section>

          <section aria-labelledby="ossr-publish-deposit">
            <h2 id="ossr-publish-deposit">{trans.__('Deposit')}</h2>
            <fieldset className="jp-escape-OSSR-fieldset" disabled={busy}>
              <legend>{trans.__('What to upload')}</legend>
              <label className="jp-escape-OSSR-check">
                <input
                  type="radio"
                  name="ossr-files"
                  checked={filesMode === 'zip'}
                  onChange={() => setFilesMode('zip')}
                />
                {trans.__(
                  'codemeta.json and a release zip of the folder (without .git and build clutter)'
                )}
              </label>
              <label className="jp-escape-OSSR-check">
                <input
                  type="radio"
                  name="ossr-files"
                  checked={filesMode === 'chosen'}
                  disabled={folderFiles.length === 0}
                  onChange={() => setFilesMode('chosen')}
                />
                {trans.__('codemeta.json and these files of the folder:')}
              </label>
              {filesMode === 'chosen' && (
                <div className="jp-escape-OSSR-fileChoice">
                  {folderFiles
                    .filter(f => f !== 'codemeta.json')
                    .map(f => (
                      <label key={f} className="jp-escape-OSSR-check">
                        <input
                          type="checkbox"
                          checked={chosen.includes(f)}
                          onChange={e =>
                            setChosen(c =>
                              e.target.checked
                                ? [...c, f].sort()
                                : c.filter(x => x !== f)
                            )
                          }
                        />
                        {f}
                      </label>
                    ))}
                </div>
              )}
              <label className="jp-escape-OSSR-field">
                {trans.__('Upload type')}
                <select
                  className="jp-mod-styled"
                  value={uploadType}
                  onChange={e => setUploadType(e.target.value as any)}
                >
                  <option value="software">{trans.__('software')}</option>
                  <option value="dataset">{trans.__('dataset')}</option>
                </select>
              </label>
              {config?.sandbox_available && (
                <label className="jp-escape-OSSR-check">
                  <input
                    type="checkbox"
                    checked={sandbox}
                    onChange={e => setSandbox(e.target.checked)}
                  />
                  {trans.__(
                    'Sandbox (a test repository: %1)',
                    config.sandbox_url ?? ''
                  )}
                </label>
              )}
            </fieldset>
            {!report?.compliant && report && (
              <p className="jp-escape-OSSR-fieldError">
                {trans.__(
                  'Fix the errors of the compliance report before depositing.'
                )}
              </p>
            )}
            <div className="jp-escape-OSSR-row">
              <button
                type="button"
                className="jp-mod-styled"
                disabled={
                  !ready ||
                  !canPublish ||
                  (filesMode === 'chosen' && chosen.length === 0)
                }
                onClick={() => void confirmAndPublish(false)}
              >
                {trans.__('Save as draft')}
              </button>
              <button
                type="button"
                className="jp-mod-styled jp-mod-accept"
                disabled={
                  !ready ||
                  !canPublish ||
                  (filesMode === 'chosen' && chosen.length === 0)
                }
                onClick={() => void confirmAndPublish(true)}
              >
                {trans.__('Publish')}
              </button>
            </div>
            <div ref={outcome}>
              {step && (
                <div className="jp-escape-OSSR-progress">
                  {filesMode === 'chosen' ? (
                    <progress
                      max={step.total}
                      value={step.done}
                      aria-label={trans.__('Upload progress')}
                    />
                  ) : (
                    <progress aria-label={trans.__('Upload progress')} />
                  )}
                  <Busy label={step.label} />
                </div>
              )}
              {failure && (
                <div className="jp-escape-OSSR-failure">
                  <ErrorBox error={failure.error} trans={trans} />
                  {failure.depositId !== null && (
                    <div
                      className="jp-escape-Banner jp-escape-Banner-warn"
                      role="status"
                    >
                      <p>
                        {trans.__(
                          'Deposition %1 stays a draft.',
                          failure.depositId
                        )}{' '}
                        {trans.__(
                          'Uploaded: %1.',
                          failure.uploaded.join(', ') || trans.__('nothing')
                        )}{' '}
                        {trans.__(
                          'Remaining: %1.',
                          failure.remaining.join(', ') || trans.__('nothing')
                        )}
                      </p>
                      <button
                        type="button"
                        className="jp-mod-styled jp-mod-accept"
                        disabled={busy}
                        onClick={() => void runPublish(false, failure)}
                      >
                        {trans.__('Resume the upload (keep a draft)')}
                      </button>{' '}
                      <button
                        type="button"
                        className="jp-mod-styled"
                        disabled={busy}
                        onClick={() => void confirmAndPublish(true, failure)}
                      >
                        {trans.__('Resume and publish')}
                      </button>{' '}
                      {failure.htmlUrl && (
                        <a
                          href={failure.htmlUrl}
                          target="_blank"
                          rel="noopener noreferrer"
                        >
                          {trans.__('Open the draft')}
                        </a>
                      )}
                    </div>
                  )}
                </div>
              )}
              {result && (
                <div
                  className="jp-escape-Banner jp-escape-OSSR-result"
                  role="status"
                >
                  <p>
                    <strong>
                      {result.state === 'published'
                        ? trans.__(
                            'Published: deposition %1',
                            result.deposit_id
                          )
                        : trans.__(
                            'Draft saved: deposition %1',
                            result.deposit_id
                          )}
                    </strong>
                    {result.sandbox ? ` (${trans.__('sandbox')})` : ''}
                  </p>
                  {result.doi && (
                    <p>
                      {result.state === 'published'
                        ? trans.__('DOI:')
                        : trans.__('Reserved DOI:')}{' '}
                      <code>{result.doi}</code>
                    </p>
                  )}
                  <ul
                    className="jp-escape-OSSR-doneList"
                    aria-label={trans.__('Uploaded files')}
                  >
                    {result.uploaded.map(u => (
                      <li key={u.key}>
                        ✓ <code>{u.key}</code>{' '}
                        <span className="jp-escape-OSSR-muted">
                          md5 {u.md5.slice(0, 8)}… · {u.status}
                        </span>
                      </li>
                    ))}
                  </ul>
                  <RateLimitNotice events={result.rate_limited} trans={trans} />
                  <div className="jp-escape-OSSR-row">
                    {result.html_url && (
                      <a
                        href={result.html_url}
                        target="_blank"
                        rel="noopener noreferrer"
                      >
                        {result.state === 'published'
                          ? trans.__('Open on the repository')
                          : trans.__('Open the draft on the repository')}
                      </a>
                    )}
                    {result.state === 'draft' && (
                      <button
                        type="button"
                        className="jp-mod-styled jp-mod-accept"
                        disabled={busy || !ready}
                        onClick={() =>
                          void confirmAndPublish(true, null, result.deposit_id)
                        }
                      >
                        {trans.__('Publish this draft')}
                      </button>
                    )}
                    {result.state === 'published' && !result.sandbox && (
                      <button
                        type="button"
                        className="jp-mod-styled"
                        onClick={() => ctx.openRecord(result.deposit_id)}
                      >
                        {trans.__('Open the record')}
                      </button>
                    )}
                  </div>
                </div>
              )}
            </div>
          </section>
        </>
      )}
    </div>
  );
}

function describeSources(
  sources: Record<string, string>,
  none: string
): string {
  const entries = Object.entries(sources).filter(([k]) => !k.startsWith('_'));
  const text = entries.length
    ? entries.map(([term, from]) => `${term} ← ${from}`).join(', ')
    : none;
  return sources._note ? `${text}. ${sources._note}` : text;
}

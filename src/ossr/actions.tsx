/** The record actions: cite, show me the code, download into the workspace, install into a kernel. */
import { Clipboard, Dialog, showDialog } from '@jupyterlab/apputils';
import { Widget } from '@lumino/widgets';
import * as React from 'react';
import {
  CiteFormat,
  ICitation,
  IDownloadedFile,
  IInstallJob,
  IInstallPlan,
  IKernelPython,
  IRecordView,
  ISnippet,
  ossrAPI
} from './api';
import { Busy, ErrorBox, formatBytes } from './components';
import { IOSSRContext } from './context';

interface IPanelProps {
  ctx: IOSSRContext;
  record: IRecordView;
}

/** A row of buttons acting as tabs (arrow keys move between them). */
export function Tabs<T extends string>(props: {
  label: string;
  items: { id: T; label: string }[];
  current: T;
  onSelect: (id: T) => void;
}): JSX.Element {
  const refs = React.useRef<(HTMLButtonElement | null)[]>([]);
  return (
    <div
      className="jp-escape-OSSR-tabs"
      role="tablist"
      aria-label={props.label}
    >
      {props.items.map((item, i) => (
        <button
          key={item.id}
          ref={el => (refs.current[i] = el)}
          type="button"
          role="tab"
          aria-selected={item.id === props.current}
          tabIndex={item.id === props.current ? 0 : -1}
          className="jp-escape-OSSR-tab"
          onClick={() => props.onSelect(item.id)}
          onKeyDown={e => {
            const step =
              e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
            if (step) {
              const next = (i + step + props.items.length) % props.items.length;
              props.onSelect(props.items[next].id);
              refs.current[next]?.focus();
            }
          }}
        >
          {item.label}
        </button>
      ))}
    </div>
  );
}

function useCopy(ctx: IOSSRContext): [string | null, (text: string) => void] {
  const [copied, setCopied] = React.useState<string | null>(null);
  return [
    copied,
    (text: string) => {
      Clipboard.copyToSystem(text);
      setCopied(ctx.trans.__('Copied to the clipboard'));
      window.setTimeout(() => setCopied(null), 2500);
    }
  ];
}

export function CitePanel(props: IPanelProps): JSX.Element {
  const { ctx, record } = props;
  const trans = ctx.trans;
  const [format, setFormat] = React.useState<CiteFormat>('bibtex');
  const [citations, setCitations] = React.useState<
    Partial<Record<CiteFormat, ICitation>>
  >({});
  const [error, setError] = React.useState<unknown>(null);
  const [tick, setTick] = React.useState(0);
  const [copied, copy] = useCopy(ctx);
  const [inserted, setInserted] = React.useState<string | null>(null);

  React.useEffect(() => {
    if (citations[format]) {
      return;
    }
    let live = true;
    setError(null);
    ossrAPI.cite(record.id, format).then(
      c => live && setCitations(all => ({ ...all, [format]: c })),
      e => live && setError(e)
    );
    return () => {
      live = false;
    };
  }, [format, record.id, tick]);

  const citation = citations[format];
  return (
    <section
      className="jp-escape-OSSR-panel"
      aria-label={trans.__('Cite this record')}
    >
      <Tabs
        label={trans.__('Citation format')}
        current={format}
        onSelect={setFormat}
        items={[
          { id: 'bibtex', label: 'BibTeX' },
          { id: 'cff', label: 'CITATION.cff' },
          { id: 'datacite', label: 'DataCite JSON' }
        ]}
      />
      <div role="tabpanel">
        {error !== null ? (
          <ErrorBox
            error={error}
            trans={trans}
            onRetry={() => setTick(t => t + 1)}
          />
        ) : !citation ? (
          <Busy label={trans.__('Formatting the citation…')} />
        ) : (
          <>
            <pre
              className="jp-escape-OSSR-code jp-escape-OSSR-citation"
              tabIndex={0}
            >
              {citation.text}
            </pre>
            <div className="jp-escape-OSSR-row">
              <button
                type="button"
                className="jp-mod-styled jp-mod-accept"
                onClick={() => copy(citation.text)}
              >
                {trans.__('Copy')}
              </button>
              <button
                type="button"
                className="jp-mod-styled"
                title={trans.__(
                  'Insert a cell that writes %1 next to the notebook',
                  citation.filename
                )}
                onClick={() => {
                  void ctx
                    .insertCode(
                      `%%writefile ${citation.filename}\n${citation.text.replace(/\n$/, '')}\n`
                    )
                    .then(() =>
                      setInserted(
                        trans.__(
                          'Inserted into the notebook (run it to write %1)',
                          citation.filename
                        )
                      )
                    );
                }}
              >
                {trans.__('Insert into notebook')}
              </button>
              <span
                className="jp-escape-OSSR-muted"
                role="status"
                aria-live="polite"
              >
                {copied ?? inserted ?? citation.filename}
              </span>
            </div>
          </>
        )}
      </div>
    </section>
  );
}

function cellFor(snippet: ISnippet): string | null {
  if (snippet.language === 'python') {
    return snippet.code;
  }
  if (snippet.language === 'bash') {
    return `%%bash\n${snippet.code}`;
  }
  return null;
}

export function CodePanel(props: IPanelProps): JSX.Element {
  const { ctx, record } = props;
  const trans = ctx.trans;
  const [snippets, setSnippets] = React.useState<ISnippet[] | null>(null);
  const [current, setCurrent] = React.useState<string>('notebook');
  const [error, setError] = React.useState<unknown>(null);
  const [tick, setTick] = React.useState(0);
  const [copied, copy] = useCopy(ctx);
  const [inserted, setInserted] = React.useState<string | null>(null);

  React.useEffect(() => {
    let live = true;
    setError(null);
    ossrAPI.snippets(record.id).then(
      r => {
        if (live) {
          setSnippets(r.snippets);
          if (!r.snippets.some(s => s.id === current) && r.snippets.length) {
            setCurrent(r.snippets[0].id);
          }
        }
      },
      e => live && setError(e)
    );
    return () => {
      live = false;
    };
  }, [record.id, tick]);

  if (error !== null) {
    return (
      <ErrorBox
        error={error}
        trans={trans}
        onRetry={() => setTick(t => t + 1)}
      />
    );
  }
  if (!snippets) {
    return <Busy label={trans.__('Loading the code…')} />;
  }
  const snippet = snippets.find(s => s.id === current) ?? snippets[0];
  const cell = snippet ? cellFor(snippet) : null;
  return (
    <section
      className="jp-escape-OSSR-panel"
      aria-label={trans.__('Show me the code')}
    >
      <Tabs
        label={trans.__('Code snippets')}
        current={snippet?.id ?? ''}
        onSelect={setCurrent}
        items={snippets.map(s => ({ id: s.id, label: s.title }))}
      />
      {snippet && (
        <div role="tabpanel">
          <pre className="jp-escape-OSSR-code" tabIndex={0}>
            {snippet.code}
          </pre>
          <div className="jp-escape-OSSR-row">
            {cell !== null && (
              <button
                type="button"
                className="jp-mod-styled jp-mod-accept"
                onClick={() => {
                  void ctx
                    .insertCode(cell)
                    .then(() =>
                      setInserted(trans.__('Inserted into the notebook'))
                    );
                }}
              >
                {trans.__('Insert into notebook')}
              </button>
            )}
            <button
              type="button"
              className="jp-mod-styled"
              onClick={() => copy(snippet.code)}
            >
              {trans.__('Copy')}
            </button>
            <span
              className="jp-escape-OSSR-muted"
              role="status"
              aria-live="polite"
            >
              {copied ?? inserted ?? ''}
            </span>
          </div>
        </div>
      )}
    </section>
  );
}

/** Downloads the chosen files one by one (each md5-verified by the server) so progress is real. */
export function DownloadPanel(props: IPanelProps): JSX.Element {
  const { ctx, record } = props;
  const trans = ctx.trans;
  const [chosen, setChosen] = React.useState<Set<string>>(
    () => new Set(record.files.map(f => f.key))
  );
  const [dest, setDest] = React.useState('');
  const [done, setDone] = React.useState<IDownloadedFile[]>([]);
  const [directory, setDirectory] = React.useState<string | null>(null);
  const [current, setCurrent] = React.useState<string | null>(null);
  const [error, setError] = React.useState<unknown>(null);
  const [failedKey, setFailedKey] = React.useState<string | null>(null);
  const cancelled = React.useRef(false);
  React.useEffect(
    () => () => {
      cancelled.current = true;
    },
    []
  );

  const files = record.files.filter(f => chosen.has(f.key));
  const total = files.reduce((s, f) => s + f.size, 0);
  const doneBytes = done.reduce((s, f) => s + f.size, 0);

  const run = async (keys: string[]) => {
    setError(null);
    setFailedKey(null);
    for (const key of keys) {
      if (cancelled.current) {
        return;
      }
      setCurrent(key);
      try {
        const reply = await ossrAPI.download(
          record.id,
          [key],
          dest.trim() || undefined
        );
        setDirectory(reply.directory);
        setDone(d => [...d.filter(x => x.key !== key), ...reply.files]);
      } catch (e) {
        setError(e);
        setFailedKey(key);
        setCurrent(null);
        return;
      }
    }
    setCurrent(null);
  };
  const remaining = files
    .filter(f => !done.some(d => d.key === f.key))
    .map(f => f.key);
  const started = current !== null || done.length > 0 || error !== null;

  return (
    <section
      className="jp-escape-OSSR-panel"
      aria-label={trans.__('Download files into the workspace')}
    >
      <fieldset className="jp-escape-OSSR-fieldset" disabled={current !== null}>
        <legend>{trans.__('Files to download')}</legend>
        {record.files.map(f => (
          <label key={f.key} className="jp-escape-OSSR-check">
            <input
              type="checkbox"
              checked={chosen.has(f.key)}
              onChange={e => {
                const next = new Set(chosen);
                e.target.checked ? next.add(f.key) : next.delete(f.key);
                setChosen(next);
              }}
            />
            {f.key}{' '}
            <span className="jp-escape-OSSR-muted">
              ({formatBytes(f.size)})
            </span>
          </label>
        ))}
        <label className="jp-escape-OSSR-field">
          {trans.__(
            'Into folder (relative to the server root; empty: the default workspace folder)'
          )}
          <input
            type="text"
            className="jp-mod-styled"
            value={dest}
            placeholder={`escape-data/ossr/${record.id}`}
            onChange={e => setDest(e.target.value)}
          />
        </label>
      </fieldset>
      <div className="jp-escape-OSSR-row">
        <button
          type="button"
          className="jp-mod-styled jp-mod-accept"
          disabled={current !== null || files.length === 0}
          onClick={() => {
            setDone([]);
            void run(files.map(f => f.key));
          }}
        >
          {trans._n('Download %1 file', 'Download %1 files', files.length)}
        </button>
        {failedKey && (
          <button
            type="button"
            className="jp-mod-styled"
            onClick={() => void run(remaining)}
          >
            {trans.__('Retry the remaining %1', remaining.length)}
          </button>
        )}
        {directory && current === null && (
          <button
            type="button"
            className="jp-mod-styled"
            onClick={() =>
              void ctx.app.commands.execute('filebrowser:go-to-path', {
                path: directory
              })
            }
          >
            {trans.__('Show in the file browser')}
          </button>
        )}
      </div>
      {started && (
        <div className="jp-escape-OSSR-progress">
          <progress
            max={total || 1}
            value={doneBytes}
            aria-label={trans.__('Download progress')}
          />
          <span role="status" aria-live="polite">
            {current
              ? trans.__(
                  'Downloading and verifying %1 (%2 of %3)…',
                  current,
                  done.length + 1,
                  files.length
                )
              : trans.__(
                  '%1 of %2 files downloaded and verified',
                  done.length,
                  files.length
                )}
          </span>
        </div>
      )}
      {error !== null && <ErrorBox error={error} trans={trans} />}
      {done.length > 0 && (
        <ul
          className="jp-escape-OSSR-doneList"
          aria-label={trans.__('Downloaded files')}
        >
          {done.map(f => (
            <li key={f.key}>
              <span aria-hidden="true">{f.verified ? '✓ ' : '⚠ '}</span>
              <code>{f.path}</code>{' '}
              <span className="jp-escape-OSSR-muted">
                {formatBytes(f.size)} · md5 {f.md5.slice(0, 8)}… ·{' '}
                {f.verified ? trans.__('verified') : trans.__('NOT verified')} ·{' '}
                {f.status}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

const INSTALLABLE = /\.(whl|zip|tar\.gz|tgz|tar\.bz2)$/i;

/** Pick a kernel, prepare the pip command, confirm it in a dialog, run it with the output streamed. */
export function InstallPanel(props: IPanelProps): JSX.Element {
  const { ctx, record } = props;
  const trans = ctx.trans;
  const [kernels, setKernels] = React.useState<IKernelPython[] | null>(null);
  const [python, setPython] = React.useState('');
  const candidates = record.files.filter(f => INSTALLABLE.test(f.key));
  const [file, setFile] = React.useState(candidates[0]?.key ?? '');
  const [pipOptions, setPipOptions] = React.useState('');
  const [stage, setStage] = React.useState<'idle' | 'planning' | 'running'>(
    'idle'
  );
  const [job, setJob] = React.useState<IInstallJob | null>(null);
  const [output, setOutput] = React.useState<string[]>([]);
  const [error, setError] = React.useState<unknown>(null);
  const [tick, setTick] = React.useState(0);
  const alive = React.useRef(true);
  React.useEffect(
    () => () => {
      alive.current = false;
    },
    []
  );

  React.useEffect(() => {
    setError(null);
    ossrAPI.kernels().then(
      r => {
        setKernels(r.kernels);
        // the kernel of the current notebook first, if the server knows it
        const active =
          ctx.tracker?.currentWidget?.sessionContext.session?.kernel?.name;
        const pick = r.kernels.find(k => k.name === active) ?? r.kernels[0];
        setPython(pick?.python ?? '');
      },
      e => setError(e)
    );
  }, [tick]);

  const poll = async (started: IInstallJob) => {
    let since = 0;
    let current = started;
    while (alive.current) {
      current = await ossrAPI.installJob(started.job_id, since);
      since = current.next;
      const lines = current.output;
      if (lines.length) {
        setOutput(o => [...o, ...lines]);
      }
      setJob(current);
      if (['succeeded', 'failed', 'cancelled'].includes(current.state)) {
        break;
      }
      await new Promise(resolve => window.setTimeout(resolve, 500));
    }
    setStage('idle');
  };

  const prepare = async () => {
    setError(null);
    setStage('planning');
    let plan: IInstallPlan;
    try {
      plan = await ossrAPI.installPlan(
        record.id,
        python,
        file || undefined,
        pipOptions.split(/\s+/).filter(Boolean)
      );
    } catch (e) {
      setError(e);
      setStage('idle');
      return;
    }
    const kernel = kernels?.find(k => k.python === python);
    const body = document.createElement('div');
    body.className = 'jp-escape-OSSR-confirm';
    const intro = document.createElement('p');
    intro.textContent = trans.__(
      'This command will run on the server, in the environment of %1:',
      kernel?.display_name ?? python
    );
    const pre = document.createElement('pre');
    pre.className = 'jp-escape-OSSR-code';
    pre.textContent = plan.command_line;
    body.append(intro, pre);
    for (const note of plan.notes) {
      const p = document.createElement('p');
      p.className = 'jp-escape-OSSR-muted';
      p.textContent = note;
      body.appendChild(p);
    }
    const restart = document.createElement('p');
    restart.textContent = trans.__(
      'Restart the kernel afterwards to import the new version.'
    );
    body.appendChild(restart);
    const answer = await showDialog({
      title: trans.__('Install %1?', plan.file),
      body: new Widget({ node: body }),
      buttons: [
        Dialog.cancelButton(),
        Dialog.okButton({ label: trans.__('Install') })
      ]
    });
    if (!answer.button.accept) {
      setStage('idle');
      return;
    }
    try {
      const started = await ossrAPI.install(plan.plan_id);
      setOutput([]);
      setJob(started);
      setStage('running');
      await poll(started);
    } catch (e) {
      setError(e);
      setStage('idle');
    }
  };

  const running = job && ['starting', 'running'].includes(job.state);
  return (
    <section
      className="jp-escape-OSSR-panel"
      aria-label={trans.__('Install into a kernel')}
    >
      {kernels === null && error === null && (
        <Busy label={trans.__('Finding kernels…')} />
      )}
      {kernels && (
        <fieldset
          className="jp-escape-OSSR-fieldset"
          disabled={stage !== 'idle'}
        >
          <legend>{trans.__('Install into')}</legend>
          <label className="jp-escape-OSSR-field">
            {trans.__('Kernel')}
            <select
              className="jp-mod-styled"
              value={python}
              onChange={e => setPython(e.target.value)}
            >
              {kernels.map(k => (
                <option key={k.name} value={k.python}>
                  {k.display_name} ({k.python})
                </option>
              ))}
            </select>
          </label>
          {candidates.length > 1 && (
            <label className="jp-escape-OSSR-field">
              {trans.__('File')}
              <select
                className="jp-mod-styled"
                value={file}
                onChange={e => setFile(e.target.value)}
              >
                {candidates.map(f => (
                  <option key={f.key} value={f.key}>
                    {f.key}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label className="jp-escape-OSSR-field">
            {trans.__('Extra pip options (optional, separated by spaces)')}
            <input
              type="text"
              className="jp-mod-styled"
              value={pipOptions}
              placeholder="--no-deps"
              onChange={e => setPipOptions(e.target.value)}
            />
          </label>
          <button
            type="button"
            className="jp-mod-styled jp-mod-accept"
            disabled={!python}
            onClick={() => void prepare()}
          >
            {trans.__('Prepare the install…')}
          </button>
        </fieldset>
      )}
      {stage === 'planning' && (
        <Busy label={trans.__('Downloading and verifying the release…')} />
      )}
      {error !== null && (
        <ErrorBox
          error={error}
          trans={trans}
          onRetry={kernels ? undefined : () => setTick(t => t + 1)}
        />
      )}
      {job && (
        <div className="jp-escape-OSSR-job">
          <div className="jp-escape-OSSR-row">
            <code className="jp-escape-OSSR-commandLine">
              {job.command_line}
            </code>
          </div>
          <div className="jp-escape-OSSR-row" role="status" aria-live="polite">
            <span
              className={`jp-escape-OSSR-jobState jp-escape-OSSR-jobState-${job.state}`}
            >
              {{
                starting: trans.__('starting'),
                running: trans.__('running'),
                succeeded: trans.__('installed'),
                failed: trans.__(
                  'failed (exit code %1)',
                  job.returncode ?? '?'
                ),
                cancelled: trans.__('cancelled')
              }[job.state] ?? job.state}
            </span>
            {running && (
              <button
                type="button"
                className="jp-mod-styled jp-mod-warn"
                onClick={() =>
                  void ossrAPI.cancelInstall(job.job_id).then(setJob, setError)
                }
              >
                {trans.__('Cancel')}
              </button>
            )}
          </div>
          <pre
            className="jp-escape-OSSR-code jp-escape-OSSR-output"
            tabIndex={0}
            aria-label={trans.__('pip output')}
          >
            {output.join('\n')}
          </pre>
        </div>
      )}
    </section>
  );
}

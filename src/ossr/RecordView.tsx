/**
 * One OSSR record in the main area: description, authors, versions (navigable), licence, repository,
 * requirements, files, the codemeta.json compliance report, and the actions (cite, Binder, download, install,
 * basket, show me the code).
 */
import { ReactWidget } from '@jupyterlab/apputils';
import * as React from 'react';
import { addToBasket, basketAvailable, IRecordView, ossrAPI } from './api';
import { CitePanel, CodePanel, DownloadPanel, InstallPanel } from './actions';
import {
  Busy,
  ComplianceBadge,
  ComplianceReport,
  ErrorBox,
  formatBytes,
  licenceText,
  RateLimitNotice
} from './components';
import { IOSSRContext } from './context';

let counter = 0;

export class RecordView extends ReactWidget {
  constructor(
    private _ctx: IOSSRContext,
    private _id: number | string,
    title?: string
  ) {
    super();
    this.id = `jp-escape-ossr-record-${++counter}`;
    this.addClass('jp-escape-OSSRRecord');
    this.title.label = title ?? _ctx.trans.__('OSSR record %1', String(_id));
    this.title.caption = this.title.label;
    this.title.closable = true;
  }

  render(): JSX.Element {
    return (
      <RecordPage
        ctx={this._ctx}
        initialId={this._id}
        onTitle={(label, caption) => {
          this.title.label = label;
          this.title.caption = caption;
        }}
      />
    );
  }
}

type Panel = 'cite' | 'code' | 'download' | 'install' | null;

function RecordPage(props: {
  ctx: IOSSRContext;
  initialId: number | string;
  onTitle: (label: string, caption: string) => void;
}): JSX.Element {
  const { ctx } = props;
  const trans = ctx.trans;
  const [id, setId] = React.useState(props.initialId);
  const [record, setRecord] = React.useState<IRecordView | null>(null);
  const [error, setError] = React.useState<unknown>(null);
  const [tick, setTick] = React.useState(0);
  const [panel, setPanel] = React.useState<Panel>(null);
  const [basket, setBasket] = React.useState(false);
  const [basketState, setBasketState] = React.useState<string | null>(null);
  const [basketError, setBasketError] = React.useState<unknown>(null);

  React.useEffect(() => {
    void basketAvailable().then(setBasket);
  }, []);

  React.useEffect(() => {
    let live = true;
    setError(null);
    setBasketState(null);
    setBasketError(null);
    ossrAPI.record(id).then(
      r => {
        if (!live) {
          return;
        }
        setRecord(r);
        props.onTitle(
          r.version ? `${r.title.split(':')[0]} ${r.version}` : r.title,
          `${r.title}${r.version ? ' ' + r.version : ''} (${r.doi ?? r.id})`
        );
      },
      e => live && setError(e)
    );
    return () => {
      live = false;
    };
  }, [id, tick]);

  if (error !== null && !record) {
    return (
      <div className="jp-escape-OSSRRecord-body">
        <ErrorBox
          error={error}
          trans={trans}
          onRetry={() => setTick(t => t + 1)}
        />
      </div>
    );
  }
  if (
    !record ||
    (String(record.id) !== String(id) &&
      String(record.requested_id) !== String(id))
  ) {
    return (
      <div className="jp-escape-OSSRRecord-body">
        {error !== null ? (
          <ErrorBox
            error={error}
            trans={trans}
            onRetry={() => setTick(t => t + 1)}
          />
        ) : (
          <Busy label={trans.__('Loading record %1…', String(id))} />
        )}
      </div>
    );
  }

  const r = record;
  const report = r.codemeta?.report ?? null;
  const languages = Array.isArray(r.programming_language)
    ? r.programming_language
    : r.programming_language
      ? [r.programming_language]
      : [];
  const licence = licenceText(r.license);
  const licenceUrl =
    typeof r.license === 'object' && r.license ? r.license.url : null;
  const togglePanel = (p: Panel) =>
    setPanel(current => (current === p ? null : p));

  return (
    <div className="jp-escape-OSSRRecord-body">
      <header className="jp-escape-OSSRRecord-header">
        <h1>{r.title}</h1>
        <div className="jp-escape-OSSR-hitMeta">
          {r.version && (
            <span className="jp-escape-OSSRRecord-version">{r.version}</span>
          )}
          {r.type && <span className="jp-escape-OSSR-pill">{r.type}</span>}
          {licence && <span className="jp-escape-OSSR-pill">{licence}</span>}
          {r.publication_date && <span>{r.publication_date}</span>}
          {r.doi && (
            <a
              href={r.doi_url ?? `https://doi.org/${r.doi}`}
              target="_blank"
              rel="noopener noreferrer"
            >
              {r.doi}
            </a>
          )}
          <ComplianceBadge
            trans={trans}
            state={
              report
                ? { kind: 'report', report }
                : r.codemeta?.present
                  ? {
                      kind: 'unknown',
                      message: trans.__('unreadable codemeta.json')
                    }
                  : { kind: 'none' }
            }
          />
        </div>
      </header>
      {error !== null && (
        <ErrorBox
          error={error}
          trans={trans}
          onRetry={() => setTick(t => t + 1)}
        />
      )}
      {!r.is_latest && r.latest_id && (
        <div className="jp-escape-Banner jp-escape-Banner-warn" role="status">
          {trans.__('This is not the latest version.')}{' '}
          <button
            type="button"
            className="jp-mod-styled"
            onClick={() => setId(r.latest_id!)}
          >
            {trans.__('Go to the latest version')}
          </button>
        </div>
      )}
      {r.notice && (
        <div className="jp-escape-Banner jp-escape-Banner-warn" role="status">
          {r.notice}
        </div>
      )}
      <RateLimitNotice events={r.rate_limited} trans={trans} />

      <div
        className="jp-escape-OSSR-toolbar"
        role="toolbar"
        aria-label={trans.__('Record actions')}
      >
        <button
          type="button"
          className="jp-mod-styled"
          aria-pressed={panel === 'cite'}
          onClick={() => togglePanel('cite')}
        >
          {trans.__('Cite')}
        </button>
        <button
          type="button"
          className="jp-mod-styled"
          aria-pressed={panel === 'download'}
          disabled={r.files.length === 0}
          onClick={() => togglePanel('download')}
        >
          {trans.__('Download')}
        </button>
        <button
          type="button"
          className="jp-mod-styled"
          aria-pressed={panel === 'install'}
          disabled={r.files.length === 0 || r.type === 'dataset'}
          onClick={() => togglePanel('install')}
        >
          {trans.__('Install into a kernel')}
        </button>
        {r.binder_url && (
          <a
            className="jp-mod-styled jp-escape-OSSR-linkAsButton"
            href={r.binder_url}
            target="_blank"
            rel="noopener noreferrer"
          >
            {trans.__('Open in Binder')}
          </a>
        )}
        {basket && (
          <button
            type="button"
            className="jp-mod-styled"
            disabled={basketState === 'adding'}
            onClick={() => {
              setBasketState('adding');
              setBasketError(null);
              addToBasket(r).then(
                () => setBasketState('added'),
                e => {
                  setBasketState(null);
                  setBasketError(e);
                }
              );
            }}
          >
            {basketState === 'added'
              ? trans.__('In the basket ✓')
              : trans.__('Add to basket')}
          </button>
        )}
        <button
          type="button"
          className="jp-mod-styled"
          aria-pressed={panel === 'code'}
          onClick={() => togglePanel('code')}
        >
          {trans.__('Show me the code')}
        </button>
      </div>
      {basketError !== null && <ErrorBox error={basketError} trans={trans} />}
      {panel === 'cite' && <CitePanel ctx={ctx} record={r} />}
      {panel === 'code' && <CodePanel ctx={ctx} record={r} />}
      {panel === 'download' && <DownloadPanel ctx={ctx} record={r} />}
      {panel === 'install' && <InstallPanel ctx={ctx} record={r} />}

      <section aria-labelledby={`desc-${r.id}`}>
        <h2 id={`desc-${r.id}`}>{trans.__('Description')}</h2>
        <SafeHTML
          html={r.description_html}
          sanitize={html => ctx.sanitizer.sanitize(html)}
        />
      </section>

      <section aria-labelledby={`about-${r.id}`}>
        <h2 id={`about-${r.id}`}>{trans.__('About')}</h2>
        <dl className="jp-escape-OSSR-details">
          <dt>{trans.__('Authors')}</dt>
          <dd>
            <ul className="jp-escape-OSSR-authorList">
              {r.authors.map((a, i) => (
                <li key={`${a.name} ${i}`}>
                  {a.name}
                  {a.affiliation && (
                    <span className="jp-escape-OSSR-muted">
                      {' '}
                      ({a.affiliation})
                    </span>
                  )}
                  {a.orcid_url && (
                    <>
                      {' '}
                      <a
                        href={a.orcid_url}
                        target="_blank"
                        rel="noopener noreferrer"
                        aria-label={trans.__(
                          'ORCID of %1: %2',
                          a.name,
                          a.orcid ?? ''
                        )}
                        className="jp-escape-OSSR-orcid"
                      >
                        ORCID {a.orcid}
                      </a>
                    </>
                  )}
                </li>
              ))}
            </ul>
          </dd>
          <dt>{trans.__('Licence')}</dt>
          <dd>
            {licenceUrl ? (
              <a href={licenceUrl} target="_blank" rel="noopener noreferrer">
                {licence}
              </a>
            ) : (
              licence || trans.__('not given')
            )}
          </dd>
          <dt>{trans.__('Code repository')}</dt>
          <dd>
            {r.code_repository ? (
              <a
                href={r.code_repository}
                target="_blank"
                rel="noopener noreferrer"
              >
                {r.code_repository}
              </a>
            ) : (
              trans.__('not given')
            )}
          </dd>
          {languages.length > 0 && (
            <>
              <dt>{trans.__('Language')}</dt>
              <dd>{languages.join(', ')}</dd>
            </>
          )}
          <dt>{trans.__('Requirements')}</dt>
          <dd>
            {r.requirements.length > 0 ? (
              <ul className="jp-escape-OSSR-inlineList">
                {r.requirements.map(q => (
                  <li key={q}>
                    <code>{q}</code>
                  </li>
                ))}
              </ul>
            ) : (
              trans.__('none listed')
            )}
          </dd>
          {r.keywords.length > 0 && (
            <>
              <dt>{trans.__('Keywords')}</dt>
              <dd>{r.keywords.join(', ')}</dd>
            </>
          )}
          {r.concept_doi && (
            <>
              <dt>{trans.__('All versions (concept DOI)')}</dt>
              <dd>
                <a
                  href={`https://doi.org/${r.concept_doi}`}
                  target="_blank"
                  rel="noopener noreferrer"
                >
                  {r.concept_doi}
                </a>
              </dd>
            </>
          )}
          {r.html_url && (
            <>
              <dt>{trans.__('Repository page')}</dt>
              <dd>
                <a href={r.html_url} target="_blank" rel="noopener noreferrer">
                  {r.html_url}
                </a>
              </dd>
            </>
          )}
        </dl>
      </section>

      {r.versions.length > 0 && (
        <section aria-labelledby={`versions-${r.id}`}>
          <h2 id={`versions-${r.id}`}>
            {trans.__('Versions (%1)', r.version_count ?? r.versions.length)}
          </h2>
          <ul className="jp-escape-OSSR-versions">
            {r.versions.map(v => (
              <li key={v.id}>
                {v.id === r.id ? (
                  <strong aria-current="true">{v.version ?? v.id}</strong>
                ) : (
                  <button
                    type="button"
                    className="jp-escape-OSSR-linkButton"
                    onClick={() => setId(v.id)}
                  >
                    {v.version ?? v.id}
                  </button>
                )}{' '}
                <span className="jp-escape-OSSR-muted">
                  {v.publication_date}
                  {v.is_latest ? ' · ' + trans.__('latest') : ''}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby={`files-${r.id}`}>
        <h2 id={`files-${r.id}`}>{trans.__('Files (%1)', r.files.length)}</h2>
        {r.files.length === 0 ? (
          <p className="jp-escape-OSSR-muted">
            {trans.__('No files (metadata only).')}
          </p>
        ) : (
          <table className="jp-escape-OSSR-table">
            <thead>
              <tr>
                <th scope="col">{trans.__('Name')}</th>
                <th scope="col">{trans.__('Size')}</th>
                <th scope="col">{trans.__('Checksum')}</th>
              </tr>
            </thead>
            <tbody>
              {r.files.map(f => (
                <tr key={f.key}>
                  <td>{f.key}</td>
                  <td>{formatBytes(f.size)}</td>
                  <td>
                    <code>{f.checksum ?? (f.md5 ? `md5:${f.md5}` : '')}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby={`codemeta-${r.id}`}>
        <h2 id={`codemeta-${r.id}`}>
          {trans.__('codemeta.json and the OSSR rules')}
        </h2>
        {!r.codemeta?.present ? (
          <p className="jp-escape-OSSR-muted">
            {trans.__(
              'This record has no codemeta.json: it cannot be checked against the OSSR rules.'
            )}
          </p>
        ) : report ? (
          <ComplianceReport report={report} trans={trans} />
        ) : (
          <p>{trans.__('The codemeta.json could not be read.')}</p>
        )}
        {r.codemeta?.codemeta && (
          <details>
            <summary>{trans.__('Show codemeta.json')}</summary>
            <pre className="jp-escape-OSSR-code">
              {JSON.stringify(r.codemeta.codemeta, null, 2)}
            </pre>
          </details>
        )}
      </section>
    </div>
  );
}

/** Server-sanitised description, sanitised again with JupyterLab's sanitizer before it reaches the DOM. */
function SafeHTML(props: {
  html: string;
  sanitize: (html: string) => string;
}): JSX.Element {
  const clean = React.useMemo(
    () => props.sanitize(props.html || ''),
    [props.html]
  );
  return (
    <div
      className="jp-escape-OSSR-description jp-RenderedHTMLCommon"
      dangerouslySetInnerHTML={{ __html: clean }}
    />
  );
}

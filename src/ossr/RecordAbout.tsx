/** A record's "About": authors (with ORCID), licence, code repository, language, requirements, keywords, DOIs. */
import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
import { IAuthor, IRecordView } from './api';
import { licenceText } from './components';

export function RecordAbout(props: {
  record: IRecordView;
  trans: TranslationBundle;
}): JSX.Element {
  const { record: r, trans } = props;
  const languages = Array.isArray(r.programming_language)
    ? r.programming_language
    : r.programming_language
      ? [r.programming_language]
      : [];
  const licence = licenceText(r.license);
  const licenceUrl =
    typeof r.license === 'object' && r.license ? r.license.url : null;
  return (
    <section aria-labelledby={`about-${r.id}`}>
      <h2 id={`about-${r.id}`}>{trans.__('About')}</h2>
      <dl className="jp-escape-OSSR-details">
        <dt>{trans.__('Authors')}</dt>
        <dd>
          <ul className="jp-escape-OSSR-authorList">
            {r.authors.map((a, i) => (
              <Author key={`${a.name} ${i}`} author={a} trans={trans} />
            ))}
          </ul>
        </dd>
        <dt>{trans.__('Licence')}</dt>
        <dd>
          {licenceUrl ? (
            <ExternalLink href={licenceUrl}>{licence}</ExternalLink>
          ) : (
            licence || trans.__('not given')
          )}
        </dd>
        <dt>{trans.__('Code repository')}</dt>
        <dd>
          {r.code_repository ? (
            <ExternalLink href={r.code_repository}>
              {r.code_repository}
            </ExternalLink>
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
              <ExternalLink href={`https://doi.org/${r.concept_doi}`}>
                {r.concept_doi}
              </ExternalLink>
            </dd>
          </>
        )}
        {r.html_url && (
          <>
            <dt>{trans.__('Repository page')}</dt>
            <dd>
              <ExternalLink href={r.html_url}>{r.html_url}</ExternalLink>
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}

function Author(props: {
  author: IAuthor;
  trans: TranslationBundle;
}): JSX.Element {
  const { author: a, trans } = props;
  return (
    <li>
      {a.name}
      {a.affiliation && (
        <span className="jp-escape-OSSR-muted"> ({a.affiliation})</span>
      )}
      {a.orcid_url && (
        <>
          {' '}
          <a
            href={a.orcid_url}
            target="_blank"
            rel="noopener noreferrer"
            aria-label={trans.__('ORCID of %1: %2', a.name, a.orcid ?? '')}
            className="jp-escape-OSSR-orcid"
          >
            ORCID {a.orcid}
          </a>
        </>
      )}
    </li>
  );
}

/** A link that opens in a new tab without giving it this page. */
export function ExternalLink(props: {
  href: string;
  children: React.ReactNode;
}): JSX.Element {
  return (
    <a href={props.href} target="_blank" rel="noopener noreferrer">
      {props.children}
    </a>
  );
}

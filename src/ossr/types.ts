/** What the OSSR routes answer about the repository, its search and its records (docs/api/ossr.md). */
export type Level = 'ok' | 'warn' | 'error';

export interface IRule {
  rule: string;
  term: string | null;
  level: Level;
  message: string;
  /** Who decides the rule: "eossr <version>" (the OSSR's own library) or "jupyter-escape" (where eossr has none). */
  source?: string;
}

export interface IReport {
  compliant: boolean;
  errors: number;
  warnings: number;
  rules: IRule[];
  /** The eossr version applied, and the name of the project's own additions. */
  sources?: { eossr: string; own: string };
}

export interface IRateLimit {
  url: string;
  retry_after: number;
  attempt: number;
}

export interface IConfig {
  configured: boolean;
  name?: string;
  display_name?: string;
  base_url?: string;
  community?: string;
  sandbox_url?: string;
  sandbox_available: boolean;
  can_publish?: boolean;
}

export interface IHit {
  id: number;
  conceptrecid: number | null;
  doi: string | null;
  title: string;
  version: string | null;
  publication_date: string | null;
  type: string | null;
  license: string | null;
  keywords: string[];
  creators: string[];
  summary: string;
  files: number;
  has_codemeta: boolean;
  binder_url: string | null;
  html_url: string | null;
  is_latest: boolean;
}

export interface IFacet {
  key: string;
  count: number;
}

export interface ISearchReply {
  total: number;
  page: number;
  size: number;
  has_next: boolean;
  sort: string;
  community: string;
  hits: IHit[];
  facets: Record<string, IFacet[]>;
  rate_limited: IRateLimit[];
}

export interface ISearchQuery {
  q?: string;
  type?: string;
  keywords?: string;
  facility?: string;
  license?: string;
  language?: string;
  sort?: string;
  size?: number;
  page?: number;
  all_versions?: boolean;
}

export interface IAuthor {
  name: string;
  family: string | null;
  given: string | null;
  orcid: string | null;
  orcid_url: string | null;
  affiliation: string | null;
}

export interface IFile {
  key: string;
  size: number;
  checksum: string | null;
  md5: string | null;
  url: string | null;
}

export interface IVersion {
  id: number;
  version: string | null;
  publication_date: string | null;
  doi: string | null;
  is_latest: boolean;
  index: number | null;
}

export interface ICodemetaView {
  present: boolean;
  codemeta: Record<string, unknown> | null;
  report: IReport | null;
}

/** `GET ossr/records/<id>`: a search hit's fields, with files listed and the licence as an object. */
export interface IRecordView extends Omit<IHit, 'files' | 'license'> {
  requested_id: number | string;
  concept_doi: string | null;
  description_html: string;
  authors: IAuthor[];
  license: { id: string | null; url: string | null } | string | null;
  code_repository: string | null;
  requirements: string[];
  programming_language: string | string[] | null;
  files: IFile[];
  versions: IVersion[];
  latest_id: number | null;
  version_count: number | null;
  doi_url: string | null;
  communities: string[];
  related: {
    identifier: string;
    relation: string;
    resource_type: string | null;
    scheme: string | null;
  }[];
  codemeta: ICodemetaView;
  notice?: string;
  rate_limited?: IRateLimit[];
}

export type CiteFormat = 'bibtex' | 'cff' | 'datacite';

export interface ICitation {
  format: CiteFormat;
  mime: string;
  filename: string;
  text: string;
}

export interface ISnippet {
  id: string;
  title: string;
  language: string;
  code: string;
}

/**
 * Pure helpers of the codemeta.json form: read a term as text, write it back, edit authors without losing
 * their other fields, pick the report's rules about one term. Tested in __tests__/ossrCodemeta.spec.ts.
 */
import { IReport, IRule } from './api';

export type Codemeta = Record<string, unknown>;

/** A JSON object's fields (codemeta terms, authors); anything else has none. */
type Fields = Record<string, unknown>;
const fields = (value: unknown): Fields =>
  value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Fields)
    : {};

/** A term as the form shows it: lists joined with ", ". */
export function termText(doc: Codemeta, term: string, list: boolean): string {
  const value = doc[term];
  if (value === undefined || value === null) {
    return '';
  }
  if (Array.isArray(value)) {
    return value
      .map(v =>
        typeof v === 'string' ? v : String(fields(v).name ?? JSON.stringify(v))
      )
      .join(', ');
  }
  if (typeof value === 'object') {
    const f = fields(value);
    return String(f.url ?? f['@id'] ?? f.name ?? JSON.stringify(value));
  }
  return String(value);
}

/** A copy of `doc` with `term` set from the form's text (removed when empty). */
export function setTerm(
  doc: Codemeta,
  term: string,
  text: string,
  list: boolean
): Codemeta {
  const next = { ...doc };
  if (list) {
    const parts = text.split(',').map(s => s.trim());
    // a trailing empty item stays while the user is typing "a, " (the next keyword comes after it)
    const items = parts.filter(
      (s, i) => s !== '' || (i === parts.length - 1 && i > 0)
    );
    if (items.length === 0) {
      delete next[term];
    } else {
      next[term] = items;
    }
    return next;
  }
  if (text === '') {
    delete next[term];
  } else {
    next[term] = text;
  }
  return next;
}

export interface IAuthorFields {
  givenName: string;
  familyName: string;
  orcid: string;
  /** The entry as it was, so fields the form does not show (email, affiliation) survive an edit. */
  raw?: Record<string, unknown>;
}

export function authorsOf(doc: Codemeta): IAuthorFields[] {
  const value = doc.author;
  const list = Array.isArray(value) ? value : value ? [value] : [];
  return list
    .filter(a => a && typeof a === 'object')
    .map(fields)
    .map(a => ({
      givenName: String(a.givenName ?? ''),
      familyName: String(a.familyName ?? a.name ?? ''),
      orcid: String(a['@id'] ?? a.id ?? ''),
      raw: a
    }));
}

/** A copy of `doc` with these authors, each keeping the fields the form does not show. */
export function setAuthors(
  doc: Codemeta,
  authors: IAuthorFields[]
): Codemeta & { author: Record<string, unknown>[] } {
  const author = authors.map(a => {
    const entry: Record<string, unknown> = {
      '@type': 'Person',
      ...(a.raw ?? {})
    };
    delete entry.id;
    if (entry['@type'] === 'Organization') {
      entry.name = a.familyName;
    } else {
      entry.givenName = a.givenName;
      entry.familyName = a.familyName;
    }
    if (a.orcid.trim()) {
      entry['@id'] = a.orcid.trim();
    } else {
      delete entry['@id'];
    }
    return entry;
  });
  return { ...doc, author };
}

/** The failing (warn/error) rules of `report` about `term`. */
export function rulesFor(report: IReport | null, term: string): IRule[] {
  if (!report) {
    return [];
  }
  return report.rules.filter(
    r =>
      r.level !== 'ok' &&
      (r.term === term ||
        r.rule.split('.')[1] === term ||
        r.rule.startsWith(`${term}.`))
  );
}

/** A person's "Given Family" (or an organisation's name), as the form compares and shows people. */
function personName(value: unknown): string {
  const f = fields(value);
  return [f.givenName, f.familyName ?? f.name]
    .filter(v => typeof v === 'string' && v.trim())
    .map(v => String(v).trim())
    .join(' ');
}

/** The maintainer's name as the document has it ('' when there is none; the first one of a list). */
export function maintainerName(doc: Codemeta): string {
  const value = doc.maintainer;
  return personName(Array.isArray(value) ? value[0] : value);
}

/** Which author is the maintainer (same names), -1 when there is none or it is not one of the authors. */
export function maintainerIndex(doc: Codemeta): number {
  const name = maintainerName(doc);
  if (!name) {
    return -1;
  }
  const value = doc.author;
  const list = Array.isArray(value) ? value : value ? [value] : [];
  return list.findIndex(a => personName(a) === name);
}

/**
 * A copy of `doc` whose maintainer is author `index` (eossr requires one): that author's entry (its @type, names,
 * ORCID, email, affiliation), removed when `index` is -1.
 */
export function setMaintainer(doc: Codemeta, index: number): Codemeta {
  const next = { ...doc };
  const value = doc.author;
  const list = Array.isArray(value) ? value : value ? [value] : [];
  const author = list[index];
  if (index < 0 || !author || typeof author !== 'object') {
    delete next.maintainer;
  } else {
    next.maintainer = { '@type': 'Person', ...fields(author) };
  }
  return next;
}

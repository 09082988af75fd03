/**
 * Pure helpers of the codemeta.json form: read a term as text, write it back, edit authors without losing
 * their other fields, pick the report's rules about one term. Tested in __tests__/ossrCodemeta.spec.ts.
 */
import { IReport, IRule } from './api';

export type Codemeta = Record<string, any>;

/** A term as the form shows it: lists joined with ", ". */
export function termText(doc: Codemeta, term: string, list: boolean): string {
  const value = doc[term];
  if (value === undefined || value === null) {
    return '';
  }
  if (Array.isArray(value)) {
    return value
      .map(v => (typeof v === 'string' ? v : (v?.name ?? JSON.stringify(v))))
      .join(', ');
  }
  if (typeof value === 'object') {
    return String(
      value.url ?? value['@id'] ?? value.name ?? JSON.stringify(value)
    );
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
  raw?: Record<string, any>;
}

export function authorsOf(doc: Codemeta): IAuthorFields[] {
  const value = doc.author;
  const list = Array.isArray(value) ? value : value ? [value] : [];
  return list
    .filter(a => a && typeof a === 'object')
    .map(a => ({
      givenName: String(a.givenName ?? ''),
      familyName: String(a.familyName ?? a.name ?? ''),
      orcid: String(a['@id'] ?? a.id ?? ''),
      raw: a
    }));
}

export function setAuthors(doc: Codemeta, authors: IAuthorFields[]): Codemeta {
  const next = { ...doc };
  next.author = authors.map(a => {
    const entry: Record<string, any> = { '@type': 'Person', ...(a.raw ?? {}) };
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
  return next;
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

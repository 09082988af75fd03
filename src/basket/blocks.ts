/** Comparing basket blocks of notebooks (pure: tested in __tests__/basket.spec.ts). */
import type { INotebookBlock } from './api';

/** Same items (ids and payloads) in both blocks? (`saved` timestamps may differ.) */
export function sameBlock(
  a: INotebookBlock | null,
  b: INotebookBlock | null
): boolean {
  const key = (x: INotebookBlock | null) =>
    canonicalJSON({ groups: x?.groups ?? [], items: x?.items ?? [] });
  return key(a) === key(b);
}

/** JSON with object keys sorted: the notebook model (a shared Y.js map) does not keep key order. */
export function canonicalJSON(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJSON).join(',')}]`;
  }
  if (value && typeof value === 'object') {
    const fields = value as Record<string, unknown>;
    const entries = Object.keys(fields)
      .sort()
      .filter(k => fields[k] !== undefined)
      .map(k => `${JSON.stringify(k)}:${canonicalJSON(fields[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** Table rows as the sky view uses them. Kept apart so the eagerly loaded service does not pull in the
 * view code. */

/** Rows as records, from records or from columns. */
export function toRecords(
  rows: Record<string, unknown>[] | Record<string, ArrayLike<unknown>>
): Record<string, unknown>[] {
  if (Array.isArray(rows)) {
    return rows;
  }
  const names = Object.keys(rows);
  const n = names.length ? rows[names[0]].length : 0;
  const out: Record<string, unknown>[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const record: Record<string, unknown> = {};
    for (const name of names) {
      record[name] = rows[name][i];
    }
    out[i] = record;
  }
  return out;
}
